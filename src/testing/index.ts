/**
 * `jjj-policy-rules/testing`: the worked examples of every shipped rule as test vectors, and a helper
 * that runs your own implementation of a rule against them and reports each mismatch. For the test
 * suites of services that implement a measure themselves, or integrate with this library.
 *
 * @example
 * import { checkImplementation, formatReport } from "jjj-policy-rules/testing";
 * const report = await checkImplementation("sjz-2025/absorption-subsidy", (facts, { on }) => mySubsidy(facts, on));
 * report.ok || console.log(formatReport(report));
 *
 * @module testing
 */
import type { KnownRuleId } from "../generated/rule-types.js";
import { Dec } from "../exact/decimal.js";
import { BUNDLED_RULES } from "../generated/rules.js";
import type { RuleFile, RuleKind } from "../schema/rule-file.js";
import type { LocalizedText } from "../schema/common.js";
import { defaultEngine } from "../api.js";
import { provideRuleDetails } from "../catalog/rule-details.js";
import RULE_DETAILS from "../generated/rule-details.json" with { type: "json" };

// The testing entry is about the worked examples: it carries them (the other entries read them from the
// package's rule-details.json on first use), so that it also works where that file cannot be read (a browser).
provideRuleDetails(RULE_DETAILS);

export { conditionCoverage, coverageTotals, versionCoverage, MAX_TIE_SEARCH } from "./coverage.js";
export type { ConditionCoverage, CoverageGoal, CoverageReport, VersionCoverage } from "./coverage.js";

/**
 * One worked example of a shipped rule version, as data: the facts, the date, and the expected part of
 * the decision (or the inputs that must be rejected). Computed by hand from the source text.
 *
 * @category Testing
 * @example
 * const v = getTestVectors({ ruleId: "sjz-2025/absorption-subsidy" })[6];
 * v.id       //=> "sjz-2025/absorption-subsidy@1#7"
 * v.on       //=> "2025-06-01"
 * v.facts    //=> { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }
 * v.expected //=> { inForce: true, outcome: { eligible: true, amount: "200000.00" } }
 */
export interface TestVector {
  /** A stable id, `<ruleId>@<version>#<n>` (n counts the version's examples from 1). */
  readonly id: string;
  /** The rule, e.g. `sjz-2025/absorption-subsidy`. */
  readonly ruleId: string;
  /** The rule version the example belongs to (the date `on` selects it). */
  readonly version: number;
  /** The rule's kind: `benefit`, `target`, `obligation` or `guidance`. */
  readonly kind: RuleKind;
  /** The case in one sentence, in Chinese and English: the date, the situation and the expected result. */
  readonly description: LocalizedText;
  /** The evaluation date, `YYYY-MM-DD`. */
  readonly on: string;
  /** The facts given to the rule. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** The expected part of the decision; absent when the facts must be rejected (see `rejects`). */
  readonly expected?: TestVectorExpectation;
  /** The facts must be rejected, naming these input paths. */
  readonly rejects?: readonly string[];
  /** The outcome fields the rule declares (others, like `granted`, are the engine's own). */
  readonly outcomeFields: readonly string[];
  /** How the expected figure was worked out from the text. */
  readonly working?: string;
  /** Set on a generated vector (`boundaryVectors` of `jjj-policy-rules/analysis`, `vectors.json`): its `expected` is the engine's. */
  readonly generated?: true;
  /** For a generated vector: the engine that computed `expected`, `jjj-policy-rules@<version>`. */
  readonly engine?: string;
}

/**
 * The expected part of a decision in a {@link TestVector}: only the fields given are checked.
 *
 * @category Testing
 * @example
 * const e: TestVectorExpectation = { inForce: true, outcome: { eligible: false, amount: "0.00" }, fails: ["amountAtLeastThreshold"] };
 */
export interface TestVectorExpectation {
  /** Whether a version is in force on the date. */
  readonly inForce?: boolean;
  /** Whether the measure concerns the subject. */
  readonly applicable?: boolean;
  /** Outcome fields and their values: money as decimal strings in yuan (`"200000.00"`). */
  readonly outcome?: Readonly<Record<string, unknown>>;
  /** Ids of conditions that hold. */
  readonly holds?: readonly string[];
  /** Ids of conditions that fail. */
  readonly fails?: readonly string[];
}

