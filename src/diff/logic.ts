import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { canonicalJson } from "../engine/hash.js";
import type { LogicNode } from "../logic/tree.js";
import { childNodes, operationName, treeOf } from "../logic/walk.js";
import { bilingual, clip } from "./format.js";
import type { LogicChange } from "./types.js";

/*
 * The logic part of a diff, read from the typed logic trees of the two versions (src/logic/tree.ts):
 * each node's operation name, descriptor and operands; a change reports the subexpressions as written
 * (each node's source).
 */

/** Whether a node is a reference to a declared thing (an input, parameter, condition or outcome field), which its operand names. */
function namesDeclared(node: LogicNode): boolean {
  const kind = node.op?.reference;
  return kind !== undefined && kind !== "evaluationDate";
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
  return renderTree(treeOf(node), max);
}

/**
 * {@link renderLogic} of an expression's typed logic tree (a loaded version's `conditions[i].tree` …).
 *
 * @example
 * renderTree(version.conditions[0].tree) //=> 'jjj.gte(var "contractAmount", jjj.param "threshold")'
 */
export function renderTree(tree: LogicNode, max = 140): string {
  return clip(render(tree, 0), max);
}

function render(node: LogicNode, depth: number): string {
  if (depth > 6) return "…";
  const name = operationName(node);
  if (name !== undefined) {
    const args = node.args!;
    if (namesDeclared(node) && args.length === 1 && typeof args[0] === "string") return `${name} ${JSON.stringify(node.reference?.name ?? args[0])}`;
    if (node.op?.reference === "evaluationDate") return `${name}()`;
    return `${name}(${childNodes(node).map((a) => render(a, depth + 1)).join(", ")})`;
  }
  if (Array.isArray(node.source)) return `[${childNodes(node).map((n) => render(n, depth + 1)).join(", ")}]`;
  return JSON.stringify(node.source) ?? "undefined";
}

/*
 * Equal trees have equal keys: an operation by its name and its operands' keys, a list by its items'
 * keys, a reference by its name and what it names, a literal by its canonical JSON. Kept per node:
 * aligning operand lists asks for the keys of the same nodes again.
 */
const keys = new WeakMap<LogicNode, string>();
function keyOf(node: LogicNode): string {
  let key = keys.get(node);
  if (key !== undefined) return key;
  const name = operationName(node);
  if (name !== undefined && namesDeclared(node)) key = `${JSON.stringify(name)} ${node.reference ? JSON.stringify(node.reference.name) : canonicalJson(node.args)}`;
  else if (name !== undefined) key = `${JSON.stringify(name)}(${childNodes(node).map(keyOf).join(",")})`;
  else if (Array.isArray(node.source)) key = `[${childNodes(node).map(keyOf).join(",")}]`;
  else key = canonicalJson(node.source);
  keys.set(node, key);
  return key;
}

