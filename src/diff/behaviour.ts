import { createEngine, type Engine } from "../api.js";
import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { InputSpec, ParameterSpec, RuleFile, ValueType } from "../schema/rule-file.js";
import { DECIMAL_LITERAL, Dec } from "../exact/decimal.js";
import { canonicalJson } from "../engine/hash.js";
import { VALUE_TYPES } from "../types/index.js";
import { VALUE_WORDS } from "../format/values.js";
import { PolicyError, formatIssue, type PolicyIssue } from "../errors.js";
import { formatOutcomeValue, formatParameter, signedDelta, unitZh as unitZhOf } from "./format.js";
import type { Operation } from "../ops/index.js";
import type { LogicNode, ResolvedReference } from "../logic/tree.js";
import { childNodes, forEachNode } from "../logic/walk.js";
import type { BehaviourCase, BehaviourChange, BehaviourReport, BoundaryContext, CaseResult, OutcomeFieldChange } from "./types.js";

/** One side of a comparison: a rule version and the set it belongs to. */
export interface Side {
  set: RuleSet;
  version: LoadedRuleVersion;
}

/** Options of the behavioural comparison. */
export interface BehaviourOptions {
  /** The date to evaluate each side on (default: the first day of its own validity). */
  on?: { from?: string; to?: string };
}

/** The numeric value types (their modules say, src/types/): the ones with thresholds to probe. */
const NUMERIC: ReadonlySet<ValueType> = new Set((Object.keys(VALUE_TYPES) as ValueType[]).filter((t) => VALUE_TYPES[t].numeric));
/** Comparisons: a parameter next to a numeric input is a threshold (date comparisons never have one). */
const isComparison = (op: Operation | undefined) => op?.relation !== undefined;
/** Exact operations where a parameter next to an input is a kink of the formula (a band limit). */
const isBreakpoint = (op: Operation | undefined) => op?.scaled === true && (op.arithmetic === "min" || op.arithmetic === "max" || op.arithmetic === "sub");

const engines = new WeakMap<RuleSet, Engine>();
function engineOf(set: RuleSet): Engine {
  let e = engines.get(set);
  if (!e) engines.set(set, (e = createEngine(set)));
  return e;
}

/** What a reference node names, when it refers to a declared thing of this kind (as its tree resolved it). */
function refName(node: LogicNode | undefined, kind: ResolvedReference["kind"]): string | undefined {
  return node?.reference?.kind === kind ? node.reference.name : undefined;
}

/** The typed logic tree of every expression of a version. */
function expressions(version: LoadedRuleVersion): LogicNode[] {
  return [...(version.applicable !== undefined ? [version.applicable.tree] : []), ...version.conditions.map((c) => c.tree), ...version.outcome.map((f) => f.tree)];
}

/** A numeric parameter that sits next to a numeric input in a comparison (threshold) or a min/max/sub (band limit). */
interface Anchor {
  param: string;
  input: string;
  role: "threshold" | "breakpoint";
}

function anchors(version: LoadedRuleVersion): Anchor[] {
  const file = version.file;
  const found = new Map<string, Anchor>();
  const numericInput = (name: string | undefined) => name !== undefined && Object.prototype.hasOwnProperty.call(file.inputs, name) && NUMERIC.has(file.inputs[name]!.type);
  const numericParam = (name: string | undefined) => name !== undefined && Object.prototype.hasOwnProperty.call(file.parameters, name) && NUMERIC.has(file.parameters[name]!.type);
  for (const tree of expressions(version)) {
    forEachNode(tree, (node) => {
      const role = isComparison(node.op) ? "threshold" : isBreakpoint(node.op) ? "breakpoint" : undefined;
      if (!role) return;
      const operands = childNodes(node);
      const inputs = operands.map((a) => refName(a, "input")).filter(numericInput) as string[];
      const params = operands.map((a) => refName(a, "parameter")).filter(numericParam) as string[];
      for (const input of inputs) {
        for (const param of params) {
          const key = `${param}|${input}`;
          if (!found.has(key) || role === "threshold") found.set(key, { param, input, role });
        }
      }
    });
  }
  return [...found.values()];
}

/**
 * A named condition that compares a numeric input with an expression holding a numeric parameter
 * (`jjj.lte(var "cost", jjj.mul(jjj.param "rate", var "directCost"))`): its threshold depends on the other
 * inputs, so it is found with the engine, where the condition flips.
 */
