import type { AmountCurve, CurvePiece, FieldCurve } from "../analysis/curve.js";
import { applyRounds } from "../analysis/line.js";
import * as R from "../analysis/rational.js";
import type { Q } from "../analysis/rational.js";
import { InvalidArgumentError } from "../errors.js";
import { formatMoney, groupDigits } from "../format/values.js";

/*
 * A chart of one outcome field of an exact amount curve (src/analysis/curve.ts) against its input, as a
 * standalone SVG text. The curve is piecewise affine, so each piece is one straight segment between its
 * ends: nothing is sampled, and the breakpoints drawn are the analysis's own (each labelled with the
 * input and the value there). Two curves (two versions) are drawn over each other with the stretches of
 * the input where their formulas differ shaded. Plain SVG with presentation attributes only (no <style>,
 * no style attributes, no script), so a page with a strict Content-Security-Policy can show it inline.
 */

/**
 * How a chart is drawn: which field, which version to overlay, the applicant's own point, the words.
 *
 * @category Chart
 * @example
 * const options: CurveChartOptions = { field: "amount", mark: "450000", lang: "zh" };
 */
export interface CurveChartOptions {
  /** The outcome field drawn (default: `amount` when there is one, else the first money field, else `eligible`). */
  field?: string;
  /** Another version's curve along the same input, drawn first (dashed), with the change regions shaded. */
  against?: AmountCurve;
  /** The applicant's own value of the input (a plain decimal), marked on the curve with the value there. */
  mark?: string;
  /** The language of the chart's words (default `zh`). */
  lang?: "zh" | "en";
  /** The title (default: the rule id and version). */
  title?: string;
  /** The input's name as shown on the horizontal axis (default: the input's name). */
  inputLabel?: string;
  /** The field's name as shown on the vertical axis (default: the field's name). */
  fieldLabel?: string;
  /** The largest input shown (a plain decimal; default: a fifth past the last breakpoint or the mark). */
  xMax?: string;
  /** The width of the drawing in pixels (default 720; the SVG scales, this sets the proportions). */
  width?: number;
  /** The height of the plot area in pixels (default 260). */
  height?: number;
}

/**
 * The most rows of breakpoint labels above the plot. A breakpoint whose label finds no room in these
 * rows keeps its dot, guide line and tooltip (`<title>`) but no printed label, so a curve with many
 * breakpoints stays readable and the drawing's size stays bounded.
 *
 * @category Chart
 * @example
 * MAX_LABEL_ROWS //=> 4
 */
export const MAX_LABEL_ROWS = 4;

const COLOURS = { after: "#0b5cad", before: "#8a94a6", mark: "#c2410c", region: "#f59f00", axis: "#5b6575", grid: "#e3e7ee", text: "#1d2430" } as const;
const FONT = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";
const CHAR_PX = 6.4; // the width of a digit at font size 11, for laying labels out
const WORDS = {
  zh: { yuan: "元", yours: "您的值", before: "修订前", after: "修订后", changed: "变化区域", yes: "是", no: "否", none: "无" },
  en: { yuan: "yuan", yours: "your value", before: "before", after: "after", changed: "changed", yes: "yes", no: "no", none: "none" },
} as const;

/**
 * Escape text for SVG (XML) text and attribute values.
 *
 * @category Chart
 * @example
 * escapeXml('a < b & "c"') //=> "a &lt; b &amp; &quot;c&quot;"
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** An exact input value of a curve (a plain decimal or `"p/q"`) as a rational. */
function rational(text: string): Q {
  const slash = text.indexOf("/");
  return slash < 0 ? R.q(text) : R.frac(BigInt(text.slice(0, slash)), BigInt(text.slice(slash + 1)));
}

const num = (a: Q): number => Number(a.num) / Number(a.den);

/** Whether a piece holds at x. */
function covers(p: CurvePiece, x: Q): boolean {
  if (p.from) {
    const c = R.cmp(x, rational(p.from.at));
    if (c < 0 || (c === 0 && !p.from.closed)) return false;
  }
  if (p.to) {
    const c = R.cmp(x, rational(p.to.at));
    if (c > 0 || (c === 0 && !p.to.closed)) return false;
  }
  return true;
}

