/**
 * Page URLs are checked before anything renders: each must name a place inside
 * the output folder, however it is encoded, and no two things the site writes
 * may claim the same path (or one a file where the other needs a folder).
 */
import { SiteError } from "./errors.ts";
import { keyLine } from "./front_matter.ts";
import type { Page } from "./page.ts";
import type { Output } from "./site.ts";

/** What is wrong with a page URL, or undefined when it stays inside the output folder. */
export function urlProblem(url: string): string | undefined {
  if (!url.startsWith("/")) return "must start with /";
  // File names are taken literally, but a server decodes: check both forms, to any depth.
  const forms = [url];
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(forms[forms.length - 1]);
    } catch {
      return "has a malformed %-escape";
    }
    if (next === forms[forms.length - 1]) break;
    forms.push(next);
  }
  for (const form of forms) {
    // deno-lint-ignore no-control-regex
    if (/[\\\x00-\x1f\x7f]/.test(form)) return "contains a backslash or a control character";
    const segments = form.slice(1).split("/");
    if (segments.some((s) => s === "." || s === "..")) {
      return "has a . or .. segment, which would leave the output folder";
    }
    if (segments.slice(0, -1).some((s) => s === "")) return "has an empty segment (//)";
  }
}

/** Throws for a page whose output lies inside `folder/`, which a plugin writes whole (Site.later). */
export function checkFolderFree(pages: Page[], folder: string): void {
  const page = pages.find((p) => p.output.startsWith(`${folder}/`));
  if (page) {
    throw urlError(
      page,
      `URL ${page.url} is inside ${folder}/, a folder the site writes whole (the search index)`,
    );
  }
}

function urlError(page: Page, message: string): SiteError {
  const line = keyLine(page.source, "url");
  return new SiteError(message, {
    file: page.path,
    line,
    column: 1,
    source: page.source || undefined,
  });
}

/**
 * Throws a SiteError naming the page (and the line of its `url`) for a URL that
 * leaves the output folder, or whose output path another page, a copied file,
 * or a file/folder of either already claims.
 */
export function checkUrls(pages: Page[], files: Array<{ from: string; to: string }> = []): void {
  const claims = new Map<string, string>();
  for (const f of files) claims.set(f.to, `the copied file ${f.to}`);
  const byOutput = new Map<string, Page>();
  for (const page of pages) {
    const problem = urlProblem(page.url);
    if (problem) throw urlError(page, `url "${page.url}" ${problem}`);
    const other = byOutput.get(page.output);
    if (other) throw urlError(page, `URL ${page.url} is also the URL of ${other.path}`);
    const claim = claims.get(page.output);
    if (claim) throw urlError(page, `URL ${page.url} collides with ${claim}`);
    byOutput.set(page.output, page);
    claims.set(page.output, `the page ${page.path} (${page.url})`);
  }
  // A path that is a file for one and a folder for another cannot be written.
  const folders = new Map<string, string>();
  for (const [path, claim] of claims) {
    for (let i = path.indexOf("/"); i > 0; i = path.indexOf("/", i + 1)) {
      if (!folders.has(path.slice(0, i))) folders.set(path.slice(0, i), claim);
    }
  }
  for (const page of pages) {
    const needs = folders.get(page.output);
    if (needs) {
      throw urlError(
        page,
        `URL ${page.url} is written as the file ${page.output}, but ${needs} needs a folder there`,
      );
    }
  }
  for (const f of files) {
    const needs = folders.get(f.to);
    const page = needs && pages.find((p) => p.output.startsWith(f.to + "/"));
    if (page) {
      throw urlError(
        page,
        `URL ${page.url} needs a folder at ${f.to}, which is the copied file ${f.to}`,
      );
    }
  }
}

/**
 * The output of a build, refusing to let one file silently replace another:
 * setting a path that already holds a file is an error unless that file was
 * read first (a plugin rewriting a page reads it, one writing over it does not).
 * Errors name the page whose URL the path is.
 *
 * A page a build has already written can be kept on disk rather than in memory (`spill`):
 * reading it reads the file again. Setting the path anew keeps the new body in memory.
 */
export class GuardedOutput extends Map<string, string | Uint8Array> implements Output {
  #read = new Set<string>();
  #pages = new Map<string, Page>();
  /** Paths kept on disk: how to read each back, and its length. */
  #spilled = new Map<string, { read: () => Uint8Array; length: number }>();

  constructor(pages: Page[] = []) {
    super();
    for (const p of pages) this.#pages.set(p.output, p);
  }

  override get(key: string): string | Uint8Array | undefined {
    this.#read.add(key);
    const spilled = this.#spilled.get(key);
    return spilled ? spilled.read() : super.get(key);
  }

  override set(key: string, value: string | Uint8Array): this {
    if (super.has(key) && !this.#read.has(key)) {
      const page = this.#pages.get(key);
      if (page) {
        throw urlError(
          page,
          `URL ${page.url} collides with ${key}, which the site also writes (a component's asset or a generated file such as the sitemap)`,
        );
      }
      throw new Error(`two files of the site are both written to ${key}`);
    }
    this.#read.delete(key);
    this.#spilled.delete(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.#spilled.delete(key);
    return super.delete(key);
  }

  /** Sets `key` to bytes already written, which `read` reads again. */
  spill(key: string, read: () => Uint8Array, length: number): void {
    this.set(key, EMPTY);
    this.#spilled.set(key, { read, length });
  }

  /** Whether `key` holds the bytes a build wrote before its finishers ran. */
  onDisk(key: string): boolean {
    return this.#spilled.has(key);
  }

  /** Bytes at `key`, without reading a file kept on disk. */
  byteLength(key: string): number {
    const spilled = this.#spilled.get(key);
    if (spilled) return spilled.length;
    const body = super.get(key);
    return body === undefined
      ? 0
      : typeof body === "string"
      ? encoder.encode(body).length
      : body.length;
  }

  override *entries(): MapIterator<[string, string | Uint8Array]> {
    for (const key of this.keys()) yield [key, this.#body(key)];
  }

  override [Symbol.iterator](): MapIterator<[string, string | Uint8Array]> {
    return this.entries();
  }

  override *values(): MapIterator<string | Uint8Array> {
    for (const key of this.keys()) yield this.#body(key);
  }

  override forEach(
    fn: (value: string | Uint8Array, key: string, map: Map<string, string | Uint8Array>) => void,
    self?: unknown,
  ): void {
    for (const [key, value] of this.entries()) fn.call(self, value, key, this);
  }

  /** A path's body as iteration yields it (not counted as read, as Map's iterators are not). */
  #body(key: string): string | Uint8Array {
    const spilled = this.#spilled.get(key);
    return spilled ? spilled.read() : super.get(key)!;
  }
}

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
