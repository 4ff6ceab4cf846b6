import type { Model, Solver } from "z3-solver";
import { defaultEngine, type Engine } from "../api.js";
import { InvalidOptionsError } from "../errors.js";
import type { Decision } from "../engine/decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { dayOf, isoOf } from "../analysis/days.js";
import { NotAnalysableError } from "../analysis/errors.js";
import * as R from "../analysis/rational.js";
import { encodeVersion, numericConstant, StringTable, type Encoded, type SVal, type Site } from "./encode.js";
import { UnconfirmedModelError } from "./errors.js";
import { declareInputs, domainOf, factsOf, type Inputs } from "./inputs.js";
import { z3, type Z3, type ZArith, type ZBool } from "./z3.js";

/*
 * Proven properties (issue #14): for every input of a rule version — not samples — its declared
 * bounds, monotone inputs and shortfalls, and that its logic has no dead part (every condition both
 * true and false, every `if` branch, min/max side, and/or operand and test reachable). Each question
 * is a z3 query on the exact encoding (encode.ts); every model z3 gives is re-evaluated by the engine
 * and must agree with it on every condition and outcome field, or the verifier throws (a bug of the
 * encoding, never a finding).
 */

/**
 * Milliseconds z3 may spend on one question before the property is reported `unknown` (never proven).
 * Raise it with the `timeoutMs` option of {@link verifyRule} or `verify --timeout-ms`.
 *
 * @category Verify
 * @example
 * await verifyRule("hd-2018/county-subsidy", { timeoutMs: 2 * VERIFY_QUERY_TIMEOUT_MS });
 */
export const VERIFY_QUERY_TIMEOUT_MS = 30_000;

/**
 * What `verifyRule` checks and with what.
 *
 * @category Verify
 * @example
 * const options: VerifyOptions = { version: 1, timeoutMs: 60_000 };
 */
export interface VerifyOptions {
  /** One version (default: every version of the rule). */
  version?: number;
  /** The engine whose rule set is verified and which confirms every model (default: the bundled rules). */
  engine?: Engine;
  /** Milliseconds per solver question (default {@link VERIFY_QUERY_TIMEOUT_MS}); past it the property is `unknown`. */
  timeoutMs?: number;
}

/**
 * A concrete input on which the engine decides: facts and date, and what the decision shows.
 *
 * @category Verify
 * @example
 * const w: Witness = { facts: { contractAmount: "1.00" }, on: "2025-06-01", shows: { amount: "0.00" } };
 */
export interface Witness {
  /** The facts, as a caller writes them. */
  readonly facts: Record<string, unknown>;
  /** The evaluation date `YYYY-MM-DD`. */
  readonly on: string;
  /** The engine's values of the fields the property is about (`outcome.amount`, `conditions.x`). */
  readonly shows: Record<string, unknown>;
}

/**
 * One property of one version and its verdict.
 * - `proven`: holds for every input (a bound, monotonicity, a shortfall), or is reachable (a branch,
 *   a side of a condition): then `witness` is an input that reaches it, confirmed by the engine;
 * - `refuted`: a bound, monotonicity or shortfall fails on `counterexample` (two inputs for
 *   monotonicity), confirmed by the engine; or a part of the logic is never reached (dead): no input
 *   reaches it, and `witness` shows the value it always takes instead;
 * - `unknown`: the solver gave no answer within the time limit (`reason`).
 *
 * @category Verify
 * @example
 * report.versions[0].properties.filter((p) => p.status === "refuted")
 */
export interface PropertyResult {
  /** What kind of property: declared (`bounds`, `monotone`, `shortfall`), reachability (`condition`, `branch`, `side`, `operand`, `test`) or `versions`. */
  readonly kind: "bounds" | "monotone" | "shortfall" | "condition" | "branch" | "side" | "operand" | "test" | "versions";
  /** What it is about: `outcome.amount`, `conditions.amountAtLeastThreshold`, `outcome.amount#/if/1`. */
  readonly subject: string;
  /** The verdict (已证明 / 否证 / 未判定). */
  readonly status: "proven" | "refuted" | "unknown";
  /** The property in words, English and Chinese. */
  readonly text: { readonly en: string; readonly zh: string };
  /** An input that reaches it (proven reachability), or the value dead logic takes instead (refuted). */
  readonly witness?: Witness;
  /** The inputs that break it, each the engine's decision (refuted bounds, monotonicity, shortfall). */
  readonly counterexample?: readonly Witness[];
  /** Why: dead logic, or the solver's reason for `unknown`. */
  readonly reason?: string;
}