/** The value of a piece at x, exact, as the decision shows it (money to the fen), or null. */
function shownAt(p: CurvePiece, x: Q, type: string): string | null {
  const v = p.value;
  if (v.kind === "constant") return v.value === null ? null : typeof v.value === "object" ? JSON.stringify(v.value) : String(v.value);
  if (v.kind !== "affine") return null;
  const exact = applyRounds(R.add(R.mul(rational(v.slope), x), rational(v.intercept)), v.rounding);
  const text = R.qText(exact);
  return type === "money" && R.isDecimal(exact) ? R.toDec(exact).toFixed(2) : text;
}

/** The value of a piece at x as a number for drawing (rounding is below a pixel), or undefined where there is none. */
function plotAt(p: CurvePiece, x: number): number | undefined {
  const v = p.value;
  if (v.kind === "affine") return num(rational(v.slope)) * x + num(rational(v.intercept));
  if (v.kind !== "constant") return undefined;
  if (typeof v.value === "boolean") return v.value ? 1 : 0;
  if (typeof v.value === "number") return v.value;
  if (typeof v.value === "string" && /^-?\d+(\.\d+)?$/.test(v.value)) return Number(v.value);
  return undefined;
}

/** Whether two pieces' formulas are the same (same constant, or same slope, intercept and rounding). */
function sameFormula(a: CurvePiece, b: CurvePiece): boolean {
  const x = a.value;
  const y = b.value;
  if (x.kind === "constant" && y.kind === "constant") return JSON.stringify(x.value) === JSON.stringify(y.value);
  if (x.kind === "affine" && y.kind === "affine") {
    return R.eq(rational(x.slope), rational(y.slope)) && R.eq(rational(x.intercept), rational(y.intercept)) && JSON.stringify(x.rounding) === JSON.stringify(y.rounding);
  }
  return false;
}

/**
 * The stretches of the input where two curves of one field differ: every end of either curve's pieces
 * cuts the line; on each open stretch between two cuts and at each cut the two pieces that hold are
 * compared by formula; neighbouring differing parts are merged. Exact (rationals), nothing sampled.
 *
 * @category Chart
 * @example
 * differingIntervals(v1.fields.amount, v2.fields.amount)
 * //=> [{ from: { at: "300000", closed: true }, to: { at: "500000", closed: false } }]
 */
export function differingIntervals(a: FieldCurve, b: FieldCurve): { from?: { at: string; closed: boolean }; to?: { at: string; closed: boolean } }[] {
  const cuts = [...new Map([...a.pieces, ...b.pieces].flatMap((p) => [p.from, p.to]).filter((e) => e !== undefined).map((e) => [e.at, rational(e.at)] as const)).values()].sort(R.cmp);
  const at = (x: Q) => [a.pieces.find((p) => covers(p, x)), b.pieces.find((p) => covers(p, x))] as const;
  const differs = (x: Q) => {
    const [p, q] = at(x);
    return p === undefined || q === undefined ? p !== q : !sameFormula(p, q);
  };
  // The parts in order: the stretch before the first cut, each cut, each stretch after it.
  const parts: { lo?: Q; hi?: Q; point?: Q; differs: boolean }[] = [];
  const inside = (lo: Q | undefined, hi: Q | undefined): Q => (lo && hi ? R.div(R.add(lo, hi), R.q(2)) : lo ? R.add(lo, R.ONE) : hi ? R.sub(hi, R.ONE) : R.ZERO);
  if (cuts.length === 0) return differs(R.ZERO) ? [{}] : [];
  parts.push({ hi: cuts[0]!, differs: differs(inside(undefined, cuts[0])) });
  cuts.forEach((c, i) => {
    parts.push({ point: c, differs: differs(c) });
    const next = cuts[i + 1];
    parts.push({ lo: c, ...(next ? { hi: next } : {}), differs: differs(inside(c, next)) });
  });
  const out: { from?: { at: string; closed: boolean }; to?: { at: string; closed: boolean } }[] = [];
  let open: { from?: { at: string; closed: boolean }; to?: { at: string; closed: boolean } } | undefined;
  for (const part of parts) {
    if (!part.differs) {
      if (open) out.push(open);
      open = undefined;
      continue;
    }
    if (part.point) {
      if (!open) open = { from: { at: R.qText(part.point), closed: true } };
      open.to = { at: R.qText(part.point), closed: true };
    } else {
      if (!open) open = part.lo ? { from: { at: R.qText(part.lo), closed: false } } : {};
      if (part.hi) open.to = { at: R.qText(part.hi), closed: false };
      else delete open.to;
    }
  }
  if (open) out.push(open);
  return out;
}

/** Round numbers for an axis from lo to hi: about `count` steps of 1, 2 or 5 × 10^k. */
function ticks(lo: number, hi: number, count: number): { values: number[]; step: number } {
  const raw = (hi - lo) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const values: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { values, step };
}

