import type { LoadedRuleVersion, References } from "./rule-version.js";
import type { LocalizedText } from "../schema/common.js";
import type { ValueType } from "../schema/rule-file.js";
import type { Decision, OutcomeValue } from "./decision.js";
import { slotData, type FactsValidator } from "./facts.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES } from "../types/runtime.js";
import { fenToMoney } from "../exact/scaled.js";
import {
  applicableText,
  conditionText,
  expressionValues,
  firstLine,
  inputHeads,
  outcomeLineText,
  parametersLine,
  parametersText,
  valueText,
} from "./explain.js";

/*
 * Explanations of the fast path, written from the slots of its facts validator with precompiled
 * templates: the same text as explain.ts writes for the reference path, byte for byte (each template is
 * that very writer's line, made once with markers in place of the values and cut at the markers).
 *
 * A line shows values. Those of a type that repeats from subject to subject (enum, string, boolean,
 * integer, date: the type's `explainMemo`) pick a template, kept by those values (at most MEMO_LIMIT per
 * line, the first met); the others (money, decimals, rates: a new amount in every decision) are written
 * into the template's gaps, so a line that shows one amount is `before + amount + after`, the unit of
 * the amount folded into `after`, and the amount's text made once (from the slot) for zh and en. A line
 * whose values all repeat is the template itself, frozen and shared. The line with the amount made
 * first for a template is kept too (frozen), since amounts also repeat (a "0.00" when nothing is due).
 * Anything else (a value that cannot key: a long string, a list) is written afresh by explain.ts's
 * writers. Lines handed out are either frozen (shared) or fresh (the caller's own).
 */

/** Templates kept per line, at most (the first ones met: frequent values come early). */
const MEMO_LIMIT = 256;

/** A kept line with an amount is replaced after this many other amounts in a row (a rare first one). */
const KEPT_RETRIES = 16;

/** A value that may key a kept template: a primitive (strings up to 64 characters). */
function keyable(value: unknown): boolean {
  const t = typeof value;
  return value === null || t === "boolean" || t === "number" || (t === "string" && (value as string).length <= 64);
}

/** The marker of the j-th gap of a line being precompiled. */
const mark = (j: number): string => `\u0000value${j}\u0000`;

/** A value type whose text is `before + value + after` (money: `800000.00 元`): its two pieces. */
interface Wrap {
  readonly zh: readonly [string, string];
  readonly en: readonly [string, string];
}

/** Values that tell a wrapping text from any other (digit grouping, signs, rounding, percentages). */
const WRAP_PROBES = ["0", "0.00", "-1", "12.5", "1234567.89", "0.075", "abc", "2025-06-01"];

const wraps = new Map<ValueType, Wrap | null>();
/**
 * The pieces around a value in the text of `type` (valueText of a string that no `values` label), when
 * the type writes `before + value + after` for every value: checked on the marker and on probes.
 */
function wrapOf(type: ValueType): Wrap | null {
  let wrap = wraps.get(type);
  if (wrap !== undefined) return wrap;
  wrap = null;
  try {
    const m = mark(0);
    const t = VALUE_TYPES[type].explainText(m);
    const cut = (text: string): [string, string] | undefined => {
      const at = text.indexOf(m);
      return at === -1 || text.indexOf(m, at + 1) !== -1 ? undefined : [text.slice(0, at), text.slice(at + m.length)];
    };
    const zh = cut(t.zh);
    const en = cut(t.en);
    if (zh && en && WRAP_PROBES.every((p) => {
      const x = VALUE_TYPES[type].explainText(p);
      return x.zh === zh[0] + p + zh[1] && x.en === en[0] + p + en[1];
    })) wrap = { zh, en };
  } catch {
    wrap = null; // the type's text does not take any string: not a wrap
  }
  wraps.set(type, wrap);
  return wrap;
}

/** How a line writes one of its values. */
interface Field {
  readonly type: ValueType;
  readonly values: Record<string, LocalizedText> | undefined;
}

