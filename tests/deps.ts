/**
 * Packages only the tests and benchmarks use, pinned here rather than in deno.json's imports:
 * Deno installs every package named there on the first `serve` or `build`, and an author
 * previewing a lecture needs no browser driver or accessibility checker.
 */
export { default as puppeteer } from "npm:puppeteer-core@25.16.0";
export type { Browser, KeyInput, Page } from "npm:puppeteer-core@25.16.0";
export { default as axe } from "npm:axe-core@4.14.1";
export type { AxeResults, RunOptions } from "npm:axe-core@4.14.1";
export { HtmlValidate } from "npm:html-validate@11.21.1";
