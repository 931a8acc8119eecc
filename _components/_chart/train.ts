import { runKey, train, type TrainConfig, type TrainRecord } from "../../engine/mod.ts";

const records = new Map<string, TrainRecord>();

/**
 * `train(config)`, run once per process for each `runKey`: the charts of a page (and the
 * page's `_data/` module) that name the same run share one record. Records are plain data
 * that nobody mutates, so sharing them is safe.
 */
export function trainOnce(config: TrainConfig): TrainRecord {
  const key = runKey(config);
  let run = records.get(key);
  if (run === undefined) {
    run = train(config);
    records.set(key, run);
  }
  return run;
}
