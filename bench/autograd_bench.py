# PyTorch half of bench/autograd_bench.ts: the same two training loops, timed inside Python
# (time.perf_counter around one whole loop, after warm-up; the model is built before the clock
# starts), so process start and import do not count. Reads one JSON line (the data and initial
# weights of run b), then answers each line "a" or "b" with the seconds one round took (wall
# clock, and CPU time of the process), and its last loss, as JSON; "quit" ends.
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

setup = json.loads(sys.stdin.readline())


def lecture4():
    """Lecture 4's loop: x * w, (y_pred - y) ** 2, backward, w.data -= lr * w.grad.data."""
    x_data, y_data = [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]
    w = torch.tensor([1.0], requires_grad=True)

    def loop():
        for epoch in range(100):
            for x, y in zip(x_data, y_data):
                l = (x * w - y) ** 2
                l.backward()
                w.data = w.data - 0.01 * w.grad.data
                w.grad.data.zero_()
        return l.item()

    return loop


x_b = torch.tensor(setup["x"], dtype=torch.float64)
y_b = torch.tensor(setup["y"], dtype=torch.float64)


def network():
    """8 -> 6 -> 4 -> 1 sigmoid network, BCELoss, SGD, full batch, 100 epochs."""
    model = torch.nn.Sequential(
        torch.nn.Linear(8, 6), torch.nn.Sigmoid(),
        torch.nn.Linear(6, 4), torch.nn.Sigmoid(),
        torch.nn.Linear(4, 1), torch.nn.Sigmoid(),
    )
    with torch.no_grad():
        for p, v in zip(model.parameters(), setup["parameters"]):
            p.copy_(torch.tensor(v))
    criterion = torch.nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=setup["lr"])

    def loop():
        for epoch in range(100):
            y_pred = model(x_b)
            loss = criterion(y_pred, y_b)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return loss.item()

    return loop


runs = {"a": lecture4, "b": network}
for prepare in runs.values():
    for _ in range(setup["warmup"]):
        prepare()()
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)

for line in sys.stdin:
    name = line.strip()
    if name == "quit":
        break
    loop = runs[name]()
    cpu, start = time.process_time(), time.perf_counter()
    loss = loop()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "loss": loss}), flush=True)