/**
 * The verdicts on one version.
 *
 * @category Verify
 * @example
 * report.versions[0].notAnalysable //=> undefined
 */
export interface VersionReport {
  /** The version number. */
  readonly version: number;
  /** Its first day in force. */
  readonly validFrom: string;
  /** Its last day in force, null when open-ended. */
  readonly validTo: string | null;
  /** Every property checked, in order: declared ones first, then reachability. */
  readonly properties: readonly PropertyResult[];
  /** Set when the rule's logic has no exact encoding (an operation without a symbolic form, a varying divisor…): nothing of the version is verified. */
  readonly notAnalysable?: { readonly op: string | undefined; readonly pointer: string; readonly reason: string };
}

/**
 * The verdicts on one rule.
 *
 * @category Verify
 * @example
 * const r = await verifyRule("sjz-2025/absorption-subsidy");
 * r.refuted //=> 0
 */
export interface VerifyReport {
  /** The rule. */
  readonly ruleId: string;
  /** The verdicts per version. */
  readonly versions: readonly VersionReport[];
  /** Properties proven, over all versions. */
  readonly proven: number;
  /** Properties refuted, over all versions. */
  readonly refuted: number;
  /** Properties the solver did not decide in time. */
  readonly unknown: number;
  /** Versions not verified (no exact encoding). */
  readonly notAnalysable: number;
  /** Milliseconds spent. */
  readonly ms: number;
}

type Verdict = { status: "sat"; model: Model<"verify"> } | { status: "unsat" } | { status: "unknown"; reason: string };

/** One copy of the version under the solver: its inputs, date and encoding. */
interface Copy {
  readonly inputs: Inputs;
  readonly on: ZArith;
  readonly enc: Encoded;
}

interface Job {
  readonly Z: Z3;
  readonly engine: Engine;
  readonly version: LoadedRuleVersion;
  readonly strings: StringTable;
  readonly solver: Solver<"verify">;
  readonly main: Copy;
  readonly sites: Site[];
  /** The domain of the first copy: inputs, date, and where the engine computes. */
  readonly base: ZBool[];
}

const words = (en: string, zh: string) => ({ en, zh });

/** Ask z3 whether `facts` and the base constraints can hold together; a model with a decimal off the facts' grid is asked again on the grid. */
async function ask(job: Job, extra: ZBool[], copies: readonly Copy[] = [job.main]): Promise<Verdict> {
  const { solver, Z } = job;
  for (const grid of [false, true]) {
    solver.push();
    try {
      for (const c of [...job.base, ...extra]) solver.add(c);
      if (grid) for (const copy of copies) for (const c of domainOf(Z, copy.inputs, job.strings, true)) solver.add(c);
      const result = await solver.check();
      if (result === "unsat") return { status: "unsat" };
      if (result === "unknown") return { status: "unknown", reason: solver.reasonUnknown() };
      const model = solver.model();
      if (copies.every((copy) => factsOf(model, copy.inputs, job.strings) !== undefined)) return { status: "sat", model };
    } finally {
      solver.pop();
    }
  }
  return { status: "unknown", reason: "no model on the facts' grid" };
}

/** The model's value of an encoded value, as a decision shows it (a decimal text, a boolean, a date, a string…). */
function modelValue(job: Job, model: Model<"verify">, v: SVal, type: string): unknown {
  switch (v.k) {
    case "const":
      return v.v;
    case "bool":
      return String(model.eval(v.e, true)) === "true";
    case "num": {
      const r = model.eval(v.e, true) as unknown as { value(): { numerator: bigint; denominator: bigint } | bigint };
      const raw = r.value();
      const q = typeof raw === "bigint" ? R.q(raw) : R.frac(raw.numerator, raw.denominator);
      return type === "integer" ? Number(q.num / q.den) : R.qText(q);
    }
    case "date":
      return isoOf(Number((model.eval(v.e, true) as unknown as { value(): bigint }).value()));
    case "str":
      return job.strings.strings[Number((model.eval(v.e, true) as unknown as { value(): bigint }).value())];
    case "set":
      return undefined;
    case "nullable":
      return String(model.eval(v.isNull, true)) === "true" ? null : modelValue(job, model, v.v, type);
  }
}

