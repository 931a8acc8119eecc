/** Browser helpers the charts share: their data island, pointer positions, keys. */

/** The JSON data island inside a chart's figure. */
export function readIsland<T>(figure: Element): T {
  const script = figure.querySelector("script.chart-data");
  return JSON.parse(script?.textContent ?? "null") as T;
}

/** Sets an element's attributes from an object of marks (`{ cx: 10, cy: 20 }`). */
export function setAttrs(el: Element, attrs: Record<string, number | string>): void {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
}

/** A pointer event's position in the SVG's own units (its viewBox). */
export function svgPoint(svg: SVGSVGElement, event: { clientX: number; clientY: number }) {
  const rect = svg.getBoundingClientRect();
  const box = svg.viewBox.baseVal;
  return {
    x: box.x + (event.clientX - rect.left) * (box.width / rect.width),
    y: box.y + (event.clientY - rect.top) * (box.height / rect.height),
  };
}

/**
 * The index a key moves to along an axis of `n` values: arrows by one, Page Up/Down by ten,
 * Home/End to the ends; undefined for other keys. `forward`/`back` name the arrow keys.
 */
export function keyIndex(
  key: string,
  index: number,
  n: number,
  forward = ["ArrowRight", "ArrowUp"],
  back = ["ArrowLeft", "ArrowDown"],
): number | undefined {
  let next: number;
  if (forward.includes(key)) next = index + 1;
  else if (back.includes(key)) next = index - 1;
  else if (key === "PageUp") next = index + 10;
  else if (key === "PageDown") next = index - 10;
  else if (key === "Home") next = 0;
  else if (key === "End") next = n - 1;
  else return undefined;
  return Math.max(0, Math.min(n - 1, next));
}

/**
 * Pointer and drag on an SVG call `pick` with the position; touch drags sideways select while
 * vertical swipes still scroll the page (the chart sets `touch-action: pan-y`).
 */
export function onPointer(
  svg: SVGSVGElement,
  pick: (p: { x: number; y: number }, kind: "move" | "down") => void,
) {
  let dragging = false;
  svg.addEventListener("pointerdown", (e) => {
    dragging = true;
    svg.setPointerCapture(e.pointerId);
    pick(svgPoint(svg, e), "down");
  });
  svg.addEventListener("pointermove", (e) => {
    if (dragging || e.pointerType === "mouse") pick(svgPoint(svg, e), "move");
  });
  const stop = () => (dragging = false);
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
}
