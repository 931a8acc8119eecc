// The site's search engine: the search of an index the build wrote (ssg/plugins/search_index.ts)
// in the reader's browser, with queries cut into terms as the pages were (search_terms.js).
// assets/search.js loads it on the first search; the generator's tests run it on a built index.

import { CJK, parseQuery } from "./search_terms.js";

/**
 * Pages whose text is read at most to find those holding a query's Chinese whole: past these, the
 * pages holding only its pairs apart are taken to be all there is.
 */
const READ_AT_MOST = 240;

/** BM25's constants: how fast repeats of a term stop counting, and how much a long page is discounted. */
const K1 = 1.2;
const B = 0.75;

/**
 * The index of one language, read through `load(name)`, which resolves to a file's JSON (the
 * browser fetches it beside the index's entry file; tests read the build's output).
 */
export class SearchIndex {
  #load;
  #meta;
  #chunks = new Map();
  #fragments = new Map();

  constructor(meta, load) {
    this.#meta = meta;
    this.#load = load;
  }

  /**
   * The index of `lang` (its entry file `<lang>.json`), or null when the site has none.
   * @param {string} lang
   * @param {(name: string) => Promise<any>} load
   * @returns {Promise<SearchIndex | null>}
   */
  static async open(lang, load) {
    const meta = await load(`${lang}.json`).catch(() => null);
    return meta && meta.version === 1 ? new SearchIndex(meta, load) : null;
  }

