/** Searching a page's UTF-8 bytes without decoding them: the finishers ask this of every page. */

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
