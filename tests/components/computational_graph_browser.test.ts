/**
 * comp.ComputationalGraph in Chromium: it comes alive with no console error, the keys and
 * buttons walk the forward and backward pass one node at a time, editing x recomputes every
 * value with the engine (checked against the engine's own autograd here), a phone gets the
 * top-to-bottom drawing within its width, and without JavaScript the complete graph shows.
 */
import assert from "node:assert/strict";
import type { Page } from "../deps.ts";
import { launch, staticServer, watchProblems } from "../browser.ts";
import { buildSite, CHROMIUM, fixture, hasChromium } from "../helpers.ts";
import { tensor } from "../../engine/mod.ts";
import { fmt } from "../../_components/_chart/format.ts";

if (!hasChromium) {
  console.warn(`computational_graph_browser.test.ts: SKIPPED — ${CHROMIUM} not found`);
}

const shown = (v: number) => fmt(v).replace("-", "−");

/** What the first graph's visible drawing shows: node texts by name, edge labels, status. */
function read(page: Page, nth = 0) {
  return page.evaluate((n) => {
    const fig = document.querySelectorAll(".computational-graph")[n];
    const svg = [...fig.querySelectorAll("svg.cg-svg")].find((s) =>
      getComputedStyle(s).display !== "none"
    )!;
    const nodes: Record<string, { value: string; grad: string | null }> = {};
    for (const g of svg.querySelectorAll(".node")) {
      const name = (g.querySelector(".name") ?? g.querySelector(".symbol"))!.textContent!;
      nodes[name] = {
        value: g.querySelector(".value")!.textContent!,
        grad: g.querySelector(".grad")?.textContent ?? null,
      };
    }
    return {
      orientation: svg.classList.contains("cg-tall") ? "tall" : "wide",
      nodes,
      locals: [...svg.querySelectorAll(".local")].map((t) => t.textContent),
      current: (svg.querySelector(".node.current .name") ??
        svg.querySelector(".node.current .symbol"))?.textContent ?? null,
      status: fig.querySelector(".cg-status output")!.textContent!,
    };
  }, nth);
}

/**
 * In the browser: what collides in the nth graph's visible drawing at its complete state. An
 * edge's line crossing any text (its own local derivative: "−2.0" on a line reads "−−2.0"), two
 * texts of different nodes or edges overlapping, or a text outside the drawing (clipped).
 */
function layoutClashes(n: number): string[] {
  const fig = document.querySelectorAll(".computational-graph")[n];
  const svg = [...fig.querySelectorAll("svg.cg-svg")].find((s) =>
    getComputedStyle(s).display !== "none"
  ) as SVGSVGElement;
  const view = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll<SVGTextElement>(".edge text, .node text:not(.symbol)")]
    .map((t) => {
      const b = t.getBBox();
      const owner = t.closest("[data-edge], [data-node]")!;
      const key = owner.hasAttribute("data-edge")
        ? `edge ${owner.getAttribute("data-edge")}`
        : `node ${owner.getAttribute("data-node")}`;
      // A text's box holds the font's full ascent and descent; the ink is a little smaller.
      return {
        key,
        text: t.textContent!,
        x0: b.x,
        x1: b.x + b.width,
        y0: b.y + 3,
        y1: b.y + b.height - 3,
      };
    });
  type Box = (typeof texts)[number];
  /** Whether the segment (ax, ay)–(bx, by) passes through the box (Liang–Barsky). */
  const crosses = (ax: number, ay: number, bx: number, by: number, r: Box) => {
    let t0 = 0, t1 = 1;
    const dx = bx - ax, dy = by - ay;
    for (const [p, q] of [[-dx, ax - r.x0], [dx, r.x1 - ax], [-dy, ay - r.y0], [dy, r.y1 - ay]]) {
      if (p === 0) {
        if (q < 0) return false;
        continue;
      }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
    return true;
  };
  const out: string[] = [];
  for (const line of svg.querySelectorAll<SVGLineElement>(".edge line")) {
    const [ax, ay, bx, by] = ["x1", "y1", "x2", "y2"].map((a) => Number(line.getAttribute(a)));
    const edge = `edge ${line.closest("[data-edge]")!.getAttribute("data-edge")}`;
    for (const t of texts) {
      if (crosses(ax, ay, bx, by, t)) out.push(`${edge}'s line crosses "${t.text}" (${t.key})`);
    }
  }
  texts.forEach((a, i) => {
    if (
      a.x0 < view.x || a.y0 < view.y || a.x1 > view.x + view.width || a.y1 > view.y + view.height
    ) {
      out.push(`"${a.text}" (${a.key}) reaches outside the drawing`);
    }
    for (const b of texts.slice(i + 1)) {
      if (a.key === b.key) continue;
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
        out.push(`"${a.text}" (${a.key}) overlaps "${b.text}" (${b.key})`);
      }
    }
  });
  return out;
}