  /** The chunk files that may hold terms from `from` to `to` (both included). */
  #chunksFor(from, to) {
    const firsts = this.#meta.chunks.map(([first]) => first);
    let lo = 0;
    while (lo + 1 < firsts.length && firsts[lo + 1] <= from) lo++;
    let hi = lo;
    while (hi + 1 < firsts.length && firsts[hi + 1] <= to) hi++;
    return this.#meta.chunks.slice(lo, hi + 1).map(([, file]) => file);
  }

  #chunk(file) {
    let chunk = this.#chunks.get(file);
    if (!chunk) {
      chunk = this.#load(file).then((entries) => new Map(entries));
      this.#chunks.set(file, chunk);
    }
    return chunk;
  }

  /** Each page holding `term` (or, with `prefix`, a term it begins), with the term's weight there. */
  async #postings(term, prefix) {
    const to = prefix ? term + "\uffff" : term;
    const chunks = await Promise.all(this.#chunksFor(term, to).map((f) => this.#chunk(f)));
    const found = new Map();
    for (const chunk of chunks) {
      for (const [t, postings] of chunk) {
        if (t !== term && !(prefix && t.startsWith(term))) continue;
        // A longer word found by its beginning counts less than the word itself.
        const likeness = term.length / t.length;
        for (let i = 0; i < postings.length; i += 2) {
          const score = this.#bm25(postings[i + 1], postings.length / 2, postings[i]) * likeness;
          found.set(postings[i], Math.max(found.get(postings[i]) ?? 0, score));
        }
      }
    }
    return found;
  }

  #bm25(weight, pagesWithTerm, page) {
    const n = this.#meta.pages.length;
    const idf = Math.log(1 + (n - pagesWithTerm + 0.5) / (pagesWithTerm + 0.5));
    const length = this.#meta.pages[page][2] / this.#meta.averageLength;
    return idf * (weight * (K1 + 1)) / (weight + K1 * (1 - B + B * length));
  }

  /** A page's text, section by section: [[anchor, heading, text], …]. */
  async sections(page) {
    const file = this.#meta.fragments[this.#meta.pages[page][3]];
    let fragment = this.#fragments.get(file);
    if (!fragment) {
      fragment = this.#load(file);
      this.#fragments.set(file, fragment);
    }
    return (await fragment)[String(page)];
  }

  /**
   * The pages holding every word of `query`, best first, at most `limit`, each with up to
   * `sectionsPerPage` of its sections, those saying the most of the query first:
   * `{ url, title, sections: [{ url, heading, excerpt }] }`, URLs relative to the site's root,
   * excerpts as HTML (the page's text, escaped, with the query's words in `<mark>`).
   *
   * @param {string} query
   * @param {{ limit?: number, sectionsPerPage?: number, excerptLength?: number }} [options]
   * @returns {Promise<Array<{ url: string, title: string,
   *   sections: Array<{ url: string, heading: string, excerpt: string }> }>>}
   */
  async search(query, { limit = 8, sectionsPerPage = 3, excerptLength = 90 } = {}) {
    const { groups, phrases } = parseQuery(query);
    if (!groups.length) return [];
    let scores;
    for (const group of groups) {
      const found = await Promise.all(group.terms.map((t) => this.#postings(t, group.prefix)));
      // A word not found as it is typed: its beginning without a plural's or a verb's ending.
      if (group.prefix && !found[0].size) {
        const stem = stemmed(group.terms[0]);
        if (stem) {
          found[0] = await this.#postings(stem, true);
          group.terms = [stem];
        }
      }
      for (const pages of found) {
        if (!scores) scores = new Map(pages);
        else {
          for (const [page, score] of scores) {
            if (pages.has(page)) scores.set(page, score + pages.get(page));
            else scores.delete(page);
          }
        }
        if (!scores.size) return [];
      }
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const matcher = highlighter(groups, phrases);
    // The query's words in a row, as a phrase: "gradient descent", "mini-batch".
    const words = groups.filter((g) => g.prefix && !CJK.test(g.text));
    const inRow = words.length > 1
      ? new RegExp(words.map((g) => escapeRegExp(g.text)).join("[\\s\\p{Pd}]*"), "iu")
      : null;
    // The candidates' text decides: a page holds each CJK phrase of the query whole (not only
    // its pairs, apart), and among those, pages whose title says the whole query come first,
    // then those holding the query's words in a row, then by score. Candidates are read best
    // first, a batch at a time, until enough hold the phrases (or READ_AT_MOST were read).
    const candidates = [];
    for (
      let from = 0;
      from < ranked.length && from < READ_AT_MOST && candidates.length < limit;
      from += 24
    ) {
      candidates.push(
        ...(await Promise.all(
          ranked.slice(from, from + 24).map(async ([page, score]) => {
            const sections = await this.sections(page);
            const said = (p) => sections.some(([, h, t]) => h.includes(p) || t.includes(p));
            if (!phrases.every(said)) return null;
            const inOrder = inRow && sections.some(([, h, t]) => inRow.test(h) || inRow.test(t));
            const titled = matcher.count(this.#meta.pages[page][1]).groups === groups.length;
            return { page, score, sections, whole: inOrder ? 1 : 0, titled: titled ? 1 : 0 };
          }),
        )).filter((c) => c !== null),
      );
    }
    return candidates
      .sort((a, b) =>
        b.titled - a.titled || b.whole - a.whole || b.score - a.score || a.page - b.page
      )
      .slice(0, limit)
      .map(({ page, sections }) => {
        const [url, title] = this.#meta.pages[page];
        const picked = sections
          .map(([anchor, heading, text], at) => ({
            anchor,
            heading,
            text,
            at,
            said: matcher.count(heading + " " + text),
            inRow: inRow?.test(heading + " " + text) ? 1 : 0,
          }))
          .filter((s) => s.said.total > 0)
          // Sections holding the query's phrases, or its words in a row, first.
          .sort((a, b) =>
            b.said.phrases - a.said.phrases || b.inRow - a.inRow ||
            b.said.groups - a.said.groups || b.said.total - a.said.total || a.at - b.at
          )
          .slice(0, sectionsPerPage);
        if (!picked.length) {
          const [anchor, heading, text] = sections[0] ?? ["", "", ""];
          picked.push({ anchor, heading, text });
        }
        return {
          url,
          title,
          sections: picked.map((s) => ({
            url: s.anchor ? `${url}#${s.anchor}` : url,
            heading: s.heading || title,
            excerpt: matcher.excerpt(s.text || s.heading, excerptLength, inRow),
          })),
        };
      });
  }
}

/** `word` without an English plural's or verb's ending, if it has one and keeps 4 letters. */
function stemmed(word) {
  const stem = word.replace(/(?:ies|es|s|ing|ed|ly)$/, "");
  return stem !== word && stem.length >= 4 ? stem : "";
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeHtml = (s) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/**
 * Finds a query's words in a text: CJK phrases whole, a lone CJK character, and words by their
 * beginnings (gradient in gradients). Counts them, and cuts an excerpt around the first.
 */
function highlighter(groups, phrases) {
  const alternatives = [
    // Longest first, so a phrase is marked whole rather than in part.
    ...[...phrases].sort((a, b) => b.length - a.length).map(escapeRegExp),
    ...groups.filter((g) => g.prefix && CJK.test(g.text)).map((g) => escapeRegExp(g.text)),
    ...groups.filter((g) => g.prefix && !CJK.test(g.text)).map((g) =>
      `(?<![\\p{L}\\p{N}])${escapeRegExp(g.terms[0])}[\\p{L}\\p{N}\\p{M}]*`
    ),
  ];
  const pattern = alternatives.length ? new RegExp(alternatives.join("|"), "giu") : null;
  // Each group's test, made once: a word by its beginning, a CJK run by all its pairs.
  const tests = groups.map((g) => {
    if (!g.prefix) return (text) => g.terms.every((t) => text.includes(t));
    if (CJK.test(g.text)) return (text) => text.includes(g.text);
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(g.terms[0])}`, "iu");
    return (text) => word.test(text);
  });
  return {
    /** Which of the query's words and phrases a text holds, and how many times it says them. */
    count(text) {
      return {
        phrases: phrases.filter((p) => text.includes(p)).length,
        groups: tests.filter((holds) => holds(text)).length,
        total: pattern ? [...text.matchAll(pattern)].length : 0,
      };
    },
    /**
     * About `length` characters of `text` around its first match (of `focus` if it has one: the
     * query's words in a row), escaped, matches in <mark>.
     */
    excerpt(text, length, focus) {
      const inFocus = focus ? text.search(focus) : -1;
      const first = inFocus >= 0 ? inFocus : pattern ? text.search(pattern) : -1;
      let start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(length / 3));
      // Start and end at a word's edge, not in its middle, when one is near; never inside a
      // character written as two UTF-16 units.
      if (start > 0) {
        const space = text.lastIndexOf(" ", start);
        if (space >= 0 && start - space < 12) start = space + 1;
      }
      let end = Math.min(text.length, start + length);
      if (end < text.length) {
        const space = text.indexOf(" ", end);
        if (space >= 0 && space - end < 12) end = space;
      }
      if (/[\udc00-\udfff]/.test(text[start] ?? "")) start++;
      if (/[\ud800-\udbff]/.test(text[end - 1] ?? "")) end--;
      // Matched in the whole text, so a word cut by the excerpt's start is not taken for one
      // that starts there.
      let html = "";
      let from = start;
      for (const m of pattern ? text.matchAll(pattern) : []) {
        if (!m[0] || m.index < start) continue;
        if (m.index + m[0].length > end) break;
        html += escapeHtml(text.slice(from, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
        from = m.index + m[0].length;
      }
      html += escapeHtml(text.slice(from, end));
      return (start > 0 ? "…" : "") + html + (end < text.length ? "…" : "");
    },
  };
}
