import { defaultEngine, type Engine } from "../api.js";
import { compileTree, type Compiled } from "../engine/compile.js";
import type { OutcomeValue } from "../engine/decision.js";
import { formatOutcome } from "../engine/format-outcome.js";
import type { EvalEnv } from "../engine/jjj-ops.js";
import { parseFacts } from "../engine/reference-decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { truthy } from "../engine/truthy.js";
import { Dec } from "../exact/decimal.js";
import { childNodes, operationName } from "../logic/walk.js";
import type { LogicNode } from "../logic/tree.js";
import type { Example } from "../schema/rule-file.js";

/*
 * Condition coverage of the worked examples (issue #17): for each rule version, over its examples,
 * whether each named condition and each atomic comparison inside it is true in one example and false in
 * another, whether each was shown to decide on its own (MC/DC, masking allowed), and whether each branch
 * of the outcome was reached. It reads the typed logic tree (version.conditions[i].tree), never the raw
 * JSON-logic, and runs the version's compiled closures (the reference path) on each example's facts.
 *
 * Definitions (docs/testing.md, "Condition coverage"):
 * - a decision's result is its `applicable` and its formatted outcome;
 * - a condition C is shown independent by a pair of in-force examples e1, e2 of the version where C
 *   differs, the result differs, forcing C to its other value in e1 alone changes e1's result, and every
 *   other condition that differs between e1 and e2 is masked in both (forcing it alone to its other
 *   value changes neither's result): masking MC/DC;
 * - an atom is a maximal sub-expression of a condition under its connectives (and, or, !, !!, if: the
 *   operations whose symbolic form is a junction, truthiness or choice)
 *   that is not a literal or a reference to another condition; it is shown independent by a pair where
 *   it differs, the condition differs, and every other differing atom is masked in both;
 * - branches: each branch of every `if` reached, each operand of every min/max chosen (a tie counts for
 *   each operand equal to the result), a half-fen tie of every money outcome computed by multiplying or
 *   dividing, a tie of every explicit `jjj.round`, `applicable` true and false, and "not in force" (an
 *   example on a date when no version decides) for the rule's first version.
 */

// What a node does, read from its operation's descriptor (src/ops), never from its name.
type Node = LogicNode;
const symbolic = (n: Node) => (n.op?.symbolic?.kind ?? "") as string;
/** and, or, !, !!, if: the connectives a condition's atoms sit under. */
const isConnective = (n: Node) => ["junction", "truthiness", "choice"].includes(symbolic(n));
const isChoice = (n: Node) => symbolic(n) === "choice";
/** min and max (exact or not): each operand may be the one chosen. */
const isChoosing = (n: Node) => n.op?.arithmetic === "min" || n.op?.arithmetic === "max";
/** A product or quotient: a money result past it may need the final rounding to the fen. */
const isScaling = (n: Node) => n.op?.arithmetic === "mul" || n.op?.arithmetic === "div";
const isRounding = (n: Node) => n.op?.rounding !== undefined;

/**
 * One coverage goal and whether the examples reach it.
 *
 * @category Testing
 * @example
 * const g: CoverageGoal = { goal: "true", covered: true, by: [2] };
 */
export interface CoverageGoal {
  /** What is to be shown: `true`, `false`, `independent`, or a branch name. */
  goal: string;
  /** Whether some example (or pair) shows it. */
  covered: boolean;
  /** The examples (1-based, as in the vector ids `<rule>@<version>#<n>`) that show it. */
  by: number[];
  /** Why it is not shown (when `covered` is false), or why no example can show it. */
  why?: string;
  /**
   * Set when no facts can reach the goal (a comparison that reads no input, a rounding tie no input
   * value gives): the goal is listed with its reason and left out of the counts.
   */
  unreachable?: true;
}

/**
 * The coverage of one condition, or one atomic comparison inside it.
 *
 * @category Testing
 * @example
 * const c: ConditionCoverage = { id: "amountAtLeastThreshold", pointer: "", goals: [] };
 */
export interface ConditionCoverage {
  /** The condition's id. */
  id: string;
  /** For an atom: its JSON pointer inside the condition (`/and/1`); `""` for the whole condition. */
  pointer: string;
  /** The atom as written, for a reader (omitted for a whole condition). */
  atom?: unknown;
  /** Its goals: `true`, `false`, `independent`. */
  goals: CoverageGoal[];
}

