/**
 * datasets/breast_cancer8.csv is what datasets/breast_cancer8.ts makes of Debian's
 * python3-sklearn copy of the Wisconsin table (skipped with a message where that package is not
 * installed), reads back as the lectures use it, and datasets/engine_random.py draws the engine's
 * initial weights and shuffles.
 */
import assert from "node:assert/strict";
import { breastCancer8, deriveBreastCancer8, SOURCE } from "../../datasets/breast_cancer8.ts";
import { parseTable, readTable } from "../../datasets/table.ts";
import { buildModel, DataLoader, tensor, TensorDataset } from "../../engine/mod.ts";
import { hasTorch } from "../engine/torch.ts";
import { ROOT } from "../helpers.ts";

const hasSource = (() => {
  try {
    return Deno.statSync(SOURCE).isFile;
  } catch {
    return false;
  }
})();
if (!hasSource) {
  console.warn(`breast_cancer8.test.ts: derivation SKIPPED — no ${SOURCE} (python3-sklearn)`);
}

Deno.test({
  name: "datasets/breast_cancer8.csv is breast_cancer8.ts's output from Debian's sklearn copy",
  ignore: !hasSource,
  fn() {
    const shipped = Deno.readTextFileSync(`${ROOT}/datasets/breast_cancer8.csv`);
    assert.equal(shipped, deriveBreastCancer8(Deno.readTextFileSync(SOURCE)));
  },
});

Deno.test("breastCancer8(): 569 rows of 8 features in [−1, 1], each reaching both ends; 212 malignant", () => {
  const { x, y, columns } = breastCancer8();
  assert.equal(x.length, 569);
  assert.equal(columns.length, 8);
  for (let j = 0; j < 8; j++) {
    const col = x.map((r) => r[j]);
    assert.equal(Math.min(...col), -1, columns[j]);
    assert.equal(Math.max(...col), 1, columns[j]);
  }
  assert.equal(y.filter(([v]) => v === 1).length, 212);
  assert.ok(y.every(([v]) => v === 0 || v === 1));
});

Deno.test("datasets: the data sets stay under 1 MB in all", () => {
  let bytes = 0;
  for (const e of Deno.readDirSync(`${ROOT}/datasets`)) {
    if (e.isFile) bytes += Deno.statSync(`${ROOT}/datasets/${e.name}`).size;
  }
  assert.ok(bytes < 1_000_000, `datasets/ holds ${bytes} bytes`);
});

Deno.test("parseTable(): a bad cell or a short row names the file, line and column", () => {
  assert.throws(
    () => parseTable("a,b\n1,2\n3,x\n", "datasets/t.csv"),
    /datasets\/t\.csv:3: column 2 \(b\) is "x", not a number/,
  );
  assert.throws(
    () => parseTable("a,b\n1\n", "datasets/t.csv"),
    /t\.csv:2: 1 values, but the header names 2/,
  );
  assert.throws(
    () => parseTable("1,2\n3,4\n", "datasets/t.csv"),
    /t\.csv:1: the first line must name/,
  );
  assert.deepEqual(readTable("breast_cancer8.csv").columns.at(-1), "malignant");
});

const torch = hasTorch();
Deno.test({
  name: "engine_random.py: the engine's initial weights (seed 7) and epoch orders, draw for draw",
  ignore: !torch.ok,
  async fn() {
    const layers = [[8, 6], [6, 4], [4, 1]] as const;
    const model = buildModel({
      model: {
        layers: layers.flatMap((
          [i, o],
        ) => [{ linear: [i, o] as [number, number] }, "sigmoid" as const]),
      },
      seed: 7,
    });
    const weights = model.parameters().flatMap((t) => Array.from(t.data));
    const loader = new DataLoader(
      new TensorDataset(tensor(Array.from({ length: 569 }, (_, i) => [i]))),
      { batchSize: 32, shuffle: true, seed: 7 },
    );
    const orders = [0, 1, 99].map((e) => Array.from(loader.order(e)));
    const script = `
import json, torch
from datasets.engine_random import Generator, EngineShuffle
torch.set_default_dtype(torch.float64)
layers = [torch.nn.Linear(i, o) for i, o in ${JSON.stringify(layers)}]
Generator(7).init(*layers)
weights = [v for l in layers for t in (l.weight, l.bias) for v in t.detach().reshape(-1).tolist()]
shuffle = EngineShuffle(569, seed=7)
orders = [list(shuffle) for _ in range(100)]
print(json.dumps({"weights": weights, "orders": [orders[0], orders[1], orders[99]]}))
`;
    const run = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", script],
      cwd: ROOT,
      env: { PYTHONDONTWRITEBYTECODE: "1" },
    })
      .output();
    assert.ok(run.success, new TextDecoder().decode(run.stderr));
    const py = JSON.parse(new TextDecoder().decode(run.stdout));
    assert.deepEqual(py.weights, weights);
    assert.deepEqual(py.orders, orders);
  },
});
