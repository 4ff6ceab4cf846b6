import type { RuleFile } from "../schema/rule-file.js";
import { canonicalJson } from "../engine/hash.js";
import { bilingual, clip } from "./format.js";
import type { LogicChange } from "./types.js";
import { operation } from "../ops/index.js";

/** Whether an operation names a declared thing (an input, parameter, condition or outcome field) by its operand. */
function namesDeclared(op: string): boolean {
  const kind = operation(op)?.reference;
  return kind !== undefined && kind !== "evaluationDate";
}

function isOperation(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === "object" && !Array.isArray(node) && Object.keys(node).length === 1;
}

/**
 * A JSON-logic expression in one short line: references as `jjj.param "cap"`, operations as
 * `jjj.min(jjj.param "cap", jjj.add(…))`, literals as JSON. Long renderings are clipped.
 *
 * @example
 * renderLogic({ "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] })
 * //=> 'jjj.gte(var "contractAmount", jjj.param "threshold")'
 */
export function renderLogic(node: unknown, max = 140): string {
  return clip(render(node, 0), max);
}

function render(node: unknown, depth: number): string {
  if (depth > 6) return "…";
  if (Array.isArray(node)) return `[${node.map((n) => render(n, depth + 1)).join(", ")}]`;
  if (isOperation(node)) {
    const op = Object.keys(node)[0]!;
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (namesDeclared(op) && args.length === 1 && typeof args[0] === "string") return `${op} ${JSON.stringify(args[0])}`;
    if (operation(op)?.reference === "evaluationDate") return `${op}()`;
    return `${op}(${args.map((a) => render(a, depth + 1)).join(", ")})`;
  }
  if (node !== null && typeof node === "object") return JSON.stringify(node);
  return JSON.stringify(node) ?? "undefined";
}