/** A tick value in grouped digits, with as many decimals as the step needs. */
function tickText(v: number, step: number): string {
  const places = step >= 1 ? 0 : Math.min(10, Math.ceil(-Math.log10(step)));
  return groupDigits(v.toFixed(places));
}

/** An exact input or value for a label: grouped digits, money to the fen, `p/q` approximated with "≈". */
function exactText(text: string, money: boolean): string {
  if (text.includes("/")) return `≈${groupDigits(num(rational(text)).toFixed(money ? 2 : 4))}`;
  return money ? formatMoney(text) : groupDigits(text);
}

/** An input value for a breakpoint label: whole yuan without the fen ("500,000"), else as {@link exactText}. */
function inputText(text: string, money: boolean): string {
  return /^-?\d+$/.test(text) ? groupDigits(text) : exactText(text, money);
}

/** The default field of a chart: `amount`, else the first money field, else `eligible`, else the first. */
function defaultField(curve: AmountCurve): string | undefined {
  const names = Object.keys(curve.fields);
  return names.find((n) => n === "amount") ?? names.find((n) => curve.fields[n]!.type === "money") ?? names.find((n) => n === "eligible") ?? names[0];
}

const CHARTED_TYPES = ["money", "decimal", "rate", "integer", "boolean"];

interface Series {
  name: "before" | "after";
  curve: AmountCurve;
  field: FieldCurve;
}

/**
 * The chart of one outcome field of an exact amount curve against its input, as an SVG text: the
 * pieces as straight segments, axes with grouped-digit labels (yuan for money), each breakpoint within
 * the range drawn as a dot labelled with the input and the value there (`data-at`, `data-value`,
 * `data-series` on its `<g class="breakpoint">`), an optional marked point (the applicant's own value,
 * `<g class="mark">`), and with `against` both versions overlaid, the stretches where they differ shaded
 * (`<rect class="change-region">`). Presentation attributes only: safe inline under a strict CSP.
 *
 * @category Chart
 * @throws {InvalidArgumentError} when the field is not in the curve or not a number or boolean, the
 * input is a date, `against` runs along another input, or `mark` / `xMax` is not a plain decimal
 * @example
 * import { amountCurve } from "jjj-policy-rules/analysis";
 * import { curveSvg } from "jjj-policy-rules/chart";
 * const curve = amountCurve("sjz-2025/absorption-subsidy",
 *   { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   "contractAmount", { on: "2025-06-01" });
 * const svg = curveSvg(curve, { mark: "450000", lang: "en" }); // "<svg xmlns=…"
 */
