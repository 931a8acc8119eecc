/** A page's bytes, searched without decoding them, and named by their content. */

/**
 * Whether `bytes` hold `needle`: the native indexOf finds each place of the needle's byte at
 * `pivot`, which the caller picks rare in a page (the "j" of "json", the ";" of ";base64,"), then
 * the rest is compared. (node's Buffer.includes is a loop in JavaScript here, 0.7 ms a page.)
 */
export function contains(bytes: Uint8Array, needle: Uint8Array, pivot = 0): boolean {
  for (
    let i = bytes.indexOf(needle[pivot], pivot);
    i >= 0;
    i = bytes.indexOf(needle[pivot], i + 1)
  ) {
    const start = i - pivot;
    if (start + needle.length > bytes.length) return false;
    let k = 0;
    while (k < needle.length && bytes[start + k] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return false;
}

/** The first 10 hex digits of `bytes`' SHA-1: a file name part that changes with its content. */
export async function contentHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
  return [...digest.slice(0, 5)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