interface ComputedAnchor {
  condition: string;
  input: string;
  /** The comparison with the input on the left. */
  op: "gte" | "gt" | "lte" | "lt";
  params: string[];
}

/** The ordering a comparison tests, input on the left; undefined for another operation (or an equality). */
function orderingOf(op: Operation | undefined): ComputedAnchor["op"] | undefined {
  const r = op?.relation;
  return r === "gte" || r === "gt" || r === "lte" || r === "lt" ? r : undefined;
}
const MIRROR: Readonly<Record<ComputedAnchor["op"], ComputedAnchor["op"]>> = { gte: "lte", gt: "lt", lte: "gte", lt: "gt" };

function computedAnchors(version: LoadedRuleVersion): ComputedAnchor[] {
  const file = version.file;
  const out: ComputedAnchor[] = [];
  for (const c of version.conditions) {
    const ordering = orderingOf(c.tree.op);
    if (!ordering || c.tree.args?.length !== 2) continue;
    const operands = childNodes(c.tree);
    for (const side of [0, 1]) {
      const input = refName(operands[side], "input");
      const other = operands[1 - side]!;
      if (input === undefined || !NUMERIC.has(file.inputs[input]?.type ?? "string") || refName(other, "parameter") !== undefined) continue;
      const params = new Set<string>();
      let usesInput = false;
      forEachNode(other, (node) => {
        const param = refName(node, "parameter");
        if (param !== undefined && NUMERIC.has(file.parameters[param]?.type ?? "string")) params.add(param);
        if (refName(node, "input") === input) usesInput = true;
      });
      if (params.size === 0 || usesInput) continue;
      const op = ordering;
      out.push({ condition: c.spec.id, input, op: side === 0 ? op : MIRROR[op], params: [...params] });
    }
  }
  return out;
}

/** A numeric outcome field capped by a parameter (`jjj.min` with a parameter operand), and the inputs it reads. */
interface Cap {
  field: string;
  param: string;
  inputs: string[];
}

function caps(version: LoadedRuleVersion): Cap[] {
  const file = version.file;
  const out: Cap[] = [];
  for (const { name: field, spec, tree } of version.outcome) {
    if (!NUMERIC.has(spec.type)) continue;
    const params = new Set<string>();
    const inputs = new Set<string>();
    forEachNode(tree, (node) => {
      const input = refName(node, "input");
      if (input !== undefined && NUMERIC.has(file.inputs[input]?.type ?? "string")) inputs.add(input);
      // A cap: the exact minimum of its operands.
      if (!(node.op?.scaled === true && node.op.arithmetic === "min")) return;
      for (const a of childNodes(node)) {
        const p = refName(a, "parameter");
        if (p !== undefined && NUMERIC.has(file.parameters[p]?.type ?? "string")) params.add(p);
      }
    });
    for (const param of params) out.push({ field, param, inputs: [...inputs] });
  }
  return out;
}

/** The ids of the conditions that depend on an input, directly or through other conditions. */
function conditionsDependingOn(version: LoadedRuleVersion, input: string): Set<string> {
  const depends = new Set<string>();
  for (const c of version.conditions) {
    let uses = false;
    forEachNode(c.tree, (node) => {
      if (refName(node, "input") === input) uses = true;
      const condition = refName(node, "condition");
      if (condition !== undefined && depends.has(condition)) uses = true;
    });
    if (uses) depends.add(c.spec.id);
  }
  return depends;
}

/** The smallest step of an input's values: a fen for money, 1 for integers, the finer of the value's decimals otherwise. */
function stepOf(type: ValueType, around: Dec): Dec {
  const probe = VALUE_TYPES[type].probe;
  if (probe.fixedStep !== undefined) return new Dec(probe.fixedStep);
  const places = Math.max(around.decimalPlaces(), probe.minPlaces);
  return new Dec(1).dividedBy(new Dec(10).pow(places));
}

function stepWords(type: ValueType): string {
  return VALUE_TYPES[type].probe.words;
}

function stepWordsZh(type: ValueType): string {
  return VALUE_TYPES[type].probe.wordsZh;
}

/** English and Chinese of one phrase. */
type Words = { en: string; zh: string };