/**
 * Which vectors to take: all of them, or those of one rule, version, document or kind.
 *
 * @category Testing
 * @example
 * getTestVectors({ document: "sjz-2025", kind: "benefit" })
 */
export interface TestVectorFilter {
  /** Only this rule. */
  ruleId?: string;
  /** Only this version (with `ruleId`). */
  version?: number;
  /** Only rules of this document, e.g. `sjz-2025`. */
  document?: string;
  /** Only rules of this kind. */
  kind?: RuleKind;
}

/**
 * What your implementation returns for one vector: a decision-like object `{ outcome, inForce?,
 * applicable?, conditions? }` (this library's `Decision` fits), or the outcome fields alone
 * (`{ eligible: true, amount: "200000.00" }`). Fields you leave out are not checked, except the outcome
 * fields the vector expects.
 *
 * @category Testing
 * @example
 * const a: ImplementationResult = { eligible: true, amount: "200000.00" };
 * const b: ImplementationResult = { inForce: true, outcome: { eligible: true, amount: 200000 } };
 */
export type ImplementationResult =
  | {
      outcome: Readonly<Record<string, unknown>>;
      inForce?: boolean;
      applicable?: boolean;
      conditions?: readonly { id: string; holds: boolean }[];
    }
  | Readonly<Record<string, unknown>>;

/**
 * Your implementation of a rule, called once per vector with its facts and date. Throw to reject facts
 * (an error with `issues: { path }[]`, like this library's `InvalidFactsError`, is checked path by path).
 * May be async.
 *
 * @category Testing
 * @example
 * const impl: Implementation = (facts, { on }) => ({ eligible: Number(facts.contractAmount) >= 500000 });
 */
export type Implementation = (
  facts: Readonly<Record<string, unknown>>,
  context: { on: string; ruleId: string; version: number },
) => ImplementationResult | Promise<ImplementationResult>;

/**
 * How results are compared.
 *
 * @category Testing
 * @example
 * await checkImplementation("sjz-2025/absorption-subsidy", impl, { fields: ["amount"], rejects: "skip" });
 */
export interface CheckOptions {
  /** Compare only these outcome fields (default: every expected field the rule declares). */
  fields?: readonly string[];
  /** `"check"` (default): rejection vectors expect your implementation to throw; `"skip"`: leave them out. */
  rejects?: "check" | "skip";
  /**
   * `"decimal"` (default): numbers and decimal strings are equal when they are the same decimal
   * (`"80000.00"`, `"80000"` and `80000`); `"strict"`: values must be identical.
   */
  numbers?: "decimal" | "strict";
}

/**
 * One difference between a vector and your implementation's result.
 *
 * @category Testing
 * @example
 * const m: VectorMismatch = { vector: "sjz-2025/absorption-subsidy@1#7", description: { zh: "…", en: "…" }, on: "2025-06-01",
 *   field: "outcome.amount", expected: "200000.00", actual: "150000.00", message: "outcome.amount: expected \"200000.00\", got \"150000.00\"" };
 */
export interface VectorMismatch {
  /** The vector's id, `<ruleId>@<version>#<n>`. */
  vector: string;
  /** The vector's description, in Chinese and English. */
  description: LocalizedText;
  /** The vector's date. */
  on: string;
  /** What differs: `outcome.amount`, `inForce`, `applicable`, `conditions.<id>`, `rejects` or `error`. */
  field: string;
  /** The value the vector expects. */
  expected: unknown;
  /** The value your implementation gave (or the error it threw). */
  actual: unknown;
  /** One line saying what differs. */
  message: string;
}

/**
 * The result of {@link checkImplementation}: counts, and every mismatch.
 *
 * @category Testing
 * @example
 * const report = await checkImplementation("sjz-2025/absorption-subsidy", impl);
 * report.ok         //=> true when every vector matched
 * report.mismatches //=> [] or one entry per differing field
 */
export interface CheckReport {
  /** True when every checked vector matched. */
  ok: boolean;
  /** Vectors run. */
  checked: number;
  /** Vectors that matched. */
  passed: number;
  /** Vectors with at least one mismatch. */
  failed: number;
  /** Vectors left out (rejection vectors with `rejects: "skip"`). */
  skipped: number;
  /** Every mismatch, vector by vector. */
  mismatches: VectorMismatch[];
  /** Each vector that failed, with both outcomes: what it expects and what your implementation returned (or threw). */
  failures: VectorFailure[];
  /**
   * For each rule version checked: each of its conditions, and in how many of the passing vectors it held
   * and failed (as this library decides them). A condition never seen both ways was not tested by them.
   */
  covered: ConditionsCovered[];
}

