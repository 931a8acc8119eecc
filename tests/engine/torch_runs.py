"""PyTorch twin of the engine's training runs, for the parity tests (tests/engine/parity.test.ts).

Reads a JSON list of runs on stdin, each spelled as engine/train.ts's TrainConfig with every
initial weight and every epoch's sample order given explicitly (PyTorch's own generator cannot
be reproduced), runs each in PyTorch 1.13 on one thread, and prints the records as JSON:
per-step loss, parameters before each step (and at the end), gradients at each step, and the
loss on the whole set after each epoch. Also evaluates single losses ("evaluate" entries).
Run with Debian's /usr/bin/python3, which has torch.
"""
import json
import sys

import torch

torch.set_num_threads(1)

DTYPES = {"float64": torch.float64, "float32": torch.float32}


class Polynomial(torch.nn.Module):
    """y_hat = w1 * x**2 + w2 * x + b, as lecture 4 and its homework write it."""

    def __init__(self, weights, bias, dtype):
        super().__init__()
        self.ws = torch.nn.ParameterList(
            [torch.nn.Parameter(torch.tensor([w], dtype=dtype)) for w in weights])
        self.b = None if bias is None else torch.nn.Parameter(torch.tensor([bias], dtype=dtype))

    def ordered(self):
        # The engine's order (w1, w2, …, b); parameters() would yield b before the list's.
        return list(self.ws) + ([] if self.b is None else [self.b])

    def forward(self, x):
        d = len(self.ws)
        out = None
        for i, w in enumerate(self.ws):
            power = d - i
            term = x * w if power == 1 else w * x ** power
            out = term if out is None else out + term
        return out if self.b is None else out + self.b


def build_model(spec, dtype):
    if "polynomial" in spec:
        return Polynomial(spec["polynomial"], spec.get("bias"), dtype)
    layers = []
    for layer in spec["layers"]:
        if layer == "sigmoid":
            layers.append(torch.nn.Sigmoid())
        elif layer == "relu":
            layers.append(torch.nn.ReLU())
        elif layer == "tanh":
            layers.append(torch.nn.Tanh())
        else:
            n_in, n_out = layer["linear"]
            has_bias = layer.get("bias") is not False
            linear = torch.nn.Linear(n_in, n_out, bias=has_bias, dtype=dtype)
            with torch.no_grad():
                linear.weight.copy_(torch.tensor(layer["weight"], dtype=dtype))
                if has_bias:
                    linear.bias.copy_(torch.tensor(layer["bias"], dtype=dtype))
            layers.append(linear)
    return torch.nn.Sequential(*layers)


def build_loss(spec, polynomial):
    reduction = spec.get("reduction", "mean")
    name = spec["name"]
    if name == "mse" and polynomial:
        # The course's own expression: (y_pred - y) ** 2.
        return lambda out, y: ((out - y) ** 2).sum() if reduction == "sum" else ((out - y) ** 2).mean()
    if name == "mse":
        return torch.nn.MSELoss(reduction=reduction)
    if name == "bce":
        return torch.nn.BCELoss(reduction=reduction)
    if name == "crossEntropy":
        return torch.nn.CrossEntropyLoss(reduction=reduction)
    if name == "nll":
        return torch.nn.NLLLoss(reduction=reduction)
    raise ValueError(name)


KEYS = {"weightDecay": "weight_decay", "lrDecay": "lr_decay",
        "initialAccumulatorValue": "initial_accumulator_value"}


def build_optimizer(params, spec):
    options = {KEYS.get(k, k): (tuple(v) if k == "betas" else v)
               for k, v in spec.items() if k != "name"}
    name = spec["name"]
    if name == "manual":
        return None
    return {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adagrad": torch.optim.Adagrad,
            "rmsprop": torch.optim.RMSprop}[name](params, **options)


def flat(tensors):
    return [v for t in tensors for v in t.detach().reshape(-1).tolist()]


def run(spec):
    dtype = DTYPES[spec["dtype"]]
    classes = spec["loss"]["name"] in ("crossEntropy", "nll")
    x = torch.tensor(spec["x"], dtype=dtype)
    y = torch.tensor(spec["y"], dtype=torch.long if classes else dtype)
    model = build_model(spec["model"], dtype)
    params = model.ordered() if isinstance(model, Polynomial) else list(model.parameters())
    loss_fn = build_loss(spec["loss"], "polynomial" in spec["model"])
    optimizer = build_optimizer(params, spec["optimizer"])
    lr = spec["optimizer"]["lr"]
    record = {"stepLoss": [], "parameters": [], "gradients": [], "epochLoss": []}
    with torch.no_grad():
        record["epochLoss"].append(loss_fn(model(x), y).item())
    for epoch in range(spec["epochs"]):
        for rows in spec["batches"][epoch]:
            xb, yb = x[rows], y[rows]
            record["parameters"].append(flat(params))
            loss = loss_fn(model(xb), yb)
            record["stepLoss"].append(loss.item())
            if optimizer is None:
                loss.backward()
                record["gradients"].append(flat(p.grad for p in params))
                for p in params:
                    p.data = p.data - lr * p.grad.data
                    p.grad.data.zero_()
            else:
                optimizer.zero_grad()
                loss.backward()
                record["gradients"].append(flat(p.grad for p in params))
                optimizer.step()
        with torch.no_grad():
            record["epochLoss"].append(loss_fn(model(x), y).item())
    record["parameters"].append(flat(params))
    return record


def evaluate(spec):
    dtype = DTYPES[spec["dtype"]]
    logits = torch.tensor(spec["logits"], dtype=dtype, requires_grad=True)
    target = torch.tensor(spec["target"], dtype=torch.long)
    loss = torch.nn.CrossEntropyLoss(reduction=spec.get("reduction", "mean"))(logits, target)
    loss.backward()
    return {"loss": loss.item(), "grad": flat([logits.grad])}


def main():
    runs = json.load(sys.stdin)
    out = {}
    for spec in runs:
        out[spec["name"]] = evaluate(spec) if "logits" in spec else run(spec)
    json.dump({"torch": torch.__version__, "runs": out}, sys.stdout)


if __name__ == "__main__":
    main()