/** Pairs of indexes of equal items (longest common subsequence), to align operand lists. */
function align(a: readonly LogicNode[], b: readonly LogicNode[]): [number, number][] {
  const ka = a.map(keyOf);
  const kb = b.map(keyOf);
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

type Emit = (at: string[], change: LogicChange["change"], from: LogicNode | undefined, to: LogicNode | undefined) => void;

/** Walk two trees side by side and emit each smallest subexpression that differs. */
function diffNode(a: LogicNode, b: LogicNode, at: string[], emit: Emit): void {
  if (keyOf(a) === keyOf(b)) return;
  const op = operationName(a);
  const opB = operationName(b);
  if (op !== undefined && opB !== undefined) {
    if (opB === op && !namesDeclared(a)) {
      diffList(childNodes(a), childNodes(b), (i) => [...at, `${op}[${i}]`], emit);
      return;
    }
  } else if (op === undefined && opB === undefined && Array.isArray(a.source) && Array.isArray(b.source)) {
    diffList(childNodes(a), childNodes(b), (i) => [...at, `[${i}]`], emit);
    return;
  }
  emit(at, "changed", a, b);
}

function diffList(a: readonly LogicNode[], b: readonly LogicNode[], seg: (i: number) => string[], emit: Emit): void {
  if (a.length === b.length) {
    a.forEach((item, i) => diffNode(item, b[i]!, seg(i), emit));
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
    for (let k = 0; k < paired; k++) diffNode(a[i + k]!, b[j + k]!, seg(j + k), emit);
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
  return diffTrees(expression, treeOf(a), treeOf(b));
}

/**
 * {@link diffLogic} of two typed logic trees (a loaded version's `applicable.tree`, `conditions[i].tree` …).
 *
 * @example
 * diffTrees("conditions.met", v1.conditions[0].tree, v2.conditions[0].tree)[0].at //=> "jjj.gte[1]"
 */
export function diffTrees(expression: string, a: LogicNode, b: LogicNode): LogicChange[] {
  const out: LogicChange[] = [];
  diffNode(a, b, [], (at, change, from, to) => {
    const where = at.length ? `${expression}: ${at.join(" ")}` : expression;
    const text =
      change === "changed"
        ? `${where} changed: ${renderTree(from!)} → ${renderTree(to!)}`
        : change === "added"
          ? `${where} added: ${renderTree(to!)}`
          : `${where} removed: ${renderTree(from!)}`;
    const textZh =
      change === "changed"
        ? `${where} 修改:${renderTree(from!)} → ${renderTree(to!)}`
        : change === "added"
          ? `${where} 新增:${renderTree(to!)}`
          : `${where} 删除:${renderTree(from!)}`;
    out.push({
      section: "logic",
      path: expression,
      expression,
      at: at.join(" "),
      change,
      ...(from !== undefined && { from: from.source }),
      ...(to !== undefined && { to: to.source }),
      text,
      textZh,
    });
  });
  return out;
}

function whole(expression: string, change: "added" | "removed", value: unknown, what: string, whatZh = what): LogicChange {
  return {
    section: "logic",
    path: expression,
    expression,
    at: "",
    change,
    ...(change === "added" ? { to: value } : { from: value }),
    text: `${expression} ${change}: ${what}`,
    textZh: `${expression} ${change === "added" ? "新增" : "删除"}:${whatZh}`,
  };
}

function labelChange(expression: string, from: unknown, to: unknown, what: string): LogicChange {
  return { section: "logic", path: `${expression}.${what}`, expression, at: "", change: "changed", from, to, text: `${expression} ${what}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`, textZh: `${expression} ${what === "label.zh" ? "名称(中文)" : what === "label.en" ? "名称(英文)" : what}:${JSON.stringify(from)} → ${JSON.stringify(to)}` };
}

/**
 * Logic changes between two loaded versions, read from their typed logic trees: `applicable`, each
 * condition by id and each outcome field by name.
 *
 * @example
 * diffRuleLogic(v1, v2).map((c) => c.text) //=> ['outcome.amount: if[1] jjj.min[0] changed: jjj.param "cap" → "800000"']
 */
export function diffRuleLogic(a: LoadedRuleVersion, b: LoadedRuleVersion): LogicChange[] {
  const out: LogicChange[] = [];

  const applicableA = a.applicable?.tree;
  const applicableB = b.applicable?.tree;
  if (applicableA === undefined && applicableB !== undefined) out.push(whole("applicable", "added", applicableB.source, renderTree(applicableB)));
  else if (applicableA !== undefined && applicableB === undefined) out.push(whole("applicable", "removed", applicableA.source, `${renderTree(applicableA)} (the measure now always concerns the subject)`, `${renderTree(applicableA)}(该措施现对所有主体适用)`));
  else if (applicableA !== undefined) out.push(...diffTrees("applicable", applicableA, applicableB!));

  const condA = new Map(a.conditions.map((c) => [c.spec.id, c]));
  const condB = new Map(b.conditions.map((c) => [c.spec.id, c]));
  for (const c of a.conditions) {
    if (!condB.has(c.spec.id)) out.push(whole(`conditions.${c.spec.id}`, "removed", c.tree.source, `“${bilingual(c.spec.label)}”: ${renderTree(c.tree)}`, `“${c.spec.label.zh}”:${renderTree(c.tree)}`));
  }
  for (const c of b.conditions) {
    const old = condA.get(c.spec.id);
    const expr = `conditions.${c.spec.id}`;
    if (!old) {
      out.push(whole(expr, "added", c.tree.source, `“${bilingual(c.spec.label)}”: ${renderTree(c.tree)}`, `“${c.spec.label.zh}”:${renderTree(c.tree)}`));
      continue;
    }
    if (old.spec.label.en !== c.spec.label.en) out.push(labelChange(expr, old.spec.label.en, c.spec.label.en, "label.en"));
    if (old.spec.label.zh !== c.spec.label.zh) out.push(labelChange(expr, old.spec.label.zh, c.spec.label.zh, "label.zh"));
    out.push(...diffTrees(expr, old.tree, c.tree));
  }
  const orderA = a.conditions.map((c) => c.spec.id).filter((id) => condB.has(id));
  const orderB = b.conditions.map((c) => c.spec.id).filter((id) => condA.has(id));
  if (orderA.join() !== orderB.join()) {
    out.push({ section: "logic", path: "conditions", expression: "conditions", at: "", change: "changed", from: orderA, to: orderB, text: `conditions reordered: ${orderA.join(", ")} → ${orderB.join(", ")}`, textZh: `条件顺序调整:${orderA.join("、")} → ${orderB.join("、")}` });
  }

  const outA = new Map(a.outcome.map((f) => [f.name, f]));
  const outB = new Map(b.outcome.map((f) => [f.name, f]));
  for (const f of a.outcome) {
    if (!outB.has(f.name)) out.push(whole(`outcome.${f.name}`, "removed", f.tree.source, `${f.spec.type} “${bilingual(f.spec.label)}”: ${renderTree(f.tree)}`, `${f.spec.type}“${f.spec.label.zh}”:${renderTree(f.tree)}`));
  }
  for (const f of b.outcome) {
    const expr = `outcome.${f.name}`;
    const old = outA.get(f.name);
    if (!old) {
      out.push(whole(expr, "added", f.tree.source, `${f.spec.type} “${bilingual(f.spec.label)}”: ${renderTree(f.tree)}`, `${f.spec.type}“${f.spec.label.zh}”:${renderTree(f.tree)}`));
      continue;
    }
    const spec = f.spec;
    if (old.spec.type !== spec.type) out.push(labelChange(expr, old.spec.type, spec.type, "type"));
    if (old.spec.label.en !== spec.label.en) out.push(labelChange(expr, old.spec.label.en, spec.label.en, "label.en"));
    if (old.spec.label.zh !== spec.label.zh) out.push(labelChange(expr, old.spec.label.zh, spec.label.zh, "label.zh"));
    if (canonicalJson(old.spec.whenNotInForce) !== canonicalJson(spec.whenNotInForce)) {
      out.push(labelChange(expr, old.spec.whenNotInForce ?? null, spec.whenNotInForce ?? null, "whenNotInForce"));
    }
    out.push(...diffTrees(expr, old.tree, f.tree));
  }
  return out;
}