function withinBounds(spec: InputSpec, value: Dec): boolean {
  const typeMin = VALUE_TYPES[spec.type].inputMin;
  const min = spec.min !== undefined ? new Dec(spec.min) : typeMin !== undefined ? new Dec(typeMin) : undefined;
  if (min && value.lessThan(min)) return false;
  if (spec.max !== undefined && value.greaterThan(spec.max)) return false;
  return true;
}

function inputValue(spec: InputSpec, value: Dec): string | number {
  return VALUE_TYPES[spec.type].factOf(value);
}

/** A key of facts that ignores how numbers are written ("500000" and "500000.00" are the same case). */
function caseKey(facts: Record<string, unknown>): string {
  const norm: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) {
    norm[k] = typeof v === "string" && DECIMAL_LITERAL.test(v) ? new Dec(v).toString() : typeof v === "number" && Number.isFinite(v) ? new Dec(v).toString() : v;
  }
  return canonicalJson(norm);
}

function runCase(side: Side, on: string, facts: unknown): CaseResult {
  const base = { version: side.version.file.version, on };
  try {
    const d = engineOf(side.set).evaluate(side.version.file.id, facts, { on, version: side.version.file.version, explain: false });
    return { ...base, inForce: d.inForce, applicable: d.applicable, outcome: d.outcome };
  } catch (error) {
    const issues: PolicyIssue[] =
      error instanceof PolicyError
        ? ((error as PolicyError & { issues?: PolicyIssue[] }).issues ?? [{ code: error.code, path: "", message: error.message }])
        : [{ code: "evaluation_error", path: "", message: String((error as Error)?.message ?? error) }];
    return { ...base, rejected: [...issues] };
  }
}