/** Whether a decision's value equals the model's (numbers exactly, whatever their writing). */
function sameValue(decided: unknown, modelled: unknown): boolean {
  const a = numericConstant(decided);
  const b = numericConstant(modelled);
  if (a !== undefined && b !== undefined) return R.eq(a, b);
  if (typeof modelled === "object" && modelled !== null) {
    const c = numericConstant(modelled);
    return c !== undefined && a !== undefined && R.eq(a, c);
  }
  return decided === modelled;
}

/**
 * Re-evaluate a model with the engine and require that it agrees on the applicable test, every
 * condition and every outcome field; the witness of the model.
 */
function confirm(job: Job, model: Model<"verify">, copy: Copy, what: string): { witness: Witness; decision: Decision } {
  const facts = factsOf(model, copy.inputs, job.strings)!;
  const on = isoOf(Number((model.eval(copy.on, true) as unknown as { value(): bigint }).value()));
  const id = job.version.file.id;
  let decision: Decision;
  try {
    decision = job.engine.evaluate(id, facts, { on, version: job.version.file.version, explain: false });
  } catch (error) {
    throw new UnconfirmedModelError(id, `${what}: the engine refuses the facts ${JSON.stringify(facts)} on ${on}: ${(error as Error).message}`);
  }
  const mismatch: string[] = [];
  const applicable = modelValue(job, model, { k: "bool", e: copy.enc.applicable }, "boolean");
  if (decision.applicable !== applicable) mismatch.push(`applicable ${String(decision.applicable)} ≠ ${String(applicable)}`);
  for (const c of decision.conditions) {
    const m = modelValue(job, model, { k: "bool", e: copy.enc.conditions.get(c.id)! }, "boolean");
    if (c.holds !== m) mismatch.push(`conditions.${c.id} ${String(c.holds)} ≠ ${String(m)}`);
  }
  for (const f of job.version.outcome) {
    const shown = copy.enc.shown.get(f.name)!;
    if (shown.k === "set") continue;
    const m = modelValue(job, model, shown, f.spec.type);
    const d = decision.outcome[f.name];
    if (!sameValue(d, m)) mismatch.push(`outcome.${f.name} ${JSON.stringify(d)} ≠ ${JSON.stringify(m)}`);
  }
  if (mismatch.length > 0) throw new UnconfirmedModelError(id, `${what} on ${JSON.stringify(facts)}, ${on}: ${mismatch.join("; ")}`);
  return { witness: { facts, on, shows: {} }, decision };
}

/** The witness with the decision's values of the named fields or conditions. */
function showing(w: Witness, decision: Decision, names: readonly string[]): Witness {
  const shows: Record<string, unknown> = {};
  for (const n of names) {
    if (n.startsWith("conditions.")) shows[n] = decision.conditions.find((c) => `conditions.${c.id}` === n)?.holds;
    else if (n.startsWith("outcome.")) shows[n] = decision.outcome[n.slice("outcome.".length)];
    else if (n === "applicable") shows[n] = decision.applicable;
  }
  return { ...w, shows };
}

/** The numeric value of a bound end on this version, or undefined for none. */
function boundValue(version: LoadedRuleVersion, end: string | { param: string } | null): R.Q | undefined {
  if (end === null) return undefined;
  if (typeof end === "string") return R.q(end);
  return numericConstant(version.params[end.param]);
}

function real(Z: Z3, a: R.Q): ZArith {
  return Z.Real.val(`${a.num}/${a.den}`) as unknown as ZArith;
}

function numTerm(job: Job, v: SVal): ZArith | undefined {
  if (v.k === "num") return v.e;
  if (v.k === "const") {
    const c = numericConstant(v.v);
    return c === undefined ? undefined : real(job.Z, c);
  }
  return undefined;
}