/** A line with the values that repeat written in, and gaps for the others. */
interface Template {
  /** The line itself, frozen, when it has no gaps. */
  readonly line: LocalizedText | undefined;
  /** The text around the gaps (n + 1 pieces for n gaps; a wrapping type's pieces folded in). */
  readonly zh: readonly string[];
  readonly en: readonly string[];
  /** A kept line with its gaps filled, frozen, and the values that filled them. */
  kept: LocalizedText | undefined;
  keptValues: unknown[];
  misses: number;
}

/**
 * One level of the tree of templates, for one repeating value: a boolean's, an enum value's by its
 * position among the enum's values (which the facts validator wrote), or any other by the value itself.
 */
interface Level {
  readonly byBoolean: [unknown, unknown];
  readonly byPosition: unknown[];
  byValue: Map<unknown, unknown> | undefined;
}

/**
 * The lines of one kind (an expression's, for either result, or the outcome's), from the values they show.
 */
class TemplatedLine {
  readonly #fields: readonly Field[];
  /** Positions of the values that key a template, and of those written into its gaps. */
  readonly #keys: readonly number[];
  readonly #gaps: readonly number[];
  readonly #wrapped: readonly boolean[];
  /** Whether the line writes one value, `before + value + after` (a wrapping type): see fillOne. */
  readonly #oneWrapped: boolean;
  /** Per result: the template (no keys) or the first level of the tree of templates. */
  readonly #roots: [unknown, unknown] = [undefined, undefined];
  /** Templates and levels made: at most MEMO_LIMIT. */
  #made = 0;
  /** The template found last, its result and its one repeating value (lines of one key: most of them). */
  #lastHolds = false;
  #lastKey: unknown = undefined;
  #lastTemplate: Template | undefined;

  constructor(
    fields: readonly Field[],
    /** The line, from the text of every value: explain.ts's writer. */
    readonly make: (holds: boolean, texts: readonly LocalizedText[]) => LocalizedText,
  ) {
    this.#fields = fields;
    const keys: number[] = [];
    const gaps: number[] = [];
    fields.forEach((f, i) => (VALUE_TYPES[f.type].explainMemo ? keys : gaps).push(i));
    this.#keys = keys;
    this.#gaps = gaps;
    this.#wrapped = gaps.map((i) => fields[i]!.values === undefined && wrapOf(fields[i]!.type) !== null);
    this.#oneWrapped = gaps.length === 1 && this.#wrapped[0] === true;
  }

  /** Whether the line keys on no value and writes one value, `before + value + after` (a wrapping type). */
  get oneWrappedGap(): boolean {
    return this.#keys.length === 0 && this.#oneWrapped;
  }

  /** Whether every line is a template with no gaps (a frozen, shared line per set of repeating values). */
  get noGaps(): boolean {
    return this.#gaps.length === 0;
  }

  /**
   * The line of a `oneWrappedGap` line for the text of its one value: `line(holds, [text])` without the
   * walk over keys and gaps (the amount line of a subsidy: a new amount in every decision).
   */
  wrapped(holds: boolean, text: string): LocalizedText {
    const t = this.#roots[holds ? 1 : 0] as Template | undefined;
    if (t === undefined) return this.line(holds, [text]); // no template yet, or none can be made
    return fillOne(t, text);
  }