export function describeFacts(facts: Record<string, unknown>): string {
  return Object.entries(facts)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`)
    .join(", ");
}

/** The outcome fields that differ between two results, in words. */
export function compareResults(a: CaseResult, b: CaseResult, types: Readonly<Record<string, ValueType>>): OutcomeFieldChange[] {
  const out: OutcomeFieldChange[] = [];
  if (a.rejected || b.rejected) {
    if (a.rejected && b.rejected) return out;
    const issues = (a.rejected ?? b.rejected)!;
    const why = issues.slice(0, 3).map(formatIssue).join("; ");
    out.push({
      field: "rejected",
      from: Boolean(a.rejected),
      to: Boolean(b.rejected),
      text: a.rejected ? `facts rejected → accepted (v${a.version} rejected them: ${why})` : `facts accepted → rejected (v${b.version}: ${why})`,
      textZh: a.rejected ? `事实由拒绝变为接受(第${a.version}版拒绝:${why})` : `事实由接受变为拒绝(第${b.version}版:${why})`,
    });
    return out;
  }
  for (const flag of ["inForce", "applicable"] as const) {
    if (a[flag] !== b[flag]) {
      const word = (v: boolean | undefined) => (v ? VALUE_WORDS.yes : VALUE_WORDS.no);
      out.push({ field: flag, type: "boolean", from: a[flag]!, to: b[flag]!, text: `${flag} ${word(a[flag]).en} → ${word(b[flag]).en}`, textZh: `${FLAG_ZH[flag]} ${word(a[flag]).zh} → ${word(b[flag]).zh}` });
    }
  }
  const oa = a.outcome ?? {};
  const ob = b.outcome ?? {};
  const names = [...Object.keys(ob), ...Object.keys(oa).filter((k) => !(k in ob))];
  for (const field of names) {
    const from = Object.prototype.hasOwnProperty.call(oa, field) ? oa[field] : undefined;
    const to = Object.prototype.hasOwnProperty.call(ob, field) ? ob[field] : undefined;
    if (canonicalJson(from) === canonicalJson(to)) continue;
    const type = types[field];
    const delta = typeof from === "string" && typeof to === "string" && type && NUMERIC.has(type) ? signedDelta(from, to, type) : undefined;
    const unit = type !== undefined && VALUE_TYPES[type].defaultUnit ? ` ${VALUE_TYPES[type].defaultUnit}` : "";
    const unitZh = type !== undefined && VALUE_TYPES[type].defaultUnit ? ` ${unitZhOf(VALUE_TYPES[type].defaultUnit)}` : "";
    const values = `${formatOutcomeValue(from, type, "zh")} → ${formatOutcomeValue(to, type, "zh")}`;
    out.push({
      field,
      ...(type !== undefined && { type }),
      from,
      to,
      ...(delta !== undefined && { delta }),
      text: `${field} ${formatOutcomeValue(from, type)} → ${formatOutcomeValue(to, type)}${unit}${delta ? ` (${delta})` : ""}`,
      textZh: `${field} ${values}${unitZh}${delta ? `(${delta})` : ""}`,
    });
  }
  return out;
}

interface Draft {
  case: BehaviourCase;
  key: string;
  order: [number, string, Dec | null, number];
}

/**
 * Evaluate two rule versions on the union of their worked examples and on boundary cases generated
 * from their parameters, each version on a date inside its own validity, and list every case whose
 * outcome differs.
 *
 * Boundary cases, for every numeric parameter that sits next to a numeric input (`var`) as a direct
 * operand of a comparison (a threshold) or of `jjj.min`/`jjj.max`/`jjj.sub` (a band limit), in either
 * version: the parameter's value in that version and one step (a fen for money) either side. For every
 * numeric outcome field capped by a parameter (`jjj.min` with a parameter operand): the smallest input
 * value at which the field (as the engine rounds it) reaches the cap, found by bisection with the engine,
 * one step below it, and for money the whole yuan at or above it. The other inputs are held at the facts
 * of a worked example under which every condition not depending on the varied input holds.
 */
export function compareBehaviour(a: Side, b: Side, options: BehaviourOptions = {}): BehaviourReport {
  const on = { from: options.on?.from ?? a.version.validFrom, to: options.on?.to ?? b.version.validFrom };
  const sides: [Side, string][] = [
    [a, on.from],
    [b, on.to],
  ];
  const drafts = new Map<string, Draft>();
  const add = (facts: Record<string, unknown>, kind: BehaviourCase["kind"], origin: Words, order: Draft["order"], varies?: BehaviourCase["varies"]) => {
    const key = caseKey(facts);
    const existing = drafts.get(key);
    if (existing) {
      if (!existing.case.origins.includes(origin.en)) {
        existing.case.origins.push(origin.en);
        existing.case.originsZh.push(origin.zh);
      }
      if (kind === "boundary" && existing.case.kind === "example") {
        existing.case.kind = "boundary";
        if (varies) existing.case.varies = varies;
        existing.order = order;
      }
      return;
    }
    drafts.set(key, { key, order, case: { facts, kind, origins: [origin.en], originsZh: [origin.zh], ...(varies && { varies }) } });
  };

  // Worked examples of both versions, facts as written (their dates are replaced by each side's date).
  const examples: { facts: Record<string, unknown>; label: Words; valid: boolean }[] = [];
  let exampleIndex = 0;
  for (const [side] of sides) {
    for (const ex of side.version.file.examples) {
      const label = { en: `example of v${side.version.file.version}: “${ex.description.en}”`, zh: `第${side.version.file.version}版算例:“${ex.description.zh}”` };
      examples.push({ facts: ex.facts, label, valid: ex.rejects === undefined });
      add({ ...ex.facts }, "example", label, [1, "", null, exampleIndex++]);
    }
  }

  // Boundary cases, per numeric input, around the anchors found in either version's logic.
  const contexts: BoundaryContext[] = [];
  const contextFor = new Map<string, BoundaryContext | null>();
  const context = (input: string): BoundaryContext | null => {
    if (contextFor.has(input)) return contextFor.get(input)!;
    const live = (side: Side, date: string, facts: Record<string, unknown>) => {
      if (!Object.prototype.hasOwnProperty.call(side.version.file.inputs, input)) return false;
      let decision;
      try {
        decision = engineOf(side.set).evaluate(side.version.file.id, facts, { on: date, version: side.version.file.version, explain: false });
      } catch {
        return false;
      }
      if (!decision.inForce || !decision.applicable) return false;
      const depends = conditionsDependingOn(side.version, input);
      return decision.conditions.every((c) => c.holds || depends.has(c.id));
    };
    const candidates = examples.filter((e) => e.valid && Object.prototype.hasOwnProperty.call(e.facts, input));
    const score = (e: (typeof candidates)[number]) => sides.filter(([s, d]) => live(s, d, e.facts)).length;
    let best: (typeof candidates)[number] | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      const s = score(c);
      if (s > bestScore) [best, bestScore] = [c, s];
      if (s === sides.length) break;
    }
    const type = (a.version.file.inputs[input] ?? b.version.file.inputs[input])?.type ?? "string";
    const ctx = best ? { input, type, facts: Object.fromEntries(Object.entries(best.facts).filter(([k]) => k !== input)), example: best.label.en, exampleZh: best.label.zh } : null;
    if (ctx) contexts.push(ctx);
    contextFor.set(input, ctx);
    return ctx;
  };

  const boundary = (spec: InputSpec, input: string, value: Dec, origin: Words) => {
    if (!withinBounds(spec, value)) return;
    const ctx = context(input);
    if (!ctx) return;
    const v = inputValue(spec, value);
    add({ ...ctx.facts, [input]: v }, "boundary", origin, [0, input, value, 0], { input, value: String(v) });
  };

  for (const [side] of sides) {
    const file = side.version.file;
    const vn = `v${file.version}`;
    for (const anchor of anchors(side.version)) {
      const spec = file.inputs[anchor.input]!;
      const pspec = file.parameters[anchor.param]!;
      const p = new Dec(String(pspec.value));
      const step = stepOf(spec.type, p);
      const what = `${anchor.role === "threshold" ? "threshold" : "band limit"} of ${vn} (${anchor.param} = ${formatParameter(pspec)}${pspec.sourceText ? `, 原文 ${pspec.sourceText}` : ""})`;
      const whatZh = `第${file.version}版的${anchor.role === "threshold" ? "门槛" : "分档界限"}(${anchor.param} = ${formatParameter(pspec, "zh")}${pspec.sourceText ? `,原文 ${pspec.sourceText}` : ""})`;
      boundary(spec, anchor.input, p.minus(step), { en: `${stepWords(spec.type)} below the ${what}`, zh: `${whatZh}减${stepWordsZh(spec.type)}` });
      boundary(spec, anchor.input, p, { en: `the ${what}`, zh: whatZh });
      boundary(spec, anchor.input, p.plus(step), { en: `${stepWords(spec.type)} above the ${what}`, zh: `${whatZh}加${stepWordsZh(spec.type)}` });
    }
  }
  for (const [side, date] of sides) {
    const file = side.version.file;
    for (const anchor of computedAnchors(side.version)) {
      const spec = file.inputs[anchor.input]!;
      const ctx = context(anchor.input);
      if (!ctx) continue;
      const t = computedThreshold(side, date, ctx.facts, anchor, spec);
      if (!t) continue;
      const step = stepOf(spec.type, t);
      const label = file.conditions.find((c) => c.id === anchor.condition)!.label;
      const params = anchor.params.map((p) => `${p} = ${formatParameter(file.parameters[p]!)}`).join(", ");
      const what = `threshold of v${file.version} where ${anchor.condition} (“${label.en}”) flips, with ${params}`;
      const paramsZh = anchor.params.map((p) => `${p} = ${formatParameter(file.parameters[p]!, "zh")}`).join(",");
      const whatZh = `第${file.version}版中条件 ${anchor.condition}(“${label.zh}”)翻转的门槛(${paramsZh})`;
      boundary(spec, anchor.input, t.minus(step), { en: `${stepWords(spec.type)} below the ${what}`, zh: `${whatZh}减${stepWordsZh(spec.type)}` });
      boundary(spec, anchor.input, t, { en: `the ${what}`, zh: whatZh });
      boundary(spec, anchor.input, t.plus(step), { en: `${stepWords(spec.type)} above the ${what}`, zh: `${whatZh}加${stepWordsZh(spec.type)}` });
    }
  }
  for (const [side, date] of sides) {
    const file = side.version.file;
    for (const cap of caps(side.version)) {
      for (const input of cap.inputs) {
        const spec = file.inputs[input]!;
        const ctx = context(input);
        if (!ctx) continue;
        const pspec = file.parameters[cap.param]!;
        const reach = capPoint(side, date, ctx.facts, input, spec, cap.field, pspec);
        if (!reach) continue;
        const what = `${cap.field} reaches the cap of v${file.version} (${cap.param} = ${formatParameter(pspec)})`;
        const whatZh = `${cap.field} 达到第${file.version}版上限(${cap.param} = ${formatParameter(pspec, "zh")})`;
        const step = stepOf(spec.type, reach);
        boundary(spec, input, reach.minus(step), { en: `${stepWords(spec.type)} below the point where ${what}`, zh: `${whatZh}之点减${stepWordsZh(spec.type)}` });
        boundary(spec, input, reach, { en: `the point where ${what}`, zh: `${whatZh}之点` });
        const { wholeUnit: whole, wholeUnitZh: wholeZh } = VALUE_TYPES[spec.type].probe;
        if (whole !== undefined && !reach.isInteger()) boundary(spec, input, reach.ceil(), { en: `the first whole ${whole} where ${what}`, zh: `${whatZh}的第一个整${wholeZh ?? whole}` });
      }
    }
  }

  // Worked examples that differ from a boundary context only in the varied input join that input's
  // list, ordered by value, so the report reads like a table of the input.
  for (const ctx of contexts) {
    const key = caseKey(ctx.facts);
    for (const d of drafts.values()) {
      if (d.case.varies || !Object.prototype.hasOwnProperty.call(d.case.facts, ctx.input)) continue;
      const rest = Object.fromEntries(Object.entries(d.case.facts).filter(([k]) => k !== ctx.input));
      const raw = d.case.facts[ctx.input];
      if (caseKey(rest) !== key || !(typeof raw === "number" || (typeof raw === "string" && DECIMAL_LITERAL.test(raw)))) continue;
      d.case.varies = { input: ctx.input, value: String(raw) };
      d.order = [0, ctx.input, new Dec(raw), d.order[3]];
    }
  }

  const types: Record<string, ValueType> = {};
  for (const [side] of sides) for (const [k, s] of Object.entries(side.version.file.outcome)) types[k] ??= s.type;

  const ordered = [...drafts.values()].sort((x, y) => {
    const [ka, ia, va, na] = x.order;
    const [kb, ib, vb, nb] = y.order;
    if (ka !== kb) return ka - kb;
    if (ia !== ib) return ia < ib ? -1 : 1;
    if (va && vb && !va.equals(vb)) return va.lessThan(vb) ? -1 : 1;
    return na - nb;
  });
  const changes: BehaviourChange[] = [];
  for (const d of ordered) {
    const from = runCase(a, on.from, d.case.facts);
    const to = runCase(b, on.to, d.case.facts);
    const fields = compareResults(from, to, types);
    if (fields.length === 0) continue;
    const text = caseText(d.case, a.version.file, fields);
    changes.push({ case: d.case, from, to, fields, text: text.en, textZh: text.zh });
  }
  const boundaryCases = ordered.filter((d) => d.case.kind === "boundary").length;
  const boundaryValues: Record<string, string[]> = {};
  for (const d of ordered) if (d.case.kind === "boundary" && d.case.varies) (boundaryValues[d.case.varies.input] ??= []).push(d.case.varies.value);
  return { on, cases: ordered.length, exampleCases: ordered.length - boundaryCases, boundaryCases, contexts, boundaryValues, changes };
}

/** Why a case is in the comparison, short: the boundary reasons, then the first worked example (and how many more). */
function originsText(origins: readonly string[]): string {
  const boundaries = origins.filter((o) => !o.startsWith("example of "));
  const examples = origins.filter((o) => o.startsWith("example of "));
  const parts = [...boundaries];
  if (examples.length > 0) parts.push(`${examples[0]}${examples.length > 1 ? ` (+${examples.length - 1} more example${examples.length > 2 ? "s" : ""})` : ""}`);
  return parts.join("; ");
}

/** {@link originsText} in Chinese (the origins in the same order as the English ones). */
function originsTextZh(origins: readonly string[], originsZh: readonly string[]): string {
  const isExample = origins.map((o) => o.startsWith("example of "));
  const boundaries = originsZh.filter((_, i) => !isExample[i]);
  const examples = originsZh.filter((_, i) => isExample[i]);
  const parts = [...boundaries];
  if (examples.length > 0) parts.push(`${examples[0]}${examples.length > 1 ? `(另有 ${examples.length - 1} 个算例)` : ""}`);
  return parts.join(";");
}

/** An input value for people: money grouped, with two decimals when it has fen. */
export function inputText(type: ValueType | undefined, value: string): string {
  if (!DECIMAL_LITERAL.test(value)) return value;
  return type === undefined ? value : VALUE_TYPES[type].caseText(value);
}

function caseText(c: BehaviourCase, file: RuleFile, fields: OutcomeFieldChange[]): Words {
  const what = fields.map((f) => f.text).join("; ");
  const whatZh = fields.map((f) => f.textZh).join(";");
  if (c.varies) {
    const value = `${c.varies.input} ${inputText(file.inputs[c.varies.input]?.type, c.varies.value)}`;
    return { en: `${value} [${originsText(c.origins)}]: ${what}`, zh: `${value} [${originsTextZh(c.origins, c.originsZh)}]:${whatZh}` };
  }
  return { en: `${originsText(c.origins)} (${describeFacts(c.facts)}): ${what}`, zh: `${originsTextZh(c.origins, c.originsZh)}(${describeFacts(c.facts)}):${whatZh}` };
}

/** The flags of a decision in Chinese. */
const FLAG_ZH = { inForce: "是否有效", applicable: "是否适用" } as const;

/**
 * The threshold of a computed comparison, on the input's step grid: the first value where the named
 * condition flips (by exponential search then bisection with the engine), less one step for `gt`/`lte`
 * (whose threshold itself is on the unchanged side). Undefined when it never flips up to 10^15.
 */
function computedThreshold(side: Side, on: string, context: Record<string, unknown>, anchor: ComputedAnchor, spec: InputSpec): Dec | undefined {
  const step = stepOf(spec.type, new Dec(0));
  const limit = spec.max !== undefined ? new Dec(spec.max) : new Dec("1e15");
  const holds = (units: Dec): boolean | undefined => {
    try {
      const d = engineOf(side.set).evaluate(side.version.file.id, { ...context, [anchor.input]: inputValue(spec, units.times(step)) }, { on, version: side.version.file.version, explain: false });
      return d.inForce ? d.conditions.find((c) => c.id === anchor.condition)?.holds : undefined;
    } catch {
      return undefined;
    }
  };
  const min = spec.min !== undefined ? new Dec(spec.min) : new Dec(0);
  let lo = min.dividedBy(step).ceil();
  const first = holds(lo);
  if (first === undefined) return undefined;
  let hi = lo.plus(new Dec(1).dividedBy(step).ceil());
  for (let h = holds(hi); h === first; h = holds(hi)) {
    lo = hi;
    hi = hi.times(2);
    if (hi.times(step).greaterThan(limit)) return undefined;
  }
  if (holds(hi) === undefined) return undefined;
  while (hi.minus(lo).greaterThan(1)) {
    const mid = lo.plus(hi).dividedToIntegerBy(2);
    if (holds(mid) === first) lo = mid;
    else hi = mid;
  }
  const flip = hi.times(step);
  return anchor.op === "gt" || anchor.op === "lte" ? flip.minus(step) : flip;
}

/**
 * The smallest value of `input` (on its step grid) at which outcome `field` reaches the cap, by
 * exponential search then bisection with the engine; undefined when it never does (up to 10^15).
 */
function capPoint(side: Side, on: string, context: Record<string, unknown>, input: string, spec: InputSpec, field: string, cap: ParameterSpec): Dec | undefined {
  const capValue = new Dec(String(cap.value));
  const step = stepOf(spec.type, capValue);
  const limit = spec.max !== undefined ? new Dec(spec.max) : new Dec("1e15");
  const reaches = (units: Dec): boolean => {
    const r = runCase(side, on, { ...context, [input]: inputValue(spec, units.times(step)) });
    const v = r.outcome?.[field];
    return !r.rejected && r.inForce === true && typeof v === "string" && DECIMAL_LITERAL.test(v) && new Dec(v).greaterThanOrEqualTo(capValue);
  };
  const min = spec.min !== undefined ? new Dec(spec.min) : new Dec(0);
  let lo = min.dividedBy(step).ceil();
  if (reaches(lo)) return undefined;
  let hi = lo.plus(new Dec(1).dividedBy(step).ceil());
  while (!reaches(hi)) {
    lo = hi;
    hi = hi.times(2);
    if (hi.times(step).greaterThan(limit)) return undefined;
  }
  while (hi.minus(lo).greaterThan(1)) {
    const mid = lo.plus(hi).dividedToIntegerBy(2);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi.times(step);
}
