import { hydrate } from "../_chart/client/hydrate.ts";

/** Hovering or focusing a cell of the flat list or the grid highlights its partner. */
function setup(figure: HTMLElement) {
  const cells = figure.querySelectorAll<HTMLElement>("[data-k]");
  const mark = (k: string | null) =>
    cells.forEach((c) => c.classList.toggle("hit", k !== null && c.dataset.k === k));
  for (const c of cells) {
    c.tabIndex = 0;
    c.addEventListener("pointerenter", () => mark(c.dataset.k!));
    c.addEventListener("focus", () => mark(c.dataset.k!));
  }
  figure.addEventListener("pointerleave", () => mark(null));
  figure.addEventListener("focusout", () => mark(null));
  figure.classList.add("live");
}

hydrate('[data-chart="reshape-grid"]', setup);