/** Pairs of indexes of equal items (longest common subsequence), to align operand lists. */
function align(a: readonly unknown[], b: readonly unknown[]): [number, number][] {
  const ka = a.map(canonicalJson);
  const kb = b.map(canonicalJson);
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = ka[i] === kb[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

type Emit = (at: string[], change: LogicChange["change"], from: unknown, to: unknown) => void;

/** Walk two expressions side by side and emit each smallest subexpression that differs. */
function diffNode(a: unknown, b: unknown, at: string[], emit: Emit): void {
  if (canonicalJson(a) === canonicalJson(b)) return;
  if (isOperation(a) && isOperation(b)) {
    const op = Object.keys(a)[0]!;
    if (Object.keys(b)[0] === op && !namesDeclared(op)) {
      const ra = a[op];
      const rb = b[op];
      diffList(Array.isArray(ra) ? ra : [ra], Array.isArray(rb) ? rb : [rb], (i) => [...at, `${op}[${i}]`], emit);
      return;
    }
  } else if (Array.isArray(a) && Array.isArray(b)) {
    diffList(a, b, (i) => [...at, `[${i}]`], emit);
    return;
  }
  emit(at, "changed", a, b);
}

function diffList(a: readonly unknown[], b: readonly unknown[], seg: (i: number) => string[], emit: Emit): void {
  if (a.length === b.length) {
    a.forEach((item, i) => diffNode(item, b[i], seg(i), emit));
    return;
  }
  // Different lengths: keep the equal operands aligned, pair the rest in order, report the extra ones.
  const anchors = [...align(a, b), [a.length, b.length] as [number, number]];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of anchors) {
    const gapA = ai - i;
    const gapB = bj - j;
    const paired = Math.min(gapA, gapB);
    for (let k = 0; k < paired; k++) diffNode(a[i + k], b[j + k], seg(j + k), emit);
    for (let k = paired; k < gapA; k++) emit(seg(i + k), "removed", a[i + k], undefined);
    for (let k = paired; k < gapB; k++) emit(seg(j + k), "added", undefined, b[j + k]);
    i = ai + 1;
    j = bj + 1;
  }
}

/**
 * The differences between two JSON-logic expressions as readable paths: each smallest subexpression
 * that differs, located by the operation and operand index at each level (`if[1] jjj.min[0]`).
 *
 * @example
 * diffLogic("outcome.amount", { "jjj.min": [{ "jjj.param": "cap" }, { var: "x" }] }, { "jjj.min": ["800000", { var: "x" }] })[0].text
 * //=> 'outcome.amount: jjj.min[0] changed: jjj.param "cap" → "800000"'
 */
export function diffLogic(expression: string, a: unknown, b: unknown): LogicChange[] {
  const out: LogicChange[] = [];
  diffNode(a, b, [], (at, change, from, to) => {
    const where = at.length ? `${expression}: ${at.join(" ")}` : expression;
    const text =
      change === "changed"
        ? `${where} changed: ${renderLogic(from)} → ${renderLogic(to)}`
        : change === "added"
          ? `${where} added: ${renderLogic(to)}`
          : `${where} removed: ${renderLogic(from)}`;
    out.push({
      section: "logic",
      path: expression,
      expression,
      at: at.join(" "),
      change,
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      text,
    });
  });
  return out;
}

function whole(expression: string, change: "added" | "removed", value: unknown, what: string): LogicChange {
  return {
    section: "logic",
    path: expression,
    expression,
    at: "",
    change,
    ...(change === "added" ? { to: value } : { from: value }),
    text: `${expression} ${change}: ${what}`,
  };
}

function labelChange(expression: string, from: unknown, to: unknown, what: string): LogicChange {
  return { section: "logic", path: `${expression}.${what}`, expression, at: "", change: "changed", from, to, text: `${expression} ${what}: ${JSON.stringify(from)} → ${JSON.stringify(to)}` };
}

/** Logic changes between two rule files: `applicable`, each condition by id and each outcome field by name. */
export function diffRuleLogic(a: RuleFile, b: RuleFile): LogicChange[] {
  const out: LogicChange[] = [];

  if (a.applicable === undefined && b.applicable !== undefined) out.push(whole("applicable", "added", b.applicable, renderLogic(b.applicable)));
  else if (a.applicable !== undefined && b.applicable === undefined) out.push(whole("applicable", "removed", a.applicable, `${renderLogic(a.applicable)} (the measure now always concerns the subject)`));
  else if (a.applicable !== undefined) out.push(...diffLogic("applicable", a.applicable, b.applicable));

  const condA = new Map(a.conditions.map((c) => [c.id, c]));
  const condB = new Map(b.conditions.map((c) => [c.id, c]));
  for (const c of a.conditions) {
    if (!condB.has(c.id)) out.push(whole(`conditions.${c.id}`, "removed", c.logic, `“${bilingual(c.label)}”: ${renderLogic(c.logic)}`));
  }
  for (const c of b.conditions) {
    const old = condA.get(c.id);
    const expr = `conditions.${c.id}`;
    if (!old) {
      out.push(whole(expr, "added", c.logic, `“${bilingual(c.label)}”: ${renderLogic(c.logic)}`));
      continue;
    }
    if (old.label.en !== c.label.en) out.push(labelChange(expr, old.label.en, c.label.en, "label.en"));
    if (old.label.zh !== c.label.zh) out.push(labelChange(expr, old.label.zh, c.label.zh, "label.zh"));
    out.push(...diffLogic(expr, old.logic, c.logic));
  }
  const orderA = a.conditions.map((c) => c.id).filter((id) => condB.has(id));
  const orderB = b.conditions.map((c) => c.id).filter((id) => condA.has(id));
  if (orderA.join() !== orderB.join()) {
    out.push({ section: "logic", path: "conditions", expression: "conditions", at: "", change: "changed", from: orderA, to: orderB, text: `conditions reordered: ${orderA.join(", ")} → ${orderB.join(", ")}` });
  }

  for (const [name, spec] of Object.entries(a.outcome)) {
    if (!Object.prototype.hasOwnProperty.call(b.outcome, name)) out.push(whole(`outcome.${name}`, "removed", spec.logic, `${spec.type} “${bilingual(spec.label)}”: ${renderLogic(spec.logic)}`));
  }
  for (const [name, spec] of Object.entries(b.outcome)) {
    const expr = `outcome.${name}`;
    const old = Object.prototype.hasOwnProperty.call(a.outcome, name) ? a.outcome[name] : undefined;
    if (!old) {
      out.push(whole(expr, "added", spec.logic, `${spec.type} “${bilingual(spec.label)}”: ${renderLogic(spec.logic)}`));
      continue;
    }
    if (old.type !== spec.type) out.push(labelChange(expr, old.type, spec.type, "type"));
    if (old.label.en !== spec.label.en) out.push(labelChange(expr, old.label.en, spec.label.en, "label.en"));
    if (old.label.zh !== spec.label.zh) out.push(labelChange(expr, old.label.zh, spec.label.zh, "label.zh"));
    if (canonicalJson(old.whenNotInForce) !== canonicalJson(spec.whenNotInForce)) {
      out.push(labelChange(expr, old.whenNotInForce ?? null, spec.whenNotInForce ?? null, "whenNotInForce"));
    }
    out.push(...diffLogic(expr, old.logic, spec.logic));
  }
  return out;
}