/**
 * The coverage of one rule version by its worked examples.
 *
 * @category Testing
 * @example
 * const [v] = conditionCoverage("sjz-2025/absorption-subsidy");
 * v.percent //=> 100
 */
export interface VersionCoverage {
  /** The rule id. */
  ruleId: string;
  /** The version. */
  version: number;
  /** Examples of the version: all, and those decided in force. */
  examples: number;
  /** Conditions and atoms with their goals. */
  conditions: ConditionCoverage[];
  /** Outcome branches with their goals (`goal` names the branch: `/if/1 then`, `/jjj.min/0 chosen`, `amount half-fen tie`…). */
  branches: CoverageGoal[];
  /** Goals met. */
  covered: number;
  /** Goals in all. */
  total: number;
  /** covered / total × 100, rounded down to a whole per cent (100 only when every goal is met). */
  percent: number;
}

/**
 * Condition coverage of the shipped rules: totals and every version.
 *
 * @category Testing
 * @example
 * conditionCoverage().length > 0 //=> true
 */
export type CoverageReport = VersionCoverage[];

interface Run {
  /** 1-based example number. */
  n: number;
  facts: Readonly<Record<string, unknown>>;
  data: Record<string, unknown>;
  on: string;
  conditions: boolean[];
  /** Per condition, the atom values (undefined when an atom could not be evaluated). */
  atoms: (boolean | undefined)[][];
  result: string;
  env: EvalEnv;
}

/** The atoms of a condition: its maximal sub-expressions under connectives, skipping literals and condition references. */
function atomsOf(tree: LogicNode): LogicNode[] {
  const out: LogicNode[] = [];
  const visit = (node: LogicNode): void => {
    if (operationName(node) === undefined) return; // a literal or a list
    if (isConnective(node)) {
      for (const child of childNodes(node)) visit(child);
      return;
    }
    if (node.reference?.kind === "condition") return;
    out.push(node);
  };
  visit(tree);
  return out;
}

class Evaluator {
  private readonly compiled = new Map<LogicNode, Compiled>();
  constructor(private readonly version: LoadedRuleVersion) {}

  value(node: LogicNode, data: unknown, env: EvalEnv): unknown {
    let fn = this.compiled.get(node);
    if (!fn) this.compiled.set(node, (fn = compileTree(node)));
    return fn(data, env);
  }

  /** A condition's truth with one atom forced to a value, evaluating the connectives here. */
  condition(node: LogicNode, data: unknown, env: EvalEnv, forced?: { atom: LogicNode; value: boolean }): boolean {
    const ev = (n: LogicNode): unknown => {
      if (forced && n === forced.atom) return forced.value;
      if (operationName(n) === undefined || !isConnective(n)) return this.value(n, data, env);
      const kids = childNodes(n);
      const form = n.op!.symbolic!;
      if (form.kind === "junction") {
        // and stops on a falsy operand, or on a truthy one; each returns the operand that decides.
        let last: unknown = !form.stopsOn;
        for (const k of kids) if (truthy((last = ev(k))) === form.stopsOn) return last;
        return last;
      }
      if (form.kind === "truthiness") return truthy(ev(kids[0]!)) !== form.negated;
      let i = 0;
      for (; i + 1 < kids.length; i += 2) if (truthy(ev(kids[i]!))) return ev(kids[i + 1]!);
      return i < kids.length ? ev(kids[i]!) : null;
    };
    return truthy(ev(node));
  }

