/**
 * A thread that builds one part of the search index on a pagefind process of its own
 * (search_pagefind.ts). Build code, not page code: it is given pages' searchable HTML.
 */
import { localShard, type Shard } from "./search_pagefind.ts";

let shard: Shard | undefined;

self.onmessage = async ({ data }: MessageEvent) => {
  const { id } = data;
  try {
    if (data.open) shard = await localShard(data.open);
    else if (data.add) await shard!.add(data.add);
    else if (data.files) return self.postMessage({ id, files: await shard!.files() });
    else if (data.close) await shard?.close();
    self.postMessage({ id });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
