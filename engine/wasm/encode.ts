// A small WebAssembly binary encoder: just what the engine's SIMD kernels (kernels.ts) need,
// so the engine can build its module from TypeScript at import time, with no toolchain and no
// binary checked in. A function body is written as a stack-machine instruction list through
// `Body` (one method per kind of instruction, opcodes named below); `encodeModule` wraps the
// bodies with their types, one exported memory and the exports.
// Binary format: https://webassembly.github.io/spec/core/binary/ (and the SIMD proposal's
// opcode table, now part of the standard).

export const i32 = 0x7f, f64 = 0x7c, v128 = 0x7b;

/** Plain opcodes (one byte). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  i32Store: 0x36,
  i32Eqz: 0x45,
  i32GeS: 0x4e,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Shl: 0x74,
} as const;

/** SIMD opcodes (after the 0xfd prefix). */
export const Simd = {
  load: 0x00,
  load64Splat: 0x0a,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  i32x4ExtractLane: 0x1b,
  f64x2Ne: 0x48,
  f64x2Le: 0x4b,
  f64x2Ge: 0x4c,
  and: 0x4e,
  or: 0x50,
  bitselect: 0x52,
  anyTrue: 0x53,
  i64x2Bitmask: 0xc4,
  i64x2Shl: 0xcb,
  i64x2Add: 0xce,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
} as const;

const VOID = 0x40; // a block type with no result

function uleb(n: number, out: number[]): number[] {
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? low : low | 0x80);
  } while (n !== 0);
  return out;
}

function sleb(n: number, out: number[]): number[] {
  for (;;) {
    const low = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (low & 0x40) === 0) || (n === -1 && (low & 0x40) !== 0)) {
      out.push(low);
      return out;
    }
    out.push(low | 0x80);
  }
}

/** The little-endian bytes of two 64-bit lanes, each a double or (bigint) an integer. */
function lanes(a: number | bigint, b: number | bigint): number[] {
  const bytes = new Uint8Array(16), view = new DataView(bytes.buffer);
  [a, b].forEach((x, lane) => {
    if (typeof x === "bigint") view.setBigInt64(8 * lane, x, true);
    else view.setFloat64(8 * lane, x, true);
  });
  return [...bytes];
}

/** A function body under construction: its locals and its instructions. */
export class Body {
  readonly bytes: number[] = [];
  readonly #locals: number[] = [];
  readonly #params: number;

  constructor(params: number) {
    this.#params = params;
  }

  /** A new local of type `type`; returns its index. */
  local(type: number): number {
    this.#locals.push(type);
    return this.#params + this.#locals.length - 1;
  }

  op(...codes: number[]): this {
    this.bytes.push(...codes);
    return this;
  }
  /** A SIMD instruction, then its immediates (lane index, shuffle pattern). */
  simd(code: number, ...immediates: number[]): this {
    this.bytes.push(0xfd);
    uleb(code, this.bytes);
    this.bytes.push(...immediates);
    return this;
  }
  /** A memory access's immediates: alignment hint (log2 of bytes) and constant offset. */
  mem(align: number, offset: number): this {
    this.bytes.push(align);
    uleb(offset, this.bytes);
    return this;
  }
  get(local: number): this {
    this.bytes.push(0x20);
    uleb(local, this.bytes);
    return this;
  }
  set(local: number): this {
    this.bytes.push(0x21);
    uleb(local, this.bytes);
    return this;
  }
  tee(local: number): this {
    this.bytes.push(0x22);
    uleb(local, this.bytes);
    return this;
  }
  i32(value: number): this {
    this.bytes.push(0x41);
    sleb(value, this.bytes);
    return this;
  }
  /** A v128 constant of two equal 64-bit lanes (a double, or a bigint for integer lanes). */
  splat(value: number | bigint): this {
    return this.simd(Simd.const, ...lanes(value, value));
  }
  /** `block` / `loop` / `if` without a result; close with `end()`. */
  begin(kind: number): this {
    this.bytes.push(kind, VOID);
    return this;
  }
  end(): this {
    this.bytes.push(Op.end);
    return this;
  }

  /** The encoded body: its size, its locals (one declaration each), code, `end`. */
  encode(): number[] {
    const code: number[] = uleb(this.#locals.length, []);
    for (const type of this.#locals) code.push(1, type);
    code.push(...this.bytes, Op.end);
    return [...uleb(code.length, []), ...code];
  }
}

export type Func = { name: string; params: number[]; results: number[]; body: Body };

function vector(items: number[][]): number[] {
  return [...uleb(items.length, []), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length, []), ...content];
}

function name(text: string): number[] {
  return vector([...new TextEncoder().encode(text)].map((b) => [b]));
}

/** A module of `funcs` (all exported by name) and one memory of `pages` × 64 KiB, "memory". */
export function encodeModule(funcs: Func[], pages: number): Uint8Array<ArrayBuffer> {
  // One type per distinct signature.
  const signatures: string[] = [];
  const typeOf = funcs.map((f) => {
    const key = `${f.params}:${f.results}`;
    if (!signatures.includes(key)) signatures.push(key);
    return signatures.indexOf(key);
  });
  const types = signatures.map((key) => {
    const f = funcs[typeOf.indexOf(signatures.indexOf(key))];
    return [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector(types)),
    ...section(3, vector(typeOf.map((t) => uleb(t, [])))),
    ...section(5, vector([[0x00, ...uleb(pages, [])]])), // memory: a minimum, no maximum
    ...section(
      7,
      vector([
        [...name("memory"), 0x02, 0],
        ...funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i, [])]),
      ]),
    ),
    ...section(10, vector(funcs.map((f) => f.body.encode()))),
  ]);
}