/**
 * A vector your implementation failed: both outcomes side by side.
 *
 * @category Testing
 * @example
 * const f: VectorFailure = { vector: "sjz-2025/absorption-subsidy@1#24", description: { zh: "…", en: "…" }, on: "2025-06-01",
 *   facts: { contractAmount: "2999998.30" }, expected: { outcome: { amount: "199999.92" } }, actual: { amount: 199999.91 } };
 */
export interface VectorFailure {
  /** The vector's id, `<ruleId>@<version>#<n>`. */
  vector: string;
  /** The vector's description, in Chinese and English. */
  description: LocalizedText;
  /** The vector's date. */
  on: string;
  /** The facts your implementation was given. */
  facts: Readonly<Record<string, unknown>>;
  /** The vector's expected part of the decision, or the paths it must reject. */
  expected: TestVectorExpectation | { rejects: readonly string[] };
  /** What your implementation returned, or `{ threw: "<name>: <message>" }`. */
  actual: unknown;
}

/**
 * The conditions of one rule version, counted over the vectors your implementation passed.
 *
 * @category Testing
 * @example
 * const c: ConditionsCovered = { ruleId: "sjz-2025/absorption-subsidy", version: 1, passed: 20,
 *   conditions: [{ id: "amountAtLeastThreshold", holdsIn: 18, failsIn: 2 }] };
 */
export interface ConditionsCovered {
  /** The rule. */
  ruleId: string;
  /** The version that decided the passing vectors counted here. */
  version: number;
  /** Passing vectors decided in force by this version. */
  passed: number;
  /** Each condition of the version: in how many of those vectors it held, and in how many it failed. */
  conditions: { id: string; holdsIn: number; failsIn: number }[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

let cache: readonly TestVector[] | undefined;

function allVectors(): readonly TestVector[] {
  if (cache) return cache;
  const rules = BUNDLED_RULES.filter((s) => /\/v\d+\.json$/.test(s.path)).map((s) => s.json as RuleFile);
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version));
  return (cache = Object.freeze(rules.flatMap((rule) => exampleVectors(rule).map(deepFreeze))));
}

/**
 * The worked examples of one rule version as test vectors (fresh copies). {@link getTestVectors} gives
 * those of the shipped rules; this serves a rule file of your own (or of a `--rules` folder).
 *
 * @category Testing
 * @example
 * exampleVectors(defaultEngine().ruleSet.version("sjz-2025/absorption-subsidy").file)[0].id //=> "sjz-2025/absorption-subsidy@1#1"
 */
export function exampleVectors(rule: RuleFile): TestVector[] {
  return rule.examples.map((e, i) => ({
    id: `${rule.id}@${rule.version}#${i + 1}`,
    ruleId: rule.id,
    version: rule.version,
    kind: rule.kind,
    description: { ...e.description },
    on: e.on,
    facts: structuredClone(e.facts),
    ...(e.expected !== undefined ? { expected: structuredClone(e.expected) as TestVectorExpectation } : {}),
    ...(e.rejects !== undefined ? { rejects: [...e.rejects] } : {}),
    outcomeFields: Object.keys(rule.outcome),
    ...(e.working !== undefined ? { working: e.working } : {}),
  }));
}

/**
 * The worked examples of the shipped rules as test vectors, in rule id and version order. The vectors
 * are frozen; they are the same data the package's own tests run.
 *
 * @category Testing
 * @example
 * getTestVectors({ ruleId: "sjz-2025/absorption-subsidy" }).length //=> 25
 * getTestVectors().every((v) => v.expected !== undefined || v.rejects !== undefined) //=> true
 */
export function getTestVectors(filter: TestVectorFilter = {}): TestVector[] {
  return allVectors().filter(
    (v) =>
      (filter.ruleId === undefined || v.ruleId === filter.ruleId) &&
      (filter.version === undefined || v.version === filter.version) &&
      (filter.document === undefined || v.ruleId.startsWith(`${filter.document}/`)) &&
      (filter.kind === undefined || v.kind === filter.kind),
  );
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function asDecimal(value: unknown): Dec | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return new Dec(value);
  if (typeof value === "string" && DECIMAL.test(value)) return new Dec(value);
  return undefined;
}