async function bounds(job: Job, out: PropertyResult[]): Promise<void> {
  const { Z, version } = job;
  for (const [field, [loEnd = null, hiEnd = null]] of Object.entries(version.file.properties?.bounds ?? {})) {
    const v = numTerm(job, job.main.enc.shown.get(field)!);
    if (v === undefined) throw new NotAnalysableError(version.file.id, undefined, `outcome.${field}`, "a bounded field that is not always a number", "有界字段并非总是数值");
    const lo = boundValue(version, loEnd);
    const hi = boundValue(version, hiEnd);
    const range = `[${lo ? R.qText(lo) : "−∞"}, ${hi ? R.qText(hi) : "+∞"}]`;
    const text = words(`outcome.${field} is within ${range} for every input`, `对所有输入,outcome.${field} 都在 ${range} 之内`);
    // Each side asked on its own, so that a rule broken on both sides shows a counterexample for each.
    const counterexamples: Witness[] = [];
    let unknown: string | undefined;
    for (const [end, below] of [[lo, true], [hi, false]] as const) {
      if (end === undefined) continue;
      const verdict = await ask(job, [below ? v.lt(real(Z, end)) : v.gt(real(Z, end))]);
      if (verdict.status === "unknown") unknown = verdict.reason;
      if (verdict.status !== "sat") continue;
      const { witness, decision } = confirm(job, verdict.model, job.main, `bounds of ${field}`);
      const got = numericConstant(decision.outcome[field]);
      if (got === undefined || (below ? R.cmp(got, end) >= 0 : R.cmp(got, end) <= 0)) throw new UnconfirmedModelError(version.file.id, `bounds of ${field}: ${JSON.stringify(decision.outcome[field])} is within ${range}`);
      counterexamples.push(showing(witness, decision, [`outcome.${field}`]));
    }
    const subject = `outcome.${field}`;
    if (counterexamples.length > 0) out.push({ kind: "bounds", subject, status: "refuted", text, counterexample: counterexamples });
    else if (unknown !== undefined) out.push({ kind: "bounds", subject, status: "unknown", text, reason: unknown });
    else out.push({ kind: "bounds", subject, status: "proven", text });
  }
}

async function monotone(job: Job, out: PropertyResult[]): Promise<void> {
  const { Z, version } = job;
  const money = version.outcome.filter((f) => f.spec.type === "money").map((f) => f.name);
  for (const input of version.file.properties?.monotone ?? []) {
    const inputs = declareInputs(Z, version, "'", job.strings, job.main.inputs, new Set([input]));
    const enc = encodeVersion(Z, version, inputs.terms, job.main.on, job.strings);
    const second: Copy = { inputs, on: job.main.on, enc };
    const a = job.main.inputs.vars.get(input)!.raw as ZArith;
    const b = inputs.vars.get(input)!.raw as ZArith;
    // On a grid (money in fen, integers, days) non-decreasing everywhere is non-decreasing from each
    // value to the next one: an equivalent question that z3 answers far faster. Decimals: any two values.
    const onGrid = ["money", "integer", "date"].includes(version.file.inputs[input]!.type);
    const constraints = [onGrid ? b.eq(a.add(1)) : a.lt(b), ...domainOf(Z, inputs, job.strings, false), ...enc.defined];
    for (const field of money) {
      const text = words(`outcome.${field} does not fall as ${input} grows, the other facts fixed`, `其他事实不变时,${input} 增加,outcome.${field} 不减少`);
      const x = numTerm(job, job.main.enc.shown.get(field)!);
      const y = numTerm(job, enc.shown.get(field)!);
      if (x === undefined || y === undefined) throw new NotAnalysableError(version.file.id, undefined, `outcome.${field}`, "a money field that is not always a number", "金额字段并非总是数值");
      const verdict = await ask(job, [...constraints, x.gt(y)], [job.main, second]);
      if (verdict.status === "unsat") out.push({ kind: "monotone", subject: `outcome.${field} ↑ ${input}`, status: "proven", text });
      else if (verdict.status === "unknown") out.push({ kind: "monotone", subject: `outcome.${field} ↑ ${input}`, status: "unknown", text, reason: verdict.reason });
      else {
        const one = confirm(job, verdict.model, job.main, `monotone ${field} in ${input}`);
        const two = confirm(job, verdict.model, second, `monotone ${field} in ${input}`);
        const p = numericConstant(one.decision.outcome[field]);
        const q = numericConstant(two.decision.outcome[field]);
        if (p === undefined || q === undefined || R.cmp(p, q) <= 0) throw new UnconfirmedModelError(version.file.id, `monotone ${field} in ${input}: the engine gives ${String(p && R.qText(p))} then ${String(q && R.qText(q))}`);
        out.push({ kind: "monotone", subject: `outcome.${field} ↑ ${input}`, status: "refuted", text, counterexample: [showing(one.witness, one.decision, [`outcome.${field}`]), showing(two.witness, two.decision, [`outcome.${field}`])] });
      }
    }
  }
}

