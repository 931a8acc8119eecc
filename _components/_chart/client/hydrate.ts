import { loadIslands } from "./island.ts";

/**
 * Charts wake up as the reader nears them: each figure's `setup` runs when the figure comes
 * within a screen's height of the viewport, not all at load, so a long page is ready to read
 * (DOMContentLoaded, no long tasks) before any chart below the fold costs anything. Until then
 * the figure is its server-rendered SVG, complete and readable; a figure set up later joins
 * its linked group's selection as it stands then.
 */
export function hydrate(selector: string, setup: (figure: HTMLElement) => void): void {
  const figures = document.querySelectorAll<HTMLElement>(selector);
  // A chart whose data is in a file beside the page waits for it; without it, it stays as drawn.
  const wake = (figure: HTMLElement) =>
    loadIslands(figure).then(() => setup(figure), (e) => console.error(e));
  if (typeof IntersectionObserver !== "function") {
    figures.forEach(wake);
    return;
  }
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      io.unobserve(e.target);
      // Each chart in a task of its own: charts waking together never add up to one long task.
      setTimeout(() => wake(e.target as HTMLElement));
    }
  }, { rootMargin: "100% 0px" });
  figures.forEach((f) => io.observe(f));
}