function same(expected: unknown, actual: unknown, numbers: CheckOptions["numbers"]): boolean {
  if (Object.is(expected, actual)) return true;
  if (numbers !== "strict") {
    const a = asDecimal(expected);
    const b = asDecimal(actual);
    if (a && b) return a.eq(b);
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((x, i) => same(x, actual[i], numbers));
  }
  if (expected && actual && typeof expected === "object" && typeof actual === "object" && !Array.isArray(expected) && !Array.isArray(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].every((k) => same((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], numbers));
  }
  return false;
}

const show = (v: unknown): string => (v === undefined ? "nothing" : v instanceof Error ? `${v.name}: ${v.message}` : JSON.stringify(v));

function mismatch(vector: TestVector, field: string, expected: unknown, actual: unknown, message?: string): VectorMismatch {
  return {
    vector: vector.id,
    description: { ...vector.description },
    on: vector.on,
    field,
    expected,
    actual,
    message: message ?? `${field}: expected ${show(expected)}, got ${show(actual)}`,
  };
}

function isDecisionLike(r: ImplementationResult): r is Extract<ImplementationResult, { outcome: unknown }> {
  const outcome = (r as { outcome?: unknown }).outcome;
  return outcome !== null && typeof outcome === "object" && !Array.isArray(outcome);
}

/**
 * Run your implementation on one vector and list how its result differs (an empty list when it matches).
 *
 * @category Testing
 * @example
 * for (const vector of getTestVectors({ ruleId: "sjz-2025/absorption-subsidy" })) {
 *   it(vector.description.en, async () => expect(await checkVector(vector, mySubsidy)).toEqual([]));
 * }
 */
export async function checkVector(vector: TestVector, implementation: Implementation, options: CheckOptions = {}): Promise<VectorMismatch[]> {
  const context = { on: vector.on, ruleId: vector.ruleId, version: vector.version };
  let result: ImplementationResult;
  try {
    result = await implementation(structuredClone(vector.facts) as Record<string, unknown>, context);
  } catch (error) {
    if (!vector.rejects) return [mismatch(vector, "error", vector.expected, error, `threw ${show(error)}, expected a result`)];
    const issues = (error as { issues?: unknown })?.issues;
    if (!Array.isArray(issues)) return [];
    const paths = issues.map((i) => String((i as { path?: unknown })?.path));
    return vector.rejects
      .filter((p) => !paths.includes(p))
      .map((p) => mismatch(vector, "rejects", p, paths, `rejected the facts but named no problem at "${p}" (named: ${paths.join(", ") || "none"})`));
  }
  if (vector.rejects) {
    return [mismatch(vector, "rejects", vector.rejects, result, `expected the facts to be rejected (${vector.rejects.join(", ")}), got ${show(result)}`)];
  }
  const expected = vector.expected ?? {};
  const out: VectorMismatch[] = [];
  const decision = isDecisionLike(result) ? result : undefined;
  const outcome: Readonly<Record<string, unknown>> = decision ? decision.outcome : (result as Readonly<Record<string, unknown>>);
  if (decision && expected.inForce !== undefined && decision.inForce !== undefined && decision.inForce !== expected.inForce) {
    out.push(mismatch(vector, "inForce", expected.inForce, decision.inForce));
  }
  if (decision && expected.applicable !== undefined && decision.applicable !== undefined && decision.applicable !== expected.applicable) {
    out.push(mismatch(vector, "applicable", expected.applicable, decision.applicable));
  }
  const fields = options.fields ?? vector.outcomeFields;
  for (const [field, value] of Object.entries(expected.outcome ?? {})) {
    if (!fields.includes(field)) continue;
    const actual = outcome?.[field];
    if (!same(value, actual, options.numbers)) out.push(mismatch(vector, `outcome.${field}`, value, actual));
  }
  if (decision?.conditions) {
    const holds = new Map(decision.conditions.map((c) => [c.id, c.holds]));
    for (const [list, want] of [[expected.holds, true], [expected.fails, false]] as const) {
      for (const id of list ?? []) {
        if (holds.has(id) && holds.get(id) !== want) out.push(mismatch(vector, `conditions.${id}`, want, holds.get(id), `condition ${id}: expected it to ${want ? "hold" : "fail"}`));
      }
    }
  }
  return out;
}