  /** Decide on data, with one condition forced: the conditions' truths and the result as text. */
  decide(data: Record<string, unknown>, on: string, forced?: { index: number; value: boolean }): { conditions: boolean[]; result: string; env: EvalEnv } {
    const v = this.version;
    const env: EvalEnv = { params: v.params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on };
    const applicable = v.applicable ? truthy(v.applicable.fn(data, env)) : true;
    const conditions = v.conditions.map(({ spec, fn }, i) => {
      const holds = forced?.index === i ? forced.value : truthy(fn(data, env));
      env.conditions[spec.id] = holds;
      return holds;
    });
    const outcome: Record<string, OutcomeValue> = {};
    for (const field of v.outcome) {
      const raw = field.fn(data, env);
      env.outcome[field.name] = raw;
      outcome[field.name] = formatOutcome(raw, field.spec.type, field.name);
    }
    return { conditions, result: JSON.stringify({ applicable, outcome }), env };
  }
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * The condition and branch coverage of one rule version by its worked examples.
 *
 * @category Testing
 * @example
 * const version = defaultEngine().ruleSet.version("sjz-2025/absorption-subsidy");
 * versionCoverage(version, defaultEngine()).percent //=> 100
 */
export function versionCoverage(version: LoadedRuleVersion, engine: Engine = defaultEngine()): VersionCoverage {
  const file = version.file;
  const ev = new Evaluator(version);
  const atomLists = version.conditions.map((c) => atomsOf(c.tree));
  const runs: Run[] = [];
  let notInForce: number[] = [];
  file.examples.forEach((example: Example, i) => {
    if (example.rejects) return;
    const n = i + 1;
    const decision = attempt(() => engine.evaluate(file.id, example.facts, { on: example.on, explain: false }));
    if (!decision) return;
    if (!decision.inForce) {
      notInForce.push(n);
      return;
    }
    if (decision.version !== file.version) return;
    const data = parseFacts(version, example.facts);
    const { conditions, result, env } = ev.decide(data, example.on);
    const atoms = version.conditions.map((c, ci) => atomLists[ci]!.map((a) => attempt(() => truthy(ev.value(a, data, env)))));
    runs.push({ n, facts: example.facts, data, on: example.on, conditions, atoms, result, env });
  });

  // Masking: forcing a condition alone to its other value leaves the run's result as it is.
  const flipCache = new Map<string, string | undefined>();
  const flipped = (run: Run, index: number): string | undefined => {
    const key = `${run.n}:${index}`;
    if (!flipCache.has(key)) flipCache.set(key, attempt(() => ev.decide(run.data, run.on, { index, value: !run.conditions[index] }).result));
    return flipCache.get(key);
  };
  const masked = (run: Run, index: number) => flipped(run, index) === run.result;

  const conditions: ConditionCoverage[] = [];
  const linked = linkedConditions(version);
  version.conditions.forEach((c, ci) => {
    const id = c.spec.id;
    const whole = conditionGoals(
      runs.map((r) => r.conditions[ci]),
      runs,
      (a, b) => {
        if (a.result === b.result) return false;
        if (flipped(a, ci) === a.result) return false;
        // A condition built on this one (or this one's parts) changes with it: that is how it acts, not another cause.
        return a.conditions.every((v, j) => j === ci || linked[ci]!.has(j) || v === b.conditions[j] || (masked(a, j) && masked(b, j)));
      },
      () => independenceWhy(version, ci, runs, flipped),
    );
    conditions.push({ id, pointer: "", goals: whole });
    const atoms = atomLists[ci]!;
    if (atoms.length < 2) return; // a single atom is the condition itself
    atoms.forEach((atom, ai) => {
      const atomMasked = (run: Run, aj: number) =>
        attempt(() => ev.condition(c.tree, run.data, run.env, { atom: atoms[aj]!, value: !run.atoms[ci]![aj] })) === run.conditions[ci];
      const goals = conditionGoals(
        runs.map((r) => r.atoms[ci]![ai]),
        runs,
        (a, b) =>
          a.conditions[ci] !== b.conditions[ci] &&
          atoms.every((_, aj) => aj === ai || a.atoms[ci]![aj] === b.atoms[ci]![aj] || (atomMasked(a, aj) && atomMasked(b, aj))),
        () => "no pair of examples where this comparison alone changes the condition (the others equal, or masked)",
      );
      if (readsNoFacts(atom)) {
        for (const g of goals) if (!g.covered) Object.assign(g, { unreachable: true, why: "the comparison reads no input and not the date: the rule's parameters fix its value" });
      }
      conditions.push({ id, pointer: atom.pointer, atom: atom.source, goals });
    });
  });

  const branches = branchGoals(version, runs, ev);
  const first = engine.ruleSet.versions(file.id)[0] === version || engine.ruleSet.versions(file.id)[0]?.file.version === file.version;
  if (first) {
    notInForce = [...new Set(notInForce)];
    branches.push({ goal: "not in force", covered: notInForce.length > 0, by: notInForce, ...(notInForce.length === 0 && { why: "no example on a date when no version is in force" }) });
  }
  const goals = [...conditions.flatMap((c) => c.goals), ...branches].filter((g) => !g.unreachable);
  const covered = goals.filter((g) => g.covered).length;
  return {
    ruleId: file.id,
    version: file.version,
    examples: file.examples.length,
    conditions,
    branches,
    covered,
    total: goals.length,
    percent: goals.length === 0 ? 100 : Math.floor((covered * 100) / goals.length),
  };
}

function conditionGoals(values: (boolean | undefined)[], runs: Run[], independentPair: (a: Run, b: Run) => boolean, why: () => string): CoverageGoal[] {
  const whereIs = (want: boolean) => runs.filter((_, i) => values[i] === want).map((r) => r.n);
  const t = whereIs(true);
  const f = whereIs(false);
  let pair: number[] | undefined;
  search: for (let i = 0; i < runs.length; i++) {
    for (let j = 0; j < runs.length; j++) {
      if (values[i] !== true || values[j] !== false) continue;
      if (independentPair(runs[i]!, runs[j]!) || independentPair(runs[j]!, runs[i]!)) {
        pair = [runs[i]!.n, runs[j]!.n];
        break search;
      }
    }
  }
  return [
    { goal: "true", covered: t.length > 0, by: t.slice(0, 3), ...(t.length === 0 && { why: "true in no example" }) },
    { goal: "false", covered: f.length > 0, by: f.slice(0, 3), ...(f.length === 0 && { why: "false in no example" }) },
    { goal: "independent", covered: pair !== undefined, by: pair ?? [], ...(pair === undefined && { why: why() }) },
  ];
}

/** Why a condition was not shown to decide on its own, as precisely as the examples tell. */
function independenceWhy(version: LoadedRuleVersion, ci: number, runs: Run[], flipped: (r: Run, i: number) => string | undefined): string {
  const id = version.conditions[ci]!.spec.id;
  const read = version.outcome.some((f) => reads(f.tree, id)) || version.conditions.some((c, j) => j > ci && reads(c.tree, id));
  if (!read) return `the outcome never reads ${id}: it is reported, but decides nothing`;
  if (runs.length > 0 && runs.every((r) => flipped(r, ci) === r.result)) return `masked in every example: forcing ${id} alone changes no example's outcome (another condition decides)`;
  return "no pair of examples where it alone changes and the outcome changes";
}

/** For each condition, the conditions it reads or that read it, directly or through others. */
function linkedConditions(version: LoadedRuleVersion): Set<number>[] {
  const ids = version.conditions.map((c) => c.spec.id);
  const direct = version.conditions.map((c) => new Set(ids.flatMap((id, j) => (reads(c.tree, id) ? [j] : []))));
  const upstream = (i: number, seen = new Set<number>()): Set<number> => {
    for (const j of direct[i]!) if (!seen.has(j)) (seen.add(j), upstream(j, seen));
    return seen;
  };
  const up = ids.map((_, i) => upstream(i));
  return ids.map((_, i) => new Set([...up[i]!, ...ids.flatMap((__, j) => (up[j]!.has(i) ? [j] : []))]));
}

/** Whether an expression reads neither an input nor the evaluation date (its value is fixed by parameters). */
function readsNoFacts(tree: LogicNode): boolean {
  let facts = false;
  const visit = (n: LogicNode) => {
    if (n.reference?.kind === "input" || n.op?.reference === "evaluationDate") facts = true;
    else if (n.op?.reference === undefined) childNodes(n).forEach(visit);
  };
  visit(tree);
  return !facts;
}

function reads(tree: LogicNode, id: string): boolean {
  if (tree.reference?.kind === "condition" && tree.reference.name === id) return true;
  if (tree.op?.reference !== undefined) return false;
  return childNodes(tree).some((c) => reads(c, id));
}

function branchGoals(version: LoadedRuleVersion, runs: Run[], ev: Evaluator): CoverageGoal[] {
  const goals = new Map<string, number[]>();
  const ties = new Map<string, LogicNode>();
  const want = (goal: string, tie?: LogicNode) => {
    if (tie) ties.set(goal, tie);
    return goals.get(goal) ?? (goals.set(goal, []), goals.get(goal)!);
  };
  const reach = (goal: string, n: number) => {
    const by = want(goal);
    if (!by.includes(n)) by.push(n);
  };
  if (version.applicable) {
    want("applicable true");
    want("applicable false");
  }
  // The goals first, so that a branch no example reaches is listed too.
  for (const field of version.outcome) {
    declare(field.tree, field.name, want);
    if (field.spec.type === "money" && needsFenRounding(field.tree)) want(`${field.name}: a half-fen tie`);
  }
  for (const run of runs) {
    if (version.applicable) reach(`applicable ${JSON.parse(run.result).applicable}`, run.n);
    for (const field of version.outcome) {
      walk(field.tree, field.name, run, ev, reach);
      if (field.spec.type === "money" && needsFenRounding(field.tree)) {
        const raw = attempt(() => new Dec(String(run.env.outcome[field.name])));
        if (raw && raw.mul(100).mod(1).abs().eq(0.5)) reach(`${field.name}: a half-fen tie`, run.n);
      }
    }
  }
  return [...goals].map(([goal, by]) => {
    if (by.length > 0) return { goal, covered: true, by: by.slice(0, 3) };
    const tie = ties.get(goal);
    const none = tie && runs[0] ? noTieWhy(version, tie, runs[0], ev) : undefined;
    return { goal, covered: false, by, why: none ?? "reached by no example", ...(none !== undefined && { unreachable: true as const }) };
  });
}

/**
 * Integer values tried (0 to this) when looking for a rounding tie of an expression of one integer input;
 * when none ties, the tie goal is reported unreachable, with this bound in its reason.
 *
 * @category Testing
 * @example
 * MAX_TIE_SEARCH //=> 10000
 */
export const MAX_TIE_SEARCH = 10_000;

/**
 * Why no facts give a tie at a `jjj.round` whose operand reads one integer input and otherwise only
 * parameters: every value 0…MAX_TIE_SEARCH was tried (undefined when some value ties, or the operand
 * reads more, so an example is still wanted).
 */
function noTieWhy(version: LoadedRuleVersion, node: LogicNode, run: Run, ev: Evaluator): string | undefined {
  const [operand, placesNode] = childNodes(node);
  if (!operand) return undefined;
  const inputs = new Set<string>();
  let date = false;
  const visit = (n: LogicNode) => {
    if (n.reference?.kind === "input") inputs.add(n.reference.name);
    else if (n.op?.reference === "evaluationDate") date = true;
    else if (n.op?.reference === undefined) childNodes(n).forEach(visit);
  };
  visit(operand);
  const [input] = [...inputs];
  if (date || inputs.size !== 1 || version.file.inputs[input!]?.type !== "integer") return undefined;
  const places = placesNode === undefined ? 2 : Number(placesNode.source);
  const scale = new Dec(10).pow(places);
  for (let v = 0; v <= MAX_TIE_SEARCH; v++) {
    const x = attempt(() => new Dec(String(ev.value(operand, { ...run.data, [input!]: v }, run.env))));
    if (x && x.mul(scale).mod(1).abs().eq(0.5)) return undefined;
  }
  return `no value of ${input} from 0 to ${MAX_TIE_SEARCH} gives a tie at ${places} places (a quotient whose denominator has too few factors of 2)`;
}

/** Whether a money field multiplies or divides outside any explicit rounding: then the final half-up to the fen can meet a tie. */
function needsFenRounding(tree: LogicNode): boolean {
  let found = false;
  const visit = (n: LogicNode) => {
    if (isRounding(n)) return;
    if (isScaling(n)) found = true;
    if (n.op?.reference === undefined) childNodes(n).forEach(visit);
  };
  visit(tree);
  return found;
}

/** A rounding whose mode treats a tie apart (half-up, half-even): only there is a tie a case of its own. */
function halfMode(node: LogicNode): boolean {
  const r = node.op!.rounding!([...(node.args ?? [])]);
  return r === undefined || r.mode.startsWith("half");
}

const label = (field: string, node: LogicNode, what: string) => `${field}${node.pointer}: ${what}`;

function declare(node: LogicNode, field: string, want: (goal: string, tie?: LogicNode) => void): void {
  if (operationName(node) !== undefined && node.op?.reference === undefined) {
    const kids = childNodes(node);
    if (isChoice(node)) {
      for (let i = 0; i + 1 < kids.length; i += 2) want(label(field, node, `branch ${i / 2 + 1} (then)`));
      want(label(field, node, kids.length % 2 === 1 ? "else" : "no branch"));
    } else if (isChoosing(node) && kids.length > 1) {
      kids.forEach((_, i) => want(label(field, node, `operand ${i + 1} chosen`)));
    } else if (isRounding(node) && halfMode(node)) {
      want(label(field, node, "a rounding tie"), node);
    }
    kids.forEach((k) => declare(k, field, want));
  }
}

/** Mark the branches one run reaches, descending only into the taken branch of an `if`. */
function walk(node: LogicNode, field: string, run: Run, ev: Evaluator, reach: (goal: string, n: number) => void): void {
  if (operationName(node) === undefined || node.op?.reference !== undefined) return;
  const kids = childNodes(node);
  const value = (n: LogicNode) => attempt(() => ev.value(n, run.data, run.env));
  if (isChoice(node)) {
    let i = 0;
    for (; i + 1 < kids.length; i += 2) {
      walk(kids[i]!, field, run, ev, reach);
      if (truthy(value(kids[i]!))) {
        reach(label(field, node, `branch ${i / 2 + 1} (then)`), run.n);
        walk(kids[i + 1]!, field, run, ev, reach);
        return;
      }
    }
    reach(label(field, node, i < kids.length ? "else" : "no branch"), run.n);
    if (i < kids.length) walk(kids[i]!, field, run, ev, reach);
    return;
  }
  if (isChoosing(node) && kids.length > 1) {
    const result = value(node);
    kids.forEach((k, i) => {
      const v = value(k);
      if (result !== undefined && v !== undefined && sameNumber(v, result)) reach(label(field, node, `operand ${i + 1} chosen`), run.n);
    });
  } else if (isRounding(node) && halfMode(node)) {
    const x = attempt(() => new Dec(String(value(kids[0]!))));
    const places = Number(kids[1] ? value(kids[1]) : 0);
    if (x && Number.isInteger(places) && x.mul(new Dec(10).pow(places)).mod(1).abs().eq(0.5)) reach(label(field, node, "a rounding tie"), run.n);
  }
  kids.forEach((k) => walk(k, field, run, ev, reach));
}

function sameNumber(a: unknown, b: unknown): boolean {
  const x = attempt(() => new Dec(String(a)));
  const y = attempt(() => new Dec(String(b)));
  return x !== undefined && y !== undefined ? x.eq(y) : Object.is(a, b);
}

/**
 * Condition and branch coverage of the worked examples, for one rule or every shipped rule: each
 * condition and each comparison inside it true in some example and false in another and shown to decide
 * on its own (MC/DC, masking allowed), and each branch of the outcome reached. See docs/testing.md.
 *
 * @category Testing
 * @param ruleId - one rule (default: every rule of the engine's set)
 * @example
 * const report = conditionCoverage("sjz-2025/absorption-subsidy");
 * report.every((v) => v.percent === 100) //=> true
 */
export function conditionCoverage(ruleId?: string, engine: Engine = defaultEngine()): CoverageReport {
  const ids = ruleId === undefined ? engine.ruleSet.ruleIds() : [ruleId];
  return ids.flatMap((id) => engine.ruleSet.versions(id).map((v) => versionCoverage(v, engine)));
}

/**
 * The totals of a coverage report: goals met, goals in all, and the per cent (rounded down).
 *
 * @category Testing
 * @example
 * coverageTotals(conditionCoverage()) //=> { versions: 96, complete: 96, covered: 1234, total: 1234, percent: 100 }
 */
export function coverageTotals(report: CoverageReport): { versions: number; complete: number; covered: number; total: number; percent: number } {
  const covered = report.reduce((n, v) => n + v.covered, 0);
  const total = report.reduce((n, v) => n + v.total, 0);
  return { versions: report.length, complete: report.filter((v) => v.covered === v.total).length, covered, total, percent: total === 0 ? 100 : Math.floor((covered * 100) / total) };
}
