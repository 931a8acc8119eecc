// How the site's search cuts text into terms: the build indexes pages with this code
// (ssg/plugins/search_index.ts), and the search engine (search_engine.js) reads queries with it,
// so both cut the same way. Plain JavaScript without imports.
//
// Terms are of two kinds. Words of scripts written with spaces (Latin, Greek, Cyrillic…) are
// lowercased runs of letters, digits and marks, found by their beginnings (grad finds gradient).
// Chinese and Japanese, written without spaces, are indexed as overlapping pairs of characters
// (梯度下降 → 梯度 度下 下降), so a query finds the text whatever a word segmenter would make of
// it, and 均方误差 never finds 方向 (the engine then keeps the pages that say the whole phrase).

/**
 * Scripts written without spaces between words: indexed by pairs of characters. By the scripts a
 * character is used in, so the long-vowel mark ー (データ) and the repeat mark 々 count too.
 */
export const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
/** A run of letters, digits or marks: a word, or a run of CJK text to cut into pairs. */
const RUN = /[\p{L}\p{N}\p{M}]+/gu;
/** Words of a query searched for at most: a pasted paragraph stays quick. */
const MAX_WORDS = 12;
/** What lies between runs. */
const GAP = /[^\p{L}\p{N}\p{M}]+/u;
/** A run of CJK characters inside a RUN match. */
const CJK_RUN = new RegExp(`${CJK.source}+`, "gu");

/**
 * Calls `term(t)` for each term of `text`, in order: lowercased words, and the CJK character
 * pairs, then the run's last character on its own (which starts no pair: a query of that one
 * character finds it; a lone CJK character is a term of its own too).
 * @param {string} text
 * @param {(term: string) => void} term
 */
export function eachTerm(text, term) {
  // split(), not matchAll(): no match object for each of a page's thousands of words.
  for (const run of text.toLowerCase().split(GAP)) {
    if (!run) continue;
    if (!CJK.test(run)) {
      term(run);
      continue;
    }
    let from = 0;
    for (const cjk of run.matchAll(CJK_RUN)) {
      if (cjk.index > from) term(run.slice(from, cjk.index));
      const s = cjk[0];
      for (let i = 0; i + 1 < s.length; i++) term(s.slice(i, i + 2));
      term(s.slice(-1));
      from = cjk.index + s.length;
    }
    if (from < run.length) term(run.slice(from));
  }
}

/**
 * The terms of `text`, in order.
 * @param {string} text
 * @returns {string[]}
 */
export function terms(text) {
  const out = [];
  eachTerm(text, (t) => out.push(t));
  return out;
}

/**
 * What a query asks for: `groups`, one per word or CJK run (the first 12 different ones), each
 * the terms all of which a page must hold (a CJK run's pairs; a word, found by its beginning),
 * and `phrases`, the CJK runs of two or more characters, which a page must hold whole.
 */
export function parseQuery(query) {
  const groups = [];
  const phrases = [];
  const runs = [...new Set(query.normalize("NFC").match(RUN) ?? [])].slice(0, MAX_WORDS);
  for (const run of runs) {
    let from = 0;
    const word = (w) => groups.push({ terms: [w.toLowerCase()], prefix: true, text: w });
    for (const cjk of run.matchAll(CJK_RUN)) {
      if (cjk.index > from) word(run.slice(from, cjk.index));
      const s = cjk[0];
      if (s.length === 1) groups.push({ terms: [s], prefix: true, text: s });
      else {
        const pairs = [];
        for (let i = 0; i + 1 < s.length; i++) pairs.push(s.slice(i, i + 2));
        groups.push({ terms: [...new Set(pairs)], prefix: false, text: s });
        phrases.push(s);
      }
      from = cjk.index + s.length;
    }
    if (from < run.length) word(run.slice(from));
  }
  return { groups, phrases: [...new Set(phrases)] };
}