export function curveSvg(curve: AmountCurve, options: CurveChartOptions = {}): string {
  const lang = options.lang === "en" ? "en" : "zh";
  const words = WORDS[lang];
  const fieldName = options.field ?? defaultField(curve);
  const field = fieldName !== undefined && Object.hasOwn(curve.fields, fieldName) ? curve.fields[fieldName] : undefined;
  if (fieldName === undefined || field === undefined) {
    throw new InvalidArgumentError(`${curve.ruleId} has no outcome field "${String(fieldName)}" to chart; fields: ${Object.keys(curve.fields).join(", ")} (没有该结果字段)`);
  }
  if (!CHARTED_TYPES.includes(field.type)) throw new InvalidArgumentError(`the field "${fieldName}" is ${field.type}: a chart draws money, decimal, rate, integer or boolean fields (图表只画数值或是否字段)`);
  const isDateLine = [curve.domain.from?.at, curve.domain.to?.at].some((a) => a !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(a));
  if (isDateLine) throw new InvalidArgumentError(`${curve.input} is a date: a chart draws money, decimal, rate or integer inputs (图表只画数值输入)`);
  const series: Series[] = [];
  if (options.against) {
    const other = options.against;
    if (other.input !== curve.input) throw new InvalidArgumentError(`the two curves run along different inputs: ${other.input} and ${curve.input} (两条曲线的输入不同)`);
    const otherField = Object.hasOwn(other.fields, fieldName) ? other.fields[fieldName] : undefined;
    if (!otherField) throw new InvalidArgumentError(`version ${other.version} of ${other.ruleId} has no outcome field "${fieldName}" (该版本没有此结果字段)`);
    series.push({ name: "before", curve: other, field: otherField });
  }
  series.push({ name: "after", curve, field });
  const plain = (text: string | undefined, what: string): Q | undefined => {
    if (text === undefined) return undefined;
    if (typeof text !== "string" || !/^-?\d{1,20}(\.\d{1,20})?$/.test(text)) throw new InvalidArgumentError(`${what} must be a plain decimal such as "450000", got ${JSON.stringify(String(text).slice(0, 40))} (${what} 须为十进制数)`);
    return R.q(text);
  };
  const mark = plain(options.mark, "mark");
  const xMaxGiven = plain(options.xMax, "xMax");
  const money = curve.step === "0.01";
  const fieldMoney = field.type === "money";

  // The range of the input shown: from the domain's start (or 0) to past the last breakpoint and the mark.
  // A breakpoint the older version shares (same input, same value) is drawn once, as the newer one's.
  const shared = new Set(field.breakpoints.map((b) => `${b.at} ${JSON.stringify(b.value)}`));
  const breakpoints = series.flatMap((s) =>
    s.field.breakpoints.filter((b) => s.name === "after" || !shared.has(`${b.at} ${JSON.stringify(b.value)}`)).map((b) => ({ ...b, series: s.name, x: rational(b.at) })),
  );
  const start = curve.domain.from ? rational(curve.domain.from.at) : [...breakpoints.map((b) => b.x), R.ZERO].reduce((m, x) => (R.cmp(x, m) < 0 ? x : m));
  const furthest = [...breakpoints.map((b) => b.x), ...(mark ? [mark] : [])].reduce<Q | undefined>((m, x) => (m === undefined || R.cmp(x, m) > 0 ? x : m), undefined);
  let x0 = num(start);
  let x1 = xMaxGiven ? num(xMaxGiven) : furthest && R.cmp(furthest, start) > 0 ? x0 + (num(furthest) - x0) * 1.2 : x0 + (money ? 1_000_000 : 1);
  if (curve.domain.to) x1 = Math.min(x1, num(rational(curve.domain.to.at)));
  if (!(x1 > x0)) x1 = x0 + 1;
  if (mark && num(mark) < x0) x0 = num(mark);

  // Each piece within the range as a segment [xa, xb] with its ends' values.
  const segments = series.map((s) =>
    s.field.pieces.flatMap((p) => {
      const a = Math.max(x0, p.from ? num(rational(p.from.at)) : -Infinity);
      const b = Math.min(x1, p.to ? num(rational(p.to.at)) : Infinity);
      if (a > b) return [];
      const ya = plotAt(p, a);
      const yb = plotAt(p, b);
      return ya === undefined || yb === undefined ? [] : [{ a, b, ya, yb }];
    }),
  );
  const ys = segments.flat().flatMap((s) => [s.ya, s.yb]);
  let y0 = Math.min(0, ...ys);
  let y1 = Math.max(...ys, field.type === "boolean" ? 1 : 0);
  if (!(y1 > y0)) y1 = y0 + 1;
  y1 += (y1 - y0) * 0.08;

  // Breakpoint labels, laid out in rows above the plot so that none overlaps another.
  const width = Math.max(320, Math.min(4000, options.width ?? 720));
  const plotH = Math.max(120, Math.min(4000, options.height ?? 260));
  const yTicks = ticks(y0, y1, 5);
  const yTickTexts = yTicks.values.map((v) => (field.type === "boolean" ? (v === 1 ? words.yes : v === 0 ? words.no : "") : tickText(v, yTicks.step)));
  const left = 16 + Math.max(...yTickTexts.map((t) => t.length)) * CHAR_PX;
  const right = 24;
  const plotW = width - left - right;
  const sx = (x: number) => left + ((x - x0) / (x1 - x0)) * plotW;
  const shown = breakpoints.filter((b) => num(b.x) >= x0 && num(b.x) <= x1);
  const rowsEnd: number[] = [];
  const labels = shown.map((b) => {
    const xText = inputText(b.at, money);
    const vText = b.value === null ? words.none : fieldMoney && typeof b.value === "string" ? formatMoney(b.value) : typeof b.value === "boolean" ? words[b.value ? "yes" : "no"] : String(b.value);
    const w = Math.max(xText.length, vText.length + 2) * CHAR_PX + 8;
    const cx = sx(num(b.x));
    const lo = Math.min(Math.max(cx - w / 2, 2), width - w - 2);
    let row = rowsEnd.findIndex((end) => end <= lo);
    if (row < 0 && rowsEnd.length < MAX_LABEL_ROWS) row = rowsEnd.push(-Infinity) - 1;
    if (row >= 0) rowsEnd[row] = lo + w + 6;
    return { b, xText, vText, cx, lo, w, row };
  });
  const titleH = 26;
  const rowH = 30;
  const top = titleH + rowsEnd.length * rowH + 16;
  const sy = (y: number) => top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const legendY = top + plotH + 54;
  const height = legendY + 18 + (mark ? 18 : 0);

  const f = (n: number) => (Math.round(n * 10) / 10).toString();
  const out: string[] = [];
  const title = options.title ?? `${curve.ruleId} v${curve.version}${options.against ? ` / v${options.against.version}` : ""}`;
  const xUnit = money ? ` (${words.yuan})` : "";
  const yUnit = fieldMoney ? ` (${words.yuan})` : "";
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="curve-chart" viewBox="0 0 ${width} ${f(height)}" width="${width}" height="${f(height)}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT)}" font-size="11" data-rule="${escapeXml(curve.ruleId)}" data-input="${escapeXml(curve.input)}" data-field="${escapeXml(fieldName)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${f(height)}" fill="#ffffff"/>`,
    `<text x="8" y="17" font-size="13" font-weight="600" fill="${COLOURS.text}">${escapeXml(title)}</text>`,
  );
  // Shaded change regions under everything else.
  if (options.against) {
    for (const r of differingIntervals(series[0]!.field, field)) {
      const a = Math.max(x0, r.from ? num(rational(r.from.at)) : -Infinity);
      const b = Math.min(x1, r.to ? num(rational(r.to.at)) : Infinity);
      if (a > b) continue;
      const px = sx(a);
      const pw = Math.max(2, sx(b) - px);
      out.push(`<rect class="change-region" data-from="${escapeXml(r.from?.at ?? "")}" data-to="${escapeXml(r.to?.at ?? "")}" x="${f(px)}" y="${f(top)}" width="${f(pw)}" height="${f(plotH)}" fill="${COLOURS.region}" fill-opacity="0.18"/>`);
    }
  }
  // Grid and axes.
  yTicks.values.forEach((v, i) => {
    out.push(`<line x1="${f(left)}" x2="${f(left + plotW)}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="${COLOURS.grid}"/>`, `<text class="y-tick" x="${f(left - 6)}" y="${f(sy(v) + 4)}" text-anchor="end" fill="${COLOURS.axis}">${escapeXml(yTickTexts[i]!)}</text>`);
  });
  const xTicks = ticks(x0, x1, Math.max(2, Math.floor(plotW / 110)));
  for (const v of xTicks.values) {
    out.push(`<line x1="${f(sx(v))}" x2="${f(sx(v))}" y1="${f(top + plotH)}" y2="${f(top + plotH + 4)}" stroke="${COLOURS.axis}"/>`, `<text class="x-tick" x="${f(sx(v))}" y="${f(top + plotH + 16)}" text-anchor="middle" fill="${COLOURS.axis}">${escapeXml(tickText(v, xTicks.step))}</text>`);
  }
  out.push(
    `<line class="x-axis" data-from="${x0}" data-to="${x1}" x1="${f(left)}" x2="${f(left + plotW)}" y1="${f(top + plotH)}" y2="${f(top + plotH)}" stroke="${COLOURS.axis}"/>`,
    `<line class="y-axis" data-from="${y0}" data-to="${y1}" x1="${f(left)}" x2="${f(left)}" y1="${f(top + plotH)}" y2="${f(top)}" stroke="${COLOURS.axis}"/>`,
    `<text class="x-title" x="${f(left + plotW)}" y="${f(top + plotH + 32)}" text-anchor="end" fill="${COLOURS.text}">${escapeXml((options.inputLabel ?? curve.input) + xUnit)}</text>`,
    `<text class="y-title" x="${f(left + 4)}" y="${f(top - 4)}" fill="${COLOURS.text}">${escapeXml((options.fieldLabel ?? fieldName) + yUnit)}</text>`,
  );
  // The curves: one straight segment per piece (a piece of one point is a dot).
  series.forEach((s, i) => {
    const colour = COLOURS[s.name];
    const d = segments[i]!.map((g) => `M${f(sx(g.a))} ${f(sy(g.ya))}L${f(sx(g.b))} ${f(sy(g.yb))}`).join("");
    out.push(`<path class="curve" data-series="${s.name}" data-version="${s.curve.version}" d="${d}" fill="none" stroke="${colour}" stroke-width="${s.name === "after" ? 2.5 : 2}"${s.name === "before" ? ' stroke-dasharray="6 4"' : ""} stroke-linejoin="round"/>`);
  });
  // Breakpoints: a dot at the value that holds there, a guide up to its label.
  for (const l of labels) {
    const colour = COLOURS[l.b.series];
    const piece = series.find((s) => s.name === l.b.series)!.field.pieces.find((p) => covers(p, l.b.x));
    const y = piece ? plotAt(piece, num(l.b.x)) : undefined;
    const cy = y === undefined ? top + plotH : sy(y);
    const labelY = titleH + (l.row < 0 ? 0 : l.row) * rowH + 12;
    out.push(`<g class="breakpoint" data-series="${l.b.series}" data-at="${escapeXml(l.b.at)}" data-side="${l.b.side}" data-value="${escapeXml(l.b.value === null ? "" : String(l.b.value))}">`);
    out.push(`<title>${escapeXml(`${options.inputLabel ?? curve.input} ${l.xText} → ${options.fieldLabel ?? fieldName} ${l.vText}`)}</title>`);
    if (l.row >= 0) {
      out.push(
        `<line x1="${f(l.cx)}" x2="${f(l.cx)}" y1="${f(labelY + 15)}" y2="${f(cy)}" stroke="${colour}" stroke-opacity="0.5" stroke-dasharray="2 3"/>`,
        `<text x="${f(l.lo + l.w / 2)}" y="${f(labelY)}" text-anchor="middle" fill="${colour}" font-weight="600">${escapeXml(l.xText)}</text>`,
        `<text x="${f(l.lo + l.w / 2)}" y="${f(labelY + 12)}" text-anchor="middle" fill="${colour}">→ ${escapeXml(l.vText)}</text>`,
      );
    }
    out.push(`<circle cx="${f(l.cx)}" cy="${f(cy)}" r="3.5" fill="${colour}"/></g>`);
  }
  // The applicant's own point.
  if (mark) {
    const piece = field.pieces.find((p) => covers(p, mark));
    const value = piece ? shownAt(piece, mark, field.type) : null;
    const y = piece ? plotAt(piece, num(mark)) : undefined;
    const cx = sx(num(mark));
    const valueText = value === null ? words.none : fieldMoney ? exactText(value, true) : field.type === "boolean" ? words[value === "true" ? "yes" : "no"] : exactText(value, false);
    // Short: the axes name the input and the field, and a long label would run past the drawing.
    const text = `${words.yours}: ${exactText(R.qText(mark), money)} → ${valueText}`;
    out.push(
      `<g class="mark" data-at="${escapeXml(R.qText(mark))}" data-value="${escapeXml(value ?? "")}">`,
      `<line x1="${f(cx)}" x2="${f(cx)}" y1="${f(top)}" y2="${f(top + plotH)}" stroke="${COLOURS.mark}" stroke-dasharray="4 3"/>`,
      y === undefined ? "" : `<circle cx="${f(cx)}" cy="${f(sy(y))}" r="6" fill="${COLOURS.mark}" stroke="#ffffff" stroke-width="2"/>`,
      `<text x="${f(left)}" y="${f(legendY + 18)}" fill="${COLOURS.mark}" font-weight="600">● ${escapeXml(text)}</text>`,
      `</g>`,
    );
  }
  // The legend.
  const legend: string[] = [];
  let lx = left;
  for (const s of series) {
    const name = series.length > 1 ? `v${s.curve.version} (${words[s.name]})` : `${options.fieldLabel ?? fieldName} · v${s.curve.version}`;
    legend.push(`<line x1="${f(lx)}" x2="${f(lx + 22)}" y1="${f(legendY - 4)}" y2="${f(legendY - 4)}" stroke="${COLOURS[s.name]}" stroke-width="2.5"${s.name === "before" ? ' stroke-dasharray="6 4"' : ""}/>`, `<text x="${f(lx + 28)}" y="${f(legendY)}" fill="${COLOURS.text}">${escapeXml(name)}</text>`);
    lx += 40 + name.length * CHAR_PX;
  }
  if (options.against) legend.push(`<rect x="${f(lx)}" y="${f(legendY - 10)}" width="16" height="12" fill="${COLOURS.region}" fill-opacity="0.3"/>`, `<text x="${f(lx + 22)}" y="${f(legendY)}" fill="${COLOURS.text}">${escapeXml(words.changed)}</text>`);
  out.push(`<g class="legend">`, ...legend, `</g>`, `</svg>`);
  return out.join("\n") + "\n";
}
