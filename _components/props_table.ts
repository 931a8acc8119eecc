import type { ComponentContext, PropsDeclaration, PropSpec } from "../ssg/mod.ts";
import { esc } from "./_chart/svg.ts";

/** Props of `comp.PropsTable`. */
export const props = {
  component: { type: "string", description: 'a component\'s name, e.g. "LossCurve"' },
} satisfies PropsDeclaration;

const words = {
  zh: { name: "属性", type: "类型", default: "默认值", what: "说明", required: "必填", none: "—" },
  en: {
    name: "Prop",
    type: "Type",
    default: "Default",
    what: "What it does",
    required: "required",
    none: "—",
  },
};

/** `code` spans in a description become <code>. */
const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A value as an author writes it in a call: `{ start: 0, stop: 4.1, step: 0.1 }`. */
function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${literal(x)}`).join(", ")} }`;
  }
  return JSON.stringify(v);
}

function defaultText(spec: PropSpec, t: typeof words.zh): string {
  if ("default" in spec) return `<code>${esc(literal(spec.default))}</code>`;
  return spec.optional ? t.none : `<strong>${t.required}</strong>`;
}

/**
 * A component's props as a table, read from its own `props` declaration, so the author guide
 * always documents what the generator actually checks.
 *
 * `{{ comp.PropsTable({ component: "LossCurve" }) }}`
 */
export default function PropsTable(p: { component: string }, ctx: ComponentContext): string {
  const t = ctx.page.lang === "en" ? words.en : words.zh;
  const c = ctx.components.get(p.component);
  if (!c) {
    throw new Error(
      `no component "${p.component}" (components: ${[...ctx.components.keys()].join(", ")})`,
    );
  }
  if (!c.props) throw new Error(`component "${p.component}" declares no props`);
  const rows = Object.entries(c.props).map(([name, spec]) => {
    const type = [spec.type].flat().join(" | ") +
      (spec.oneOf ? `: ${spec.oneOf.map((v) => JSON.stringify(v)).join(", ")}` : "");
    return `<tr><td><code>${esc(name)}</code></td><td><code>${
      esc(type)
    }</code></td><td data-label="${t.default}">${defaultText(spec, t)}</td><td>${
      inline(ctx.page.lang === "zh" && spec.zh ? spec.zh : spec.description)
    }</td></tr>`;
  }).join("");
  return `<div class="table-scroll props-table" tabindex="0" role="region" aria-label="comp.${
    esc(p.component)
  }"><table><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.type}</th><th scope="col">${t.default}</th><th scope="col">${t.what}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