  /**
   * The line for `values` (one per field: canonical facts or outcome values). `positions`, when given,
   * holds for each field the position of its value among its enum's values, or -1.
   */
  line(holds: boolean, values: readonly unknown[], positions?: readonly number[]): LocalizedText {
    const keys = this.#keys;
    // Consecutive subjects often share the value (a city): one comparison instead of a lookup.
    if (keys.length === 1 && this.#lastTemplate !== undefined && holds === this.#lastHolds && values[keys[0]!] === this.#lastKey) {
      const t = this.#lastTemplate;
      return t.line ?? this.#fill(t, holds, values);
    }
    const r = holds ? 1 : 0;
    let node: unknown = this.#roots[r];
    if (keys.length > 0) {
      if (node === undefined) this.#roots[r] = node = newLevel();
      for (let k = 0; k < keys.length; k++) {
        const level = node as Level;
        const i = keys[k]!;
        const v = values[i];
        const at = positions === undefined ? -1 : positions[i]!;
        if (typeof v === "boolean") node = level.byBoolean[v ? 1 : 0];
        else if (at >= 0) node = level.byPosition[at];
        else if (!keyable(v)) return this.#fresh(holds, values);
        else node = level.byValue?.get(v);
        if (node === undefined) {
          if (this.#made >= MEMO_LIMIT) return this.#fresh(holds, values);
          node = k + 1 < keys.length ? newLevel() : this.#template(holds, values);
          if (node === undefined) return this.#fresh(holds, values);
          this.#made++;
          if (typeof v === "boolean") level.byBoolean[v ? 1 : 0] = node;
          else if (at >= 0) level.byPosition[at] = node;
          else (level.byValue ??= new Map()).set(v, node);
        }
      }
    } else if (node === undefined) {
      node = this.#roots[r] = this.#template(holds, values);
      if (node === undefined) return this.#fresh(holds, values);
    }
    const t = node as Template;
    if (keys.length === 1) {
      this.#lastHolds = holds;
      this.#lastKey = values[keys[0]!];
      this.#lastTemplate = t;
    }
    return t.line ?? this.#fill(t, holds, values);
  }

  /** The line from its template's gaps filled with `values`: the kept one when they are its values. */
  #fill(t: Template, holds: boolean, values: readonly unknown[]): LocalizedText {
    const gaps = this.#gaps;
    if (this.#oneWrapped) {
      const v = values[gaps[0]!];
      if (typeof v === "string") return fillOne(t, v); // an outcome's amount: the common case
    }
    const kept = t.keptValues;
    let same = t.kept !== undefined;
    for (let g = 0; same && g < gaps.length; g++) same = values[gaps[g]!] === kept[g];
    if (same) return t.kept!;
    const pzh = t.zh;
    const pen = t.en;
    let zh = pzh[0]!;
    let en = pen[0]!;
    for (let g = 0; g < gaps.length; g++) {
      const i = gaps[g]!;
      const v = values[i];
      let text: string;
      if (typeof v === "string") text = v;
      else if (typeof v === "number") text = String(v);
      else return this.#fresh(holds, values); // null, a boolean, a list: the writer's own words
      if (this.#wrapped[g]) {
        zh = zh + text + pzh[g + 1]!;
        en = en + text + pen[g + 1]!;
      } else {
        const f = this.#fields[i]!;
        const x = valueText(text, f.type, f.values);
        zh = zh + x.zh + pzh[g + 1]!;
        en = en + x.en + pen[g + 1]!;
      }
    }
    const line = { zh, en };
    if (t.kept === undefined || ++t.misses >= KEPT_RETRIES) {
      t.kept = Object.freeze(line);
      t.keptValues = gaps.map((i) => values[i]);
      t.misses = 0;
    }
    return line;
  }

  /**
   * The template of the repeating values in `values`: the writer's line with a marker in each gap (the
   * wrapping type's text around it), cut at the markers. Undefined when a marker does not come out
   * exactly once, in order (a label with a marker in it): then every such line is written afresh.
   */
  #template(holds: boolean, values: readonly unknown[]): Template | undefined {
    const fields = this.#fields;
    const texts: LocalizedText[] = fields.map((f, i) => {
      const g = this.#gaps.indexOf(i);
      if (g === -1) return valueText(values[i], f.type, f.values);
      const m = mark(g);
      return this.#wrapped[g] ? VALUE_TYPES[f.type].explainText(m) : { zh: m, en: m };
    });
    const line = this.make(holds, texts);
    const zh = cutAtMarks(line.zh, this.#gaps.length);
    const en = cutAtMarks(line.en, this.#gaps.length);
    if (!zh || !en) return undefined;
    return {
      line: this.#gaps.length === 0 ? Object.freeze({ zh: zh[0]!, en: en[0]! }) : undefined,
      zh,
      en,
      kept: undefined,
      keptValues: [],
      misses: 0,
    };
  }

  /** A line written afresh from every value's text. */
  #fresh(holds: boolean, values: readonly unknown[]): LocalizedText {
    return this.make(holds, this.#fields.map((f, i) => valueText(values[i], f.type, f.values)));
  }
}

/**
 * The line of a template with one gap of a wrapping type for the text of its value: the kept line
 * when that text is its value, else `before + text + after` in each language (kept when none is, or
 * after KEPT_RETRIES other texts in a row).
 */
function fillOne(t: Template, text: string): LocalizedText {
  if (t.kept !== undefined && t.keptValues[0] === text) return t.kept;
  const line = { zh: t.zh[0]! + text + t.zh[1]!, en: t.en[0]! + text + t.en[1]! };
  if (t.kept === undefined || ++t.misses >= KEPT_RETRIES) {
    t.kept = Object.freeze(line);
    t.keptValues = [text];
    t.misses = 0;
  }
  return line;
}

function newLevel(): Level {
  return { byBoolean: [undefined, undefined], byPosition: [], byValue: undefined };
}

/** `text` cut at the markers of `n` gaps, in order (n + 1 pieces), or undefined. */
function cutAtMarks(text: string, n: number): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  for (let g = 0; g < n; g++) {
    const m = mark(g);
    const at = text.indexOf(m, from);
    if (at === -1) return undefined;
    out.push(text.slice(from, at));
    from = at + m.length;
  }
  out.push(text.slice(from));
  // A marker found again, or a label's own \u0000, would leave one in a piece.
  return out.some((piece) => piece.includes("\u0000")) ? undefined : out;
}