/**
 * Run your implementation of a rule against every vector of that rule (or of a filter) and report
 * each mismatch. Never throws for a mismatch: assert on `report.ok` or `report.mismatches`.
 *
 * @category Testing
 * @param rule - a rule id, a {@link TestVectorFilter}, or a list of vectors (e.g. the generated ones of `vectors.json`)
 * @param implementation - your implementation: `(facts, { on, ruleId, version }) => result`
 * @example
 * const report = await checkImplementation("sjz-2025/absorption-subsidy", (facts, { on }) => mySubsidy(facts, on));
 * expect(report.mismatches).toEqual([]);
 */
export async function checkImplementation<Id extends string>(
  // KnownRuleId: a misspelt literal id is a compile error, and editors complete the ids.
  rule: KnownRuleId<Id> | TestVectorFilter | readonly TestVector[],
  implementation: Implementation,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const vectors = isVectorList(rule) ? rule : getTestVectors(typeof rule === "string" ? { ruleId: rule } : rule);
  if (vectors.length === 0) throw new RangeError(`no test vectors for ${isVectorList(rule) ? "an empty list" : JSON.stringify(rule)}`);
  const report: CheckReport = { ok: true, checked: 0, passed: 0, failed: 0, skipped: 0, mismatches: [], failures: [], covered: [] };
  const passing: TestVector[] = [];
  for (const vector of vectors) {
    if (vector.rejects && options.rejects === "skip") {
      report.skipped++;
      continue;
    }
    report.checked++;
    let actual: unknown;
    const recording: Implementation = async (facts, context) => {
      try {
        return (actual = await implementation(facts, context));
      } catch (error) {
        actual = { threw: show(error) };
        throw error;
      }
    };
    const found = await checkVector(vector, recording, options);
    if (found.length === 0) {
      report.passed++;
      passing.push(vector);
    } else {
      report.failed++;
      report.mismatches.push(...found);
      report.failures.push({
        vector: vector.id,
        description: { ...vector.description },
        on: vector.on,
        facts: vector.facts,
        expected: vector.expected ?? { rejects: vector.rejects ?? [] },
        actual: structuredClone(actual),
      });
    }
  }
  report.ok = report.failed === 0;
  report.covered = conditionsCovered(passing);
  return report;
}

function isVectorList(rule: unknown): rule is readonly TestVector[] {
  return Array.isArray(rule);
}

/** Count, per rule version, how often each condition held and failed over the passing vectors (decided by this library). */
function conditionsCovered(passing: readonly TestVector[]): ConditionsCovered[] {
  const engine = defaultEngine();
  const out = new Map<string, ConditionsCovered>();
  for (const v of passing) {
    if (v.rejects) continue;
    let decision;
    try {
      decision = engine.evaluate(v.ruleId, v.facts, { on: v.on, explain: false });
    } catch {
      continue; // a vector of a rule this library does not ship (a list of your own): not counted
    }
    if (!decision.inForce) continue;
    const key = `${v.ruleId}@${decision.version}`;
    let entry = out.get(key);
    if (!entry) {
      entry = { ruleId: v.ruleId, version: decision.version, passed: 0, conditions: decision.conditions.map((c) => ({ id: c.id, holdsIn: 0, failsIn: 0 })) };
      out.set(key, entry);
    }
    entry.passed++;
    decision.conditions.forEach((c, i) => (c.holds ? entry.conditions[i]!.holdsIn++ : entry.conditions[i]!.failsIn++));
  }
  return [...out.values()];
}

/**
 * A report as text: one line of counts, then each mismatch with its vector.
 *
 * @category Testing
 * @example
 * formatReport(report)
 * //=> "3 of 22 vectors differ (19 passed, 0 skipped)\n  sjz-2025/absorption-subsidy@1#7 (2025-06-01) A 3,000,000 yuan …: outcome.amount: expected \"200000.00\", got \"150000.00\"\n…"
 */
export function formatReport(report: CheckReport): string {
  const head = report.ok
    ? `all ${report.checked} vectors match (${report.skipped} skipped)`
    : `${report.failed} of ${report.checked} vectors differ (${report.passed} passed, ${report.skipped} skipped)`;
  return [head, ...report.mismatches.map((m) => `  ${m.vector} (${m.on}) ${m.description.en}: ${m.message}`)].join("\n");
}