async function shortfalls(job: Job, out: PropertyResult[]): Promise<void> {
  const { Z, version } = job;
  for (const [field, met] of Object.entries(version.file.properties?.shortfall ?? {})) {
    const v = numTerm(job, job.main.enc.shown.get(field)!);
    if (v === undefined) throw new NotAnalysableError(version.file.id, undefined, `outcome.${field}`, "a shortfall field that is not always a number", "差额字段并非总是数值");
    const metValue = job.main.enc.shown.get(met);
    const metTerm = metValue?.k === "bool" ? metValue.e : metValue?.k === "const" ? Z.Bool.val(metValue.v === true) : job.main.enc.conditions.get(met)!;
    const metName = job.main.enc.shown.has(met) ? `outcome.${met}` : `conditions.${met}`;
    const text = words(`outcome.${field} is 0 exactly when ${metName} holds`, `outcome.${field} 为 0 当且仅当 ${metName} 成立`);
    const verdict = await ask(job, [Z.Not(Z.Iff(v.eq(0), metTerm))]);
    if (verdict.status === "unsat") out.push({ kind: "shortfall", subject: `outcome.${field}`, status: "proven", text });
    else if (verdict.status === "unknown") out.push({ kind: "shortfall", subject: `outcome.${field}`, status: "unknown", text, reason: verdict.reason });
    else {
      const { witness, decision } = confirm(job, verdict.model, job.main, `shortfall ${field}`);
      const s = numericConstant(decision.outcome[field]);
      const m = metName.startsWith("outcome.") ? decision.outcome[met] : decision.conditions.find((c) => c.id === met)?.holds;
      if (s === undefined || R.isZero(s) === (m === true)) throw new UnconfirmedModelError(version.file.id, `shortfall ${field}: the engine gives ${JSON.stringify(decision.outcome[field])} with ${metName} ${String(m)}`);
      out.push({ kind: "shortfall", subject: `outcome.${field}`, status: "refuted", text, counterexample: [showing(witness, decision, [`outcome.${field}`, metName])] });
    }
  }
}

/** What a site is, in words, and its property kind. */
function describeSite(s: Site): { kind: PropertyResult["kind"]; subject: string; text: { en: string; zh: string } } {
  const at = `${s.where}#${s.pointer}`;
  switch (s.kind) {
    case "branch":
      return { kind: "branch", subject: `${at} branch ${s.index + 1}`, text: words(`branch ${s.index + 1} of the if at ${at} is reached`, `${at} 处 if 的第 ${s.index + 1} 个分支可达`) };
    case "side":
      return { kind: "side", subject: `${at} operand ${s.index + 1}`, text: words(`operand ${s.index + 1} of the min/max at ${at} gives its value for some input`, `${at} 处 min/max 的第 ${s.index + 1} 个操作数对某些输入给出结果`) };
    case "operand":
      return { kind: "operand", subject: `${at} operand ${s.index + 1}`, text: words(`operand ${s.index + 1} of the and/or at ${at} is evaluated for some input`, `${at} 处 and/or 的第 ${s.index + 1} 个操作数对某些输入会被求值`) };
    default:
      return { kind: "test", subject: `${at} ${s.kind === "test-true" ? "true" : "false"}`, text: words(`the test at ${at} is ${s.kind === "test-true" ? "true" : "false"} for some input`, `${at} 处的判断对某些输入为${s.kind === "test-true" ? "真" : "假"}`) };
  }
}

