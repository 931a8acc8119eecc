// gemm.ts's float64 matrix products as JavaScript loops: where WebAssembly SIMD is not
// available, and for products too small for a call into it to pay. Each output element sums
// its products in order of the inner index, starting from 0; the sums of a tile of
// neighbouring outputs run side by side in registers (the same additions in the same order, so
// the same bits), which is what makes the course's 759 × 8 batches fast: the plain loops stored
// and reloaded every partial sum. All three write the `out` they are given and return it.

/**
 * `out[i·n + j] = Σ_p A[i·ai + p·ap] · B[p·bp + j·bj]` (+ `bias[j]` after the sum), p
 * ascending, into `out`, for two or more columns and an inner size above 1: tiles of two rows
 * by four columns (three when that divides the columns and four does not, as for the course's
 * 6-unit layer).
 */
export function tiles(
  A: Float64Array,
  ai: number,
  ap: number,
  B: Float64Array,
  bp: number,
  bj: number,
  m: number,
  k: number,
  n: number,
  bias: Float64Array | null,
  out: Float64Array,
): Float64Array {
  const b1 = bj, b2 = 2 * bj, b3 = 3 * bj;
  const four = n % 4 === 0 || n % 3 !== 0 ? n - (n % 4) : 0;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const row = i * n;
    let j = 0;
    // Two rows by four columns: eight sums in registers, six loads for eight products.
    for (; j < four; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      let pa = i * ai, pb = j * bj, p = 0;
      for (; p + 2 <= k; p += 2) {
        let a = A[pa], c = A[pa + ai];
        let x0 = B[pb], x1 = B[pb + b1], x2 = B[pb + b2], x3 = B[pb + b3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
        pa += ap;
        pb += bp;
        a = A[pa];
        c = A[pa + ai];
        x0 = B[pb];
        x1 = B[pb + b1];
        x2 = B[pb + b2];
        x3 = B[pb + b3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
        pa += ap;
        pb += bp;
      }
      if (p < k) {
        const a = A[pa], c = A[pa + ai];
        const x0 = B[pb], x1 = B[pb + b1], x2 = B[pb + b2], x3 = B[pb + b3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
      }
      if (bias !== null) {
        const c0 = bias[j], c1 = bias[j + 1], c2 = bias[j + 2], c3 = bias[j + 3];
        s0 += c0;
        s1 += c1;
        s2 += c2;
        s3 += c3;
        t0 += c0;
        t1 += c1;
        t2 += c2;
        t3 += c3;
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + j + 2] = s2;
      out[row + j + 3] = s3;
      out[row + n + j] = t0;
      out[row + n + j + 1] = t1;
      out[row + n + j + 2] = t2;
      out[row + n + j + 3] = t3;
    }
    // Two rows by three columns where four do not fit: no two-column leftover.
    for (; j + 3 <= n; j += 3) {
      let s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0, t2 = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const a = A[pa], c = A[pa + ai], x0 = B[pb], x1 = B[pb + b1], x2 = B[pb + b2];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        pa += ap;
        pb += bp;
      }
      if (bias !== null) {
        const c0 = bias[j], c1 = bias[j + 1], c2 = bias[j + 2];
        s0 += c0;
        s1 += c1;
        s2 += c2;
        t0 += c0;
        t1 += c1;
        t2 += c2;
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + j + 2] = s2;
      out[row + n + j] = t0;
      out[row + n + j + 1] = t1;
      out[row + n + j + 2] = t2;
    }
    for (; j + 2 <= n; j += 2) {
      let s0 = 0, s1 = 0, t0 = 0, t1 = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const a = A[pa], c = A[pa + ai], x0 = B[pb], x1 = B[pb + b1];
        s0 += a * x0;
        s1 += a * x1;
        t0 += c * x0;
        t1 += c * x1;
        pa += ap;
        pb += bp;
      }
      if (bias !== null) {
        s0 += bias[j];
        s1 += bias[j + 1];
        t0 += bias[j];
        t1 += bias[j + 1];
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + n + j] = t0;
      out[row + n + j + 1] = t1;
    }
    if (j < n) {
      let s = 0, t = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const x = B[pb];
        s += A[pa] * x;
        t += A[pa + ai] * x;
        pa += ap;
        pb += bp;
      }
      out[row + j] = bias === null ? s : s + bias[j];
      out[row + n + j] = bias === null ? t : t + bias[j];
    }
  }
  if (i < m) {
    // The last row of an odd count: four columns at a time.
    const row = i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        const a = A[pa];
        s0 += a * B[pb];
        s1 += a * B[pb + b1];
        s2 += a * B[pb + b2];
        s3 += a * B[pb + b3];
        pa += ap;
        pb += bp;
      }
      if (bias !== null) {
        s0 += bias[j];
        s1 += bias[j + 1];
        s2 += bias[j + 2];
        s3 += bias[j + 3];
      }
      out[row + j] = s0;
      out[row + j + 1] = s1;
      out[row + j + 2] = s2;
      out[row + j + 3] = s3;
    }
    for (; j < n; j++) {
      let s = 0, pa = i * ai, pb = j * bj;
      for (let p = 0; p < k; p++) {
        s += A[pa] * B[pb];
        pa += ap;
        pb += bp;
      }
      out[row + j] = bias === null ? s : s + bias[j];
    }
  }
  return out;
}