/** An expression's line, reading its inputs from the slots. */
class ExpressionLine {
  readonly #lines: TemplatedLine;
  readonly #slots: readonly number[];
  readonly #kinds: FactsValidator["kinds"][number][];
  readonly #values: unknown[];
  /** Per input: where the facts validator writes its enum position (-1: not an enum of its kind). */
  readonly #positionSlots: readonly number[];
  readonly #positions: number[];
  /**
   * A line of one enum input and no gaps: its frozen, shared lines by result and the value's position
   * (the same template every time for the same position), so a decision reads one array slot.
   */
  readonly #byPosition: [(LocalizedText | undefined)[], (LocalizedText | undefined)[]] | undefined;
  /** A line of one money input written into the template's one gap: where its slot (fen) is, else -1. */
  readonly #moneySlot: number;

  constructor(
    refs: References,
    version: LoadedRuleVersion,
    params: Decision["parameters"],
    validator: FactsValidator,
    write: (holds: boolean, values: LocalizedText) => LocalizedText,
  ) {
    const file = version.file;
    const heads = inputHeads(refs, file);
    const paramsText = parametersText(refs, params, file.parameters);
    const fields = refs.inputs.map((name) => ({ type: file.inputs[name]!.type, values: file.inputs[name]!.values }));
    this.#lines = new TemplatedLine(fields, (holds, texts) => write(holds, expressionValues(heads, texts, paramsText)));
    this.#slots = refs.inputs.map((name) => validator.names.indexOf(name));
    this.#kinds = this.#slots.map((i) => validator.kinds[i]!);
    this.#values = new Array<unknown>(refs.inputs.length).fill(null);
    this.#positionSlots = this.#slots.map((i) => (validator.enumValues[i] === undefined ? -1 : validator.names.length + i));
    this.#positions = this.#slots.map(() => -1);
    const one = refs.inputs.length === 1;
    this.#byPosition = one && this.#positionSlots[0]! >= 0 && this.#lines.noGaps ? [[], []] : undefined;
    this.#moneySlot = one && this.#kinds[0] === "money" && this.#lines.oneWrappedGap ? this.#slots[0]! : -1;
  }