/**
 * Reachability of every condition side and every site, with few questions: each model found covers
 * every other target it also reaches.
 */
async function reachability(job: Job, out: PropertyResult[]): Promise<void> {
  const { Z } = job;
  type Target = { kind: PropertyResult["kind"]; subject: string; text: { en: string; zh: string }; when: ZBool; show: string[]; result?: PropertyResult };
  const targets: Target[] = [];
  for (const [id, c] of job.main.enc.conditions) {
    for (const side of [true, false]) {
      targets.push({
        kind: "condition",
        subject: `conditions.${id} ${side ? "true" : "false"}`,
        text: words(`condition ${id} is ${side ? "true" : "false"} for some input`, `条件 ${id} 对某些输入为${side ? "真" : "假"}`),
        when: side ? c : Z.Not(c),
        show: [`conditions.${id}`],
      });
    }
  }
  for (const s of job.sites) targets.push({ ...describeSite(s), when: s.when, show: s.where === "applicable" ? ["applicable"] : [s.where] });
  for (const t of targets) {
    if (t.result) continue;
    const verdict = await ask(job, [t.when]);
    if (verdict.status === "unknown") {
      t.result = { kind: t.kind, subject: t.subject, status: "unknown", text: t.text, reason: verdict.reason };
    } else if (verdict.status === "unsat") {
      // Dead: show what the logic does instead, on an input in force (any input: the domain is not empty).
      const any = await ask(job, []);
      const instead = any.status === "sat" ? confirm(job, any.model, job.main, `no ${t.subject}`) : undefined;
      t.result = { kind: t.kind, subject: t.subject, status: "refuted", text: t.text, reason: "no input reaches it (dead logic)", ...(instead ? { witness: showing(instead.witness, instead.decision, t.show) } : {}) };
    } else {
      const { witness, decision } = confirm(job, verdict.model, job.main, t.subject);
      for (const other of targets) {
        if (other.result) continue;
        if (String(verdict.model.eval(other.when, true)) === "true") {
          other.result = { kind: other.kind, subject: other.subject, status: "proven", text: other.text, witness: showing(witness, decision, other.show) };
        }
      }
      if (!t.result) throw new UnconfirmedModelError(job.version.file.id, `${t.subject}: the model does not reach what it was asked for`);
    }
  }
  for (const t of targets) out.push(t.result!);
}

async function verifyVersion(Z: Z3, engine: Engine, version: LoadedRuleVersion, timeoutMs: number): Promise<VersionReport> {
  const head = { version: version.file.version, validFrom: version.validFrom, validTo: version.validTo };
  const strings = new StringTable();
  const inputs = declareInputs(Z, version, "", strings);
  const on = Z.Int.const("on");
  const sites: Site[] = [];
  let enc: Encoded;
  try {
    enc = encodeVersion(Z, version, inputs.terms, on, strings, sites);
  } catch (error) {
    if (!(error instanceof NotAnalysableError)) throw error;
    return { ...head, properties: [], notAnalysable: { op: error.op, pointer: error.pointer, reason: error.reason } };
  }
  const solver = new Z.Solver();
  solver.set("timeout", timeoutMs);
  const from = dayOf(version.validFrom);
  const to = version.validTo === null ? dayOf("9999-12-31") : dayOf(version.validTo);
  const base = [on.ge(from), on.le(to), ...domainOf(Z, inputs, strings, false), ...enc.defined];
  const job: Job = { Z, engine, version, strings, solver, main: { inputs, on, enc }, sites, base };
  const properties: PropertyResult[] = [];
  try {
    await bounds(job, properties);
    await monotone(job, properties);
    await shortfalls(job, properties);
    await reachability(job, properties);
  } catch (error) {
    if (!(error instanceof NotAnalysableError)) throw error;
    return { ...head, properties: [], notAnalysable: { op: error.op, pointer: error.pointer, reason: error.reason } };
  }
  return { ...head, properties };
}

