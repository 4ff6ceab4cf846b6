import { describe, expect, it } from "vitest";
import { amountCurve } from "../../src/analysis/curve.js";
import { exactDiff } from "../../src/analysis/exact-diff.js";
import { curveSvg, differingIntervals, escapeXml, MAX_LABEL_ROWS } from "../../src/chart/index.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { fixtureEngine, LICENCE, SUBSIDY } from "../diff/helpers.js";

/*
 * The SVG chart of an exact amount curve (src/chart/svg.ts). The expected breakpoints are the analysis's
 * own (amountCurve, computed here), never copied numbers; positions are read back from the SVG text
 * through its axes, so a chart that puts a breakpoint in the wrong place fails.
 */

const FACTS = { contractAmount: "450000", ...LICENCE };
const curve = amountCurve(SUBSIDY, FACTS, "contractAmount", { on: "2025-06-01" });

/** The attributes of every element `<tag … class="cls" …>` of an SVG text, in order. */
function elements(svg: string, tag: string, cls?: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of svg.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    if (cls === undefined || attrs["class"] === cls) out.push(attrs);
  }
  return out;
}

/** The axis's map from a value to a pixel, read from the `x-axis` / `y-axis` line of the SVG. */
function axis(svg: string, which: "x" | "y"): (v: number) => number {
  const a = elements(svg, "line", `${which}-axis`)[0]!;
  const [from, to] = [Number(a["data-from"]), Number(a["data-to"])];
  const [p0, p1] = which === "x" ? [Number(a["x1"]), Number(a["x2"])] : [Number(a["y1"]), Number(a["y2"])];
  return (v) => p0 + ((v - from) / (to - from)) * (p1 - p0);
}

/** The circles of each breakpoint group, with the group's data attributes. */
function breakpoints(svg: string): { at: string; value: string; series: string; cx: number; cy: number; text: string }[] {
  return [...svg.matchAll(/<g class="breakpoint"([^>]*)>([\s\S]*?)<\/g>/g)].map((m) => {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    const circle = elements(m[2]!, "circle")[0]!;
    return { at: attrs["data-at"]!, value: attrs["data-value"]!, series: attrs["data-series"]!, cx: Number(circle["cx"]), cy: Number(circle["cy"]), text: m[2]!.replace(/<[^>]+>/g, " ") };
  });
}

describe("curveSvg: one version", () => {
  const svg = curveSvg(curve, { mark: "450000", lang: "en" });

  it("draws every breakpoint of the curve where the axes put it, at the value there", () => {
    const expected = curve.fields["amount"]!.breakpoints;
    const drawn = breakpoints(svg);
    expect(drawn.map((b) => [b.at, b.value])).toEqual(expected.map((b) => [b.at, b.value]));
    const x = axis(svg, "x");
    const y = axis(svg, "y");
    for (const b of drawn) {
      expect(Math.abs(b.cx - x(Number(b.at)))).toBeLessThan(0.2);
      expect(Math.abs(b.cy - y(Number(b.value)))).toBeLessThan(0.2);
    }
  });

  it("draws one straight segment per piece within the range, joining the breakpoints", () => {
    const path = elements(svg, "path", "curve")[0]!;
    const segments = [...path["d"]!.matchAll(/M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)/g)].map((m) => m.slice(1).map(Number));
    expect(segments.length).toBe(curve.fields["amount"]!.pieces.length);
    const drawn = breakpoints(svg);
    // Each breakpoint's dot is an end of a segment (the side whose formula holds there).
    for (const b of drawn) expect(segments.some(([x1, y1, x2, y2]) => (Math.abs(x1! - b.cx) < 0.2 && Math.abs(y1! - b.cy) < 0.2) || (Math.abs(x2! - b.cx) < 0.2 && Math.abs(y2! - b.cy) < 0.2))).toBe(true);
  });

  it("labels each breakpoint in yuan with grouped digits, and the axes in grouped digits", () => {
    for (const b of breakpoints(svg)) {
      const yuan = Number(b.at).toLocaleString("en-US");
      const value = Number(b.value).toLocaleString("en-US", { minimumFractionDigits: 2 });
      expect(b.text).toContain(yuan);
      expect(b.text).toContain(value);
    }
    const xTicks = [...svg.matchAll(/<text class="x-tick"[^>]*>([^<]*)</g)].map((m) => m[1]!);
    expect(xTicks.length).toBeGreaterThan(1);
    for (const t of xTicks) expect(t).toMatch(/^\d{1,3}(,\d{3})*$/);
    expect(svg).toContain("contractAmount (yuan)");
    expect(svg).toContain("amount (yuan)");
  });

  it("marks the applicant's point with the engine's value there", () => {
    const mark = elements(svg, "g", "mark")[0]!;
    const decision = fixtureEngine("amendment").evaluate(SUBSIDY, FACTS, { on: "2025-06-01", version: 1 });
    expect(mark["data-at"]).toBe("450000");
    expect(mark["data-value"]).toBe(decision.outcome["amount"]);
    for (const at of ["500000", "499999.99", "1000000", "1500000", "8999999.99", "9000000", "12000000"]) {
      const other = elements(curveSvg(curve, { mark: at }), "g", "mark")[0]!;
      const engineValue = fixtureEngine("amendment").evaluate(SUBSIDY, { ...FACTS, contractAmount: at }, { on: "2025-06-01", version: 1 }).outcome["amount"];
      expect(other["data-value"]).toBe(engineValue);
    }
  });

  it("is plain SVG that a strict CSP shows: no script, no style element or attribute, no event handler", () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script|<style|\sstyle=|\son\w+=|href=/i);
  });
});