  line(holds: boolean, slots: readonly unknown[]): LocalizedText {
    const byPosition = this.#byPosition;
    if (byPosition !== undefined) {
      const p = slots[this.#positionSlots[0]!] as number;
      const lines = byPosition[holds ? 1 : 0];
      const hit = lines[p];
      if (hit !== undefined) return hit;
      const line = this.#line(holds, slots);
      // Only a shared line is the same for every later decision (a fresh one: past MEMO_LIMIT).
      if (p >= 0 && Object.isFrozen(line)) lines[p] = line;
      return line;
    }
    if (this.#moneySlot >= 0) return this.#lines.wrapped(holds, fenToMoney(slots[this.#moneySlot] as number));
    return this.#line(holds, slots);
  }

  #line(holds: boolean, slots: readonly unknown[]): LocalizedText {
    const values = this.#values; // scratch: the template keeps copies of what it keeps
    const at = this.#slots;
    const positionSlots = this.#positionSlots;
    const positions = this.#positions;
    for (let j = 0; j < at.length; j++) {
      values[j] = slotData(this.#kinds[j]!, slots[at[j]!]);
      const p = positionSlots[j]!;
      if (p >= 0) positions[j] = slots[p] as number;
    }
    return this.#lines.line(holds, values, positions);
  }
}

/** Every line of a version's fast explanations, for one (frozen, shared) parameter object. */
interface Explainer {
  on: string;
  first: LocalizedText;
  readonly params: LocalizedText | null;
  readonly applicable: ExpressionLine | undefined;
  readonly conditions: readonly ExpressionLine[];
  readonly outcome: TemplatedLine;
  /** The number of lines of an explanation. */
  readonly size: number;
}

const explainers = new WeakMap<LoadedRuleVersion, WeakMap<object, Explainer>>();
/** The explainer used last: a loop over one version skips the two WeakMap lookups. */
let last: { version: LoadedRuleVersion; params: object; explainer: Explainer } | undefined;

function explainerFor(version: LoadedRuleVersion, params: Decision["parameters"], on: string, validator: FactsValidator): Explainer {
  if (last !== undefined && last.version === version && last.params === params) return last.explainer;
  let byParams = explainers.get(version);
  if (!byParams) explainers.set(version, (byParams = new WeakMap()));
  let explainer = byParams.get(params);
  if (!explainer) byParams.set(params, (explainer = makeExplainer(version, params, on, validator)));
  last = { version, params, explainer };
  return explainer;
}

function makeExplainer(version: LoadedRuleVersion, params: Decision["parameters"], on: string, validator: FactsValidator): Explainer {
  // The fast path takes no overrides: the parameters line is the version's.
  const paramsLine = parametersLine(version.file, params, undefined);
  return {
    on,
    first: firstLine(version, on),
    params: paramsLine,
    size: 2 + (paramsLine !== null ? 1 : 0) + (version.applicable ? 1 : 0) + version.conditions.length,
    applicable: version.applicable ? new ExpressionLine(version.applicable.refs, version, params, validator, applicableText) : undefined,
    conditions: version.conditions.map((c) => new ExpressionLine(c.refs, version, params, validator, (holds, values) => conditionText(c.spec.label, holds, values))),
    outcome: new TemplatedLine(
      version.outcome.map((f) => ({ type: f.spec.type, values: undefined })),
      (_holds, texts) => outcomeLineText(version, texts),
    ),
  };
}

/**
 * The explanation of a decision of the fast path (frozen, shared parameters `params`; no overrides),
 * from the slots its facts validator filled, its results and its formatted outcome values: the text
 * explain.ts's `explainDecision` writes for the same decision.
 *
 * @example
 * const lines = explainFast(version, plan.shared.parameters, on, validator, ctx.slots, applicable, ctx.cond, plan.values);
 */
export function explainFast(
  version: LoadedRuleVersion,
  params: Decision["parameters"],
  on: string,
  validator: FactsValidator,
  slots: readonly unknown[],
  applicable: boolean,
  cond: readonly boolean[],
  outcome: readonly OutcomeValue[],
): LocalizedText[] {
  const ex = explainerFor(version, params, on, validator);
  if (ex.on !== on) {
    ex.first = firstLine(version, on);
    ex.on = on;
  }
  // Made at its length (every line is written below): no growing.
  const lines = new Array<LocalizedText>(ex.size);
  let n = 0;
  lines[n++] = ex.first;
  if (ex.params !== null) lines[n++] = ex.params;
  if (ex.applicable !== undefined) lines[n++] = ex.applicable.line(applicable, slots);
  const conditions = ex.conditions;
  for (let i = 0; i < conditions.length; i++) lines[n++] = conditions[i]!.line(cond[i]!, slots);
  lines[n] = ex.outcome.line(false, outcome);
  return lines;
}
