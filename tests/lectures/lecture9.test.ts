/**
 * Lecture 9's listings and the engine tell one story: each output block the page shows is what
 * the engine computes in `_data/lecture9.ts` (the listings test then proves that Python prints
 * it), and the initial weights the engine trains from are the ones PyTorch draws after
 * `torch.manual_seed(0)` for the listing's `Net`.
 */
import assert from "node:assert/strict";
import { extractListings } from "../../ssg/core/listings.ts";
import { compareOutput } from "../python.ts";
import lecture9 from "../../_data/lecture9.ts";
import { ROOT } from "../helpers.ts";

const files = ["09-softmax-classifier.md", "09-softmax-classifier.en.md"];

/** The listing whose code contains `marker`, and its output block. */
function listing(file: string, marker: string) {
  const all = extractListings(Deno.readTextFileSync(`${ROOT}/lectures/${file}`), file);
  const found = all.find((l) => l.code.includes(marker));
  assert.ok(found?.output, `${file}: a runnable listing with ${marker} and its output`);
  return found;
}

for (const file of files) {
  Deno.test(`lectures/${file}: the output blocks are the engine's numbers`, () => {
    const one = listing(file, "np.exp(z)");
    const [pLine, lossLine] = one.output!.text.trim().split("\n");
    assert.deepEqual(
      pLine.replace(/^p = \[|\]$/g, "").trim().split(/\s+/).map(Number),
      lecture9.one.p.map(Number),
    );
    assert.equal(lossLine, `loss = ${lecture9.one.loss}`);
    const batch = listing(file, "CrossEntropyLoss()");
    const { loss1, loss2, viaNll } = lecture9.batch;
    assert.deepEqual(
      batch.output!.text.trim().split("\n").map((l) => l.split(" = ").at(-1)),
      [loss1, loss2, viaNll],
    );
    assert.ok(batch.needs.includes("torch"), `${file}: the CrossEntropyLoss listing needs torch`);
    const digits = listing(file, "datasets/digits.csv");
    assert.ok(digits.needs.includes("torch"));
    // The block may leave lines out as `...`; every line it shows is the engine's.
    const diff = compareOutput(digits.output!.text, lecture9.digits.printout.join("\n"));
    assert.equal(diff, null, JSON.stringify(diff));
    const shown = digits.output!.text.trim().split("\n");
    assert.equal(shown.at(-1), lecture9.digits.printout.at(-1), "the last epoch is shown");
  });
}

const TORCH_PYTHON = "/usr/bin/python3";
const INIT = `
import json, torch
torch.manual_seed(0)
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = torch.nn.Linear(64, 32)
        self.l2 = torch.nn.Linear(32, 10)
model = Net()
print(json.dumps({k: v.tolist() for k, v in model.state_dict().items()}))
`;
const torch = (() => {
  try {
    return new Deno.Command(TORCH_PYTHON, { args: ["-c", "import torch"], stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
})();
if (!torch) {
  if (Deno.env.get("CI")) throw new Error(`lecture9.test.ts: ${TORCH_PYTHON} has no torch`);
  console.warn(`lecture9.test.ts: torch check SKIPPED — ${TORCH_PYTHON} cannot import torch`);
}

Deno.test({
  name: "_data/lecture9/torch_init.json: PyTorch's Net after torch.manual_seed(0), to the bit",
  ignore: !torch,
  async fn() {
    const out = await new Deno.Command(TORCH_PYTHON, { args: ["-c", INIT] }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const fromTorch = JSON.parse(new TextDecoder().decode(out.stdout));
    const stored = JSON.parse(
      Deno.readTextFileSync(`${ROOT}/_data/lecture9/torch_init.json`),
    );
    for (const key of ["l1.weight", "l1.bias", "l2.weight", "l2.bias"]) {
      const a = [fromTorch[key]].flat(2) as number[], b = [stored[key]].flat(2) as number[];
      assert.equal(b.length, a.length, key);
      // The file keeps each float32 in its shortest form: it must round to the same float32.
      const differ = a.findIndex((v, i) => Math.fround(b[i]) !== v);
      assert.equal(differ, -1, `${key}[${differ}]: stored ${b[differ]}, torch ${a[differ]}`);
    }
  },
});
