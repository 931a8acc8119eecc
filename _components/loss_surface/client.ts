import { group, type Selection } from "../_chart/client/state.ts";
import { readIsland, svgPoint } from "../_chart/client/interact.ts";
import { nearest } from "../_chart/nearest.ts";
import { clampView, drawOrder, pick, projectGrid, STAGE, type View } from "./projection.ts";
import { unpackRamp, vertexColors } from "./palette.ts";
import { downsample, rasterize, type Target } from "./raster.ts";
import { axesSvg, backSvg, markersSvg, readout, surfaceAt, type SurfaceData } from "./scene.ts";
import { hydrate } from "../_chart/client/hydrate.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Degrees turned per SVG unit dragged, and per arrow key. */
const DRAG = 0.45, KEY = 5;

/**
 * Turns a server-rendered loss surface into a rotatable one: the quads move to a canvas
 * drawn from the same projection, between the floor (an SVG layer behind) and the axes and
 * markers (the original SVG, in front), so nothing moves when the script takes over.
 */
function setup(figure: HTMLElement) {
  const d = readIsland<SurfaceData>(figure);
  const svg = figure.querySelector<SVGSVGElement>("svg.chart-svg")!;
  const stage = svg.parentElement!;
  const front = svg.querySelector(".front")!;
  const out = figure.querySelector("output")!;
  const reset = figure.querySelector<HTMLButtonElement>(".surface-reset")!;
  const nw = d.w.length;

  const back = document.createElementNS(SVG_NS, "svg");
  back.setAttribute("viewBox", `0 0 ${STAGE.width} ${STAGE.height}`);
  back.setAttribute("class", "chart-svg back-layer");
  back.setAttribute("aria-hidden", "true");
  const backGroup = svg.querySelector(".back")!;
  back.append(backGroup);
  const canvas = document.createElement("canvas");
  stage.prepend(back, canvas);
  const ctx = canvas.getContext("2d")!;

  const g = group(d.group, { w: d.best.w, b: d.best.b });
  let view = d.view;
  let xy: Float64Array = new Float64Array(0), order: Uint32Array = new Uint32Array(0);
  let hover = -1, queued = 0, turned = true;

  const rgb = vertexColors(d, unpackRamp(d.ramp));
  // Samples per pixel along each axis, so edges are anti-aliased: 2 × 2 on a screen of fewer
  // than two device pixels per CSS pixel; at two, a turning view takes one sample a pixel (a
  // quarter of the work) and is drawn again with 2 × 2 once it has stood still for a moment;
  // from 2.5 (phones) one sample a pixel of a canvas kept at two device pixels per CSS pixel
  // (see size()), which the browser scales up smoothly: finer than the server's picture, at a
  // cost a phone can pay while the reader scrolls and turns.
  const samples = (still: boolean) => {
    const dpr = devicePixelRatio || 1;
    return dpr < 2 || (still && dpr < 2.5) ? 2 : 1;
  };
  let image: ImageData | undefined;
  const targets = new Map<number, Target>();
  let settle: ReturnType<typeof setTimeout> | undefined;
  const paint = (ss: number) => {
    if (!canvas.width || !canvas.height) return;
    if (!image || image.width !== canvas.width || image.height !== canvas.height) {
      image = ctx.createImageData(canvas.width, canvas.height);
      targets.clear();
    }
    let target = targets.get(ss);
    if (!target) {
      target = {
        buf: new Uint32Array(canvas.width * canvas.height * ss * ss),
        width: canvas.width * ss,
        height: canvas.height * ss,
        sx: (canvas.width * ss) / STAGE.width,
        sy: (canvas.height * ss) / STAGE.height,
      };
      targets.set(ss, target);
    }
    target.buf.fill(0);
    rasterize(target, xy, order, nw, rgb);
    downsample(target, ss, image.data);
    ctx.putImageData(image, 0, 0);
  };

  const show = () => {
    const s = g.get();
    const at = hover >= 0
      ? { w: d.w[hover % nw], b: d.b[Math.floor(hover / nw)], mse: d.mse[hover] }
      : s.w !== undefined && s.b !== undefined
      ? surfaceAt(d, s.w, s.b)
      : d.best;
    out.textContent = readout(at.w, at.b, at.mse);
  };

  const draw = () => {
    queued = 0;
    if (turned) {
      xy = projectGrid(d, view, xy.length ? xy : undefined);
      order = drawOrder(d, view, order.length ? order : undefined);
      const fast = samples(false), still = samples(true);
      paint(fast);
      clearTimeout(settle);
      if (fast < still) settle = setTimeout(() => paint(still), 200);
      backGroup.innerHTML = backSvg(d, view);
      turned = false;
    }
    front.innerHTML = axesSvg(d, view) + `<g class="marks">${markersSvg(d, view, g.get())}</g>`;
    show();
  };
  const redraw = (turn: boolean) => {
    turned ||= turn;
    queued ||= requestAnimationFrame(draw);
  };
  const turn = (v: View) => {
    view = clampView(v);
    hover = -1;
    reset.hidden = view.yaw === d.view.yaw && view.pitch === d.view.pitch;
    redraw(true);
  };

  const size = () => {
    const rect = svg.getBoundingClientRect();
    // Two device pixels per CSS pixel at most: a phone's third would cost the scroll that
    // wakes the chart more than twice the work for a step the eye cannot see.
    const dpr = Math.min(devicePixelRatio || 1, 2);
    const width = Math.round(rect.width * dpr), height = Math.round(rect.height * dpr);
    // The observer's first call reports the size set up below: nothing to draw again.
    if (width === canvas.width && height === canvas.height && xy.length) return;
    canvas.width = width;
    canvas.height = height;
    turned = true;
    draw();
  };
  new ResizeObserver(size).observe(svg);

  const listener = (_: Selection) => redraw(false);
  g.subscribe(listener);
  const vertexAt = (e: PointerEvent) => {
    const p = svgPoint(svg, e);
    return pick(xy, order, nw, p.x, p.y);
  };

  let drag: { x: number; y: number; view: View; moved: boolean } | undefined;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    const p = svgPoint(svg, e);
    drag = { ...p, view, moved: false };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (drag) {
      const p = svgPoint(svg, e);
      const dx = p.x - drag.x, dy = p.y - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      turn({ yaw: drag.view.yaw - dx * DRAG, pitch: drag.view.pitch + dy * DRAG });
    } else if (e.pointerType === "mouse") {
      const k = vertexAt(e);
      if (k !== hover) {
        hover = k;
        show();
      }
    }
  });
  svg.addEventListener("pointerup", (e) => {
    if (drag && !drag.moved) {
      const k = vertexAt(e);
      if (k >= 0) g.set({ w: d.w[k % nw], b: d.b[Math.floor(k / nw)] }, listener);
      redraw(false);
    }
    drag = undefined;
  });
  svg.addEventListener("pointercancel", () => (drag = undefined));
  svg.addEventListener("pointerleave", () => {
    hover = -1;
    show();
  });
  /** Arrow keys: [yaw, pitch] turned, and [w, b] steps moved with Shift. */
  const arrows: Record<string, [number, number, number, number]> = {
    ArrowLeft: [KEY, 0, -1, 0],
    ArrowRight: [-KEY, 0, 1, 0],
    ArrowUp: [0, KEY, 0, 1],
    ArrowDown: [0, -KEY, 0, -1],
  };
  svg.addEventListener("keydown", (e) => {
    const a = arrows[e.key];
    if (e.key === "Home") turn(d.view);
    else if (a && e.shiftKey) {
      const s = g.get(), nb = d.b.length;
      const j = nearest(d.w, s.w ?? d.best.w) + a[2];
      const i = nearest(d.b, s.b ?? d.best.b) + a[3];
      g.set(
        { w: d.w[Math.max(0, Math.min(nw - 1, j))], b: d.b[Math.max(0, Math.min(nb - 1, i))] },
        listener,
      );
      hover = -1;
      redraw(false);
    } else if (a) turn({ yaw: view.yaw + a[0], pitch: view.pitch + a[1] });
    else return;
    e.preventDefault();
  });
  reset.addEventListener("click", () => turn(d.view));

  svg.setAttribute("tabindex", "0");
  // Arrow keys go to the chart, not to a screen reader's reading commands.
  svg.setAttribute("role", "application");
  svg.setAttribute("aria-roledescription", d.role);
  svg.setAttribute(
    "aria-keyshortcuts",
    "ArrowLeft ArrowRight ArrowUp ArrowDown Home Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown",
  );
  size();
  // The canvas (printed too, in the view the reader turned to) replaces the server's picture.
  svg.querySelector(".surface")?.remove();
  figure.classList.add("live");
}

hydrate('[data-chart="loss-surface"]', setup);