/** The lecture's loss (x·w − y)² and its gradients, with the engine's autograd. */
function linear(x: number, y: number, w0: number) {
  const w = tensor(w0, { requiresGrad: true });
  const yHat = tensor(x).mul(w), r = yHat.sub(tensor(y)), loss = r.pow(2);
  loss.backward();
  return { yHat: yHat.item(), r: r.item(), loss: loss.item(), grad: w.grad!.item() };
}

Deno.test({
  name: "ComputationalGraph in Chromium",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const built = await buildSite({ src: fixture("sites", "graph") });
    const server = staticServer(built.dest);
    const url = `http://127.0.0.1:${server.addr.port}/`;
    const chromium = await launch();
    const browser = chromium.browser;
    try {
      await t.step("both graphs come alive with no console error", async () => {
        const page = await browser.newPage();
        const problems = watchProblems(page);
        await page.goto(url, { waitUntil: "networkidle0" });
        assert.deepEqual(problems, []);
        assert.equal(await page.$$eval(".computational-graph.live", (l) => l.length), 2);
        assert.equal(
          await page.$$eval(
            ".cg-controls",
            (l) => l.filter((c) => !(c as HTMLElement).hidden).length,
          ),
          2,
        );
        await page.close();
      });

      await t.step(
        "Home, then → one node at a time: forward values, then the backward pass",
        async () => {
          const page = await browser.newPage();
          await page.setViewport({ width: 1000, height: 900 });
          await page.goto(url, { waitUntil: "networkidle0" });
          const e = linear(1, 2, 1);
          await page.$eval(
            ".computational-graph svg.cg-wide",
            (svg) => (svg as SVGSVGElement).focus(),
          );
          assert.equal(
            await page.evaluate(() => document.activeElement?.classList.contains("cg-wide")),
            true,
          );
          await page.keyboard.press("Home");
          let s = await read(page);
          assert.equal(s.nodes["ŷ"].value, "?");
          assert.equal(s.nodes["loss"].value, "?");
          assert.deepEqual(s.locals, []);
          assert.match(s.status, /^第 0 步/);
          await page.keyboard.press("ArrowRight");
          s = await read(page);
          assert.equal(s.current, "ŷ");
          assert.equal(s.nodes["ŷ"].value, shown(e.yHat));
          assert.equal(s.nodes["r"].value, "?");
          assert.match(s.status, /ŷ = x × w = 1\.0 × 1\.0 = 1\.0/);
          await page.keyboard.press("ArrowRight");
          await page.keyboard.press("ArrowRight");
          s = await read(page);
          assert.equal(s.nodes["loss"].value, shown(e.loss));
          assert.deepEqual(s.locals, [], "no local derivative before the backward pass");
          assert.equal(s.nodes["w"].grad, null);
          // First backward step: loss = r² writes ∂loss/∂r = 2r on its edge.
          await page.keyboard.press("ArrowRight");
          s = await read(page);
          assert.equal(s.current, "loss");
          assert.deepEqual(s.locals, [shown(2 * e.r)]);
          assert.equal(s.nodes["r"].grad, `∂ ${shown(2 * e.r)}`);
          assert.equal(s.nodes["w"].grad, null);
          await page.keyboard.press("ArrowRight");
          await page.keyboard.press("ArrowRight");
          s = await read(page);
          assert.equal(s.nodes["w"].grad, `w.grad ${shown(e.grad)}`);
          assert.match(s.status, /w\.grad = −2\.0/);
          // Back one step: w's gradient is not known yet.
          await page.keyboard.press("ArrowLeft");
          s = await read(page);
          assert.equal(s.nodes["w"].grad, null);
          // The buttons do the same; at the end "Step" is disabled.
          await page.click(".computational-graph button[data-step='end']");
          const disabled = await page.$eval(
            ".computational-graph button[data-step='next']",
            (b) => (b as HTMLButtonElement).disabled,
          );
          assert.equal(disabled, true);
          await page.click(".computational-graph button[data-step='start']");
          await page.click(".computational-graph button[data-step='next']");
          s = await read(page);
          assert.equal(s.current, "ŷ");
          await page.close();
        },
      );

      await t.step("typing x = 3 recomputes every value as the engine does", async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 1000, height: 900 });
        await page.goto(url, { waitUntil: "networkidle0" });
        await page.click(".computational-graph input[name='x']");
        await page.keyboard.press("Backspace");
        await page.keyboard.type("3");
        const e = linear(3, 2, 1);
        // The engine loads on the first edit; the graph is redrawn once it has.
        for (let i = 0; i < 100 && (await read(page)).nodes["ŷ"].value !== shown(e.yHat); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        const s = await read(page);
        assert.equal(s.nodes["ŷ"].value, shown(e.yHat));
        assert.equal(s.nodes["r"].value, shown(e.r));
        assert.equal(s.nodes["loss"].value, shown(e.loss));
        assert.equal(s.nodes["w"].grad, `w.grad ${shown(e.grad)}`);
        assert.ok(s.locals.includes(shown(3)), "∂ŷ/∂w = x = 3 on its edge");
        // The text alternative follows: the table's row for w holds the new gradient.
        const wRow = await page.$eval(
          ".computational-graph .cg-nodes tr:nth-child(2)",
          (tr) => [...tr.children].map((c) => c.textContent),
        );
        assert.deepEqual(wRow, ["w", "参数（requires_grad）", shown(1), shown(e.grad)]);
        // A value that is not a number leaves the graph as it was.
        await page.keyboard.press("Backspace");
        const after = await read(page);
        assert.equal(after.nodes["loss"].value, shown(e.loss));
        await page.close();
      });

      await t.step("a 390 px phone gets the top-to-bottom drawing, within the screen", async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 390, height: 844 });
        await page.goto(url, { waitUntil: "networkidle0" });
        for (const n of [0, 1]) assert.equal((await read(page, n)).orientation, "tall");
        const widths = await page.$$eval(
          ".computational-graph svg.cg-tall",
          (l) => l.map((s) => s.getBoundingClientRect().right),
        );
        for (const right of widths) assert.ok(right <= 390, `graph ends at ${right}px`);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390));
        await page.close();
      });

      await t.step(
        "no line runs into a label and no label covers another, wide or tall",
        async () => {
          const page = await browser.newPage();
          for (const width of [1000, 390]) {
            await page.setViewport({ width, height: 900 });
            await page.goto(url, { waitUntil: "networkidle0" });
            for (const n of [0, 1]) {
              const clashes = await page.evaluate(layoutClashes, n);
              assert.deepEqual(clashes, [], `graph ${n} at ${width}px`);
            }
          }
          await page.close();
        },
      );

      await t.step("without JavaScript the complete graph is there, and no controls", async () => {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.goto(url, { waitUntil: "networkidle0" });
        // The fixture's second graph: the homework's defaults x = 2, y = 4, w1 = w2 = b = 1.
        const w1 = tensor(1, { requiresGrad: true }), x = tensor(2);
        const loss = w1.mul(x.pow(2)).add(x.mul(1)).add(1).sub(4).pow(2);
        loss.backward();
        const s = await read(page, 1);
        assert.equal(s.nodes["loss"].value, shown(loss.item()));
        assert.equal(s.nodes["w1"].grad, `w1.grad ${shown(w1.grad!.item())}`);
        const visible = await page.$$eval(
          ".cg-controls",
          (l) => l.filter((c) => getComputedStyle(c).display !== "none").length,
        );
        assert.equal(visible, 0);
        await page.close();
      });
    } finally {
      await chromium.close();
      await server.shutdown();
      await Deno.remove(built.dir, { recursive: true });
    }
  },
});