/** `tiles` for one output column (n = 1): four rows at a time, each its own dot product. */
export function column(
  A: Float64Array,
  ai: number,
  ap: number,
  B: Float64Array,
  bp: number,
  m: number,
  k: number,
  bias: Float64Array | null,
  out: Float64Array,
): Float64Array {
  const a2 = 2 * ai, a3 = 3 * ai;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, pa = i * ai, pb = 0;
    for (let p = 0; p < k; p++) {
      const x = B[pb];
      s0 += A[pa] * x;
      s1 += A[pa + ai] * x;
      s2 += A[pa + a2] * x;
      s3 += A[pa + a3] * x;
      pa += ap;
      pb += bp;
    }
    if (bias !== null) {
      const c = bias[0];
      s0 += c;
      s1 += c;
      s2 += c;
      s3 += c;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < m; i++) {
    let s = 0, pa = i * ai, pb = 0;
    for (let p = 0; p < k; p++) {
      s += A[pa] * B[pb];
      pa += ap;
      pb += bp;
    }
    out[i] = bias === null ? s : s + bias[0];
  }
  return out;
}

/**
 * `tiles` for an inner size of 1: `out[i·n + j] = 0 + A[i·ai] · B[j·bj]` (+ `bias[j]`), two
 * columns at a time. The `0 +` is the sum's start: it turns a product of −0 into +0, as the
 * general loop does.
 */
export function outer(
  A: Float64Array,
  ai: number,
  B: Float64Array,
  bj: number,
  m: number,
  n: number,
  bias: Float64Array | null,
  out: Float64Array,
): Float64Array {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const x0 = B[j * bj], x1 = B[(j + 1) * bj];
    let o = j, pa = 0;
    if (bias === null) {
      for (let i = 0; i < m; i++, o += n, pa += ai) {
        const a = A[pa];
        out[o] = 0 + a * x0;
        out[o + 1] = 0 + a * x1;
      }
    } else {
      const c0 = bias[j], c1 = bias[j + 1];
      for (let i = 0; i < m; i++, o += n, pa += ai) {
        const a = A[pa];
        out[o] = (0 + a * x0) + c0;
        out[o + 1] = (0 + a * x1) + c1;
      }
    }
  }
  if (j < n) {
    const x = B[j * bj], c = bias === null ? 0 : bias[j];
    for (let i = 0, o = j, pa = 0; i < m; i++, o += n, pa += ai) {
      out[o] = bias === null ? 0 + A[pa] * x : (0 + A[pa] * x) + c;
    }
  }
  return out;
}