describe("curveSvg: text is escaped", () => {
  it("escapes the title and the axis labels", () => {
    const svg = curveSvg(curve, { title: `<script>alert("x")</script> & 'q'`, inputLabel: "a<b", fieldLabel: 'c"d' });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    expect(svg).toContain("a&lt;b (元)");
    expect(svg).toContain("c&quot;d (元)");
    // Every attribute value is quoted text with no raw markup.
    for (const m of svg.matchAll(/="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
  });

  it("escapeXml escapes the five XML characters", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  });
});

describe("curveSvg: two versions overlaid", () => {
  const engine = fixtureEngine("amendment");
  const v1 = amountCurve(SUBSIDY, FACTS, "contractAmount", { on: "2025-06-01", version: 1, engine });
  const v2 = amountCurve(SUBSIDY, FACTS, "contractAmount", { on: "2026-06-01", version: 2, engine });

  it("shades exactly where the two versions decide differently, checked by the engine on both sides of every edge", () => {
    for (const field of ["amount", "eligible"]) {
      const regions = differingIntervals(v1.fields[field]!, v2.fields[field]!);
      expect(regions.length).toBeGreaterThan(0);
      const at = (x: string, version: 1 | 2) => engine.evaluate(SUBSIDY, { ...FACTS, contractAmount: x }, { on: version === 1 ? "2025-06-01" : "2026-06-01", version }).outcome[field];
      const differs = (x: string) => at(x, 1) !== at(x, 2);
      for (const r of regions) {
        const lo = r.from ? Number(r.from.at) : 0;
        const hi = r.to ? Number(r.to.at) : lo + 2;
        expect(differs(((lo + hi) / 2).toFixed(2))).toBe(true);
        if (r.from) expect(differs(r.from.at)).toBe(r.from.closed);
        if (r.from && r.from.at !== "0") expect(differs((lo - 0.01).toFixed(2))).toBe(false);
        if (r.to) expect(differs(r.to.at)).toBe(r.to.closed);
      }
    }
  });

  it("agrees with the exact diff of the two versions along this line", () => {
    const diff = exactDiff(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { engine });
    for (const field of ["amount", "eligible"]) {
      const bounds = diff.regions.filter((r) => r.changes.some((c) => c.field === field)).map((r) => r.bounds["contractAmount"]!);
      // The exact diff's regions for the field, merged where they touch, are the chart's shaded stretches.
      const merged: { from?: { at: string; closed: boolean }; to?: { at: string; closed: boolean } }[] = [];
      for (const b of bounds.sort((p, q) => Number(p.from?.at ?? -Infinity) - Number(q.from?.at ?? -Infinity))) {
        const last = merged[merged.length - 1];
        if (last && last.to && b.from && last.to.at === b.from.at && (last.to.closed || b.from.closed)) {
          if (b.to) last.to = b.to;
          else delete last.to;
        }
        else merged.push({ ...(b.from ? { from: b.from } : {}), ...(b.to ? { to: b.to } : {}) });
      }
      expect(differingIntervals(v1.fields[field]!, v2.fields[field]!)).toEqual(merged);
    }
  });

  it("draws both curves, each version's own breakpoints, and the shaded regions in the SVG", () => {
    const svg = curveSvg(v2, { against: v1, mark: "400000" });
    expect(elements(svg, "path", "curve").map((p) => [p["data-series"], p["data-version"]])).toEqual([["before", "1"], ["after", "2"]]);
    const drawn = breakpoints(svg);
    for (const b of v2.fields["amount"]!.breakpoints) expect(drawn.some((d) => d.series === "after" && d.at === b.at && d.value === b.value)).toBe(true);
    for (const b of v1.fields["amount"]!.breakpoints) expect(drawn.some((d) => d.at === b.at && d.value === b.value)).toBe(true);
    const rects = elements(svg, "rect", "change-region");
    expect(rects.map((r) => r["data-from"])).toEqual(differingIntervals(v1.fields["amount"]!, v2.fields["amount"]!).map((r) => r.from?.at ?? ""));
    const x = axis(svg, "x");
    for (const r of rects) expect(Math.abs(Number(r["x"]) - x(Number(r["data-from"])))).toBeLessThan(0.2);
  });

  it("refuses curves along different inputs, an unknown field, a date input and a bad mark", () => {
    expect(() => curveSvg(v2, { against: { ...v1, input: "otherAmount" } })).toThrow(InvalidArgumentError);
    expect(() => curveSvg({ ...v2, domain: { from: { at: "2025-01-01", closed: true } } })).toThrow(/is a date/);
    expect(() => curveSvg(v2, { field: "nope" })).toThrow(/no outcome field "nope"/);
    expect(() => curveSvg(v2, { mark: "4e5" })).toThrow(/plain decimal/);
  });
});

describe("curveSvg: many breakpoints", () => {
  it("keeps at most MAX_LABEL_ROWS rows of labels, every breakpoint still drawn", () => {
    // Labels for breakpoints crowded into a narrow range cannot all fit side by side.
    const svg = curveSvg(curve, { width: 320, xMax: "9000000" });
    const labelRows = new Set([...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" text-anchor="middle" fill="#[0-9a-f]+" font-weight="600">/g)].map((m) => m[1]));
    expect(labelRows.size).toBeLessThanOrEqual(MAX_LABEL_ROWS);
    expect(breakpoints(svg).length).toBe(curve.fields["amount"]!.breakpoints.length);
  });
});