/**
 * Prove or refute, for every input, the properties of a rule's versions: the `properties` its file
 * declares (bounds, monotone inputs, shortfalls) and that no part of its logic is dead (each condition
 * both true and false, each `if` branch, min/max side, and/or operand and test reachable); and that its
 * versions do not overlap in validity (the loader refuses a rule set where they do). Every
 * counterexample and witness is the engine's own decision on concrete facts and date.
 *
 * @category Verify
 * @example
 * const report = await verifyRule("sjz-2025/absorption-subsidy");
 * report.versions[0].properties.find((p) => p.kind === "bounds")?.status //=> "proven"
 */
export async function verifyRule(ruleId: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const engine = options.engine ?? defaultEngine();
  const timeoutMs = options.timeoutMs ?? VERIFY_QUERY_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new InvalidOptionsError("timeoutMs", `timeoutMs must be a positive whole number of milliseconds (超时须为正整数毫秒)`);
  const all = engine.ruleSet.versions(ruleId);
  const chosen = options.version === undefined ? all : [engine.ruleSet.version(ruleId, options.version)];
  const Z = await z3();
  const versions: VersionReport[] = [];
  for (const v of chosen) versions.push(await verifyVersion(Z, engine, v, timeoutMs));
  if (all.length > 1 && versions[0]) {
    const overlap: PropertyResult = {
      kind: "versions",
      subject: "validity",
      status: "proven",
      text: words(`the ${all.length} versions never overlap in validity (checked when the rule set loads)`, `${all.length} 个版本的有效期互不重叠(加载规则集时已检查)`),
    };
    versions[0] = { ...versions[0], properties: [overlap, ...versions[0].properties] };
  }
  const count = (s: PropertyResult["status"]) => versions.reduce((n, v) => n + v.properties.filter((p) => p.status === s).length, 0);
  return { ruleId, versions, proven: count("proven"), refuted: count("refuted"), unknown: count("unknown"), notAnalysable: versions.filter((v) => v.notAnalysable).length, ms: Date.now() - started };
}

/**
 * The encoding checked against the engine on given facts and date: the version encoded with every input
 * fixed to the facts, solved, and compared with the engine's decision on every condition and outcome
 * field (the comparison every proof's models get). Throws {@link UnconfirmedModelError} on a difference.
 *
 * @internal
 * @example
 * await checkEncodingOn(version, example.facts, "2025-06-01", defaultEngine());
 */
export async function checkEncodingOn(version: LoadedRuleVersion, facts: Record<string, unknown>, on: string, engine: Engine = defaultEngine()): Promise<Witness> {
  const Z = await z3();
  const strings = new StringTable();
  const inputs = declareInputs(Z, version, "", strings);
  const onTerm = Z.Int.const("on");
  const enc = encodeVersion(Z, version, inputs.terms, onTerm, strings, []);
  const fixed: ZBool[] = [onTerm.eq(dayOf(on))];
  for (const [name, v] of inputs.vars) {
    const fact = Object.hasOwn(facts, name) ? facts[name] : v.spec.default;
    if (fact === undefined) continue;
    if (v.value.k === "set") {
      for (const [member, flag] of v.value.members) fixed.push((fact as string[]).includes(member) ? flag : Z.Not(flag));
    } else if (v.value.k === "bool") fixed.push(fact === true ? v.value.e : Z.Not(v.value.e));
    else if (v.value.k === "str") fixed.push(v.value.e.eq(strings.of(String(fact))));
    else if (v.value.k === "date") fixed.push(v.value.e.eq(dayOf(String(fact))));
    else if (v.value.k === "num") fixed.push(v.value.e.eq(real(Z, R.q(String(fact)))));
  }
  const solver = new Z.Solver();
  const job: Job = { Z, engine, version, strings, solver, main: { inputs, on: onTerm, enc }, sites: [], base: [...domainOf(Z, inputs, strings, false), ...enc.defined] };
  const verdict = await ask(job, fixed);
  if (verdict.status !== "sat") throw new UnconfirmedModelError(version.file.id, `the encoding has no model for ${JSON.stringify(facts)} on ${on} (${verdict.status})`);
  return confirm(job, verdict.model, job.main, "encoding check").witness;
}
