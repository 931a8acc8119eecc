// A new Float64Array costs V8 a few hundred nanoseconds however small it is (an ArrayBuffer
// and its backing store, and work for the collector later): more than the scalar operations
// of the course's loops compute. Small arrays are therefore cut from a shared slab, where a
// view costs about twenty nanoseconds. A slab is never handed out twice, so every array is
// its own zeroed memory, exactly as a fresh one would be; a slab is freed with its last array.
// Large arrays, whose cost lies in their bytes, are allocated on their own.

/** Doubles per slab (32 KiB): the most a small array kept alive can hold on to. */
const SLAB = 4096;
/** Arrays up to this many doubles come from a slab. */
const SMALL = 128;

let slab = new ArrayBuffer(SLAB * 8), used = 0;

// Inside backward(), large gradient arrays come from a scratch area reused by every pass:
// they live only until the pass ends (`.grad` keeps a copy), so the next pass may overwrite
// them. It stays as large as the largest pass needed, up to SCRATCH_MAX doubles.
const SCRATCH_MAX = 1 << 21; // 16 MiB
let scratch = new Float64Array(0), scratchUsed = 0, inScratch = false;

/**
 * Runs `fn` (a backward pass) with large arrays taken from the scratch area, which is
 * reused from its start on the next call: nothing allocated inside may outlive `fn`.
 */
export function withScratch<T>(fn: () => T): T {
  const before = inScratch;
  inScratch = true;
  if (!before) scratchUsed = 0;
  try {
    return fn();
  } finally {
    inScratch = before;
  }
}

/**
 * A zeroed `Float64Array` of length `n` for an operation's result or gradient. With `zeroed`
 * false, for a kernel that writes every element before reading any, an array from the scratch
 * area keeps what an earlier pass left in it, which saves clearing it.
 */
export function alloc(n: number, zeroed = true): Float64Array {
  if (n > SMALL) {
    if (!inScratch || scratchUsed + n > SCRATCH_MAX) return new Float64Array(n);
    if (scratchUsed + n > scratch.length) {
      // Too small: a larger area for this pass and the next (what this pass already
      // handed out stays valid in the old one).
      scratch = new Float64Array(Math.min(SCRATCH_MAX, Math.max(2 * scratch.length, 4 * n)));
      scratchUsed = 0;
    }
    const out = scratch.subarray(scratchUsed, scratchUsed + n);
    scratchUsed += n;
    return zeroed ? out.fill(0) : out;
  }
  if (used + n > SLAB) {
    slab = new ArrayBuffer(SLAB * 8);
    used = 0;
  }
  const out = new Float64Array(slab, used * 8, n);
  used += n;
  return out;
}

/** A one-element array holding `value` (`Float64Array.of(value)`, from a slab). */
export function scalar(value: number): Float64Array {
  const out = alloc(1);
  out[0] = value;
  return out;
}
