import { isIsoDate } from "../schema/values.js";
import { OPERATIONS, type StaticType } from "../ops/index.js";
import type { ValueType } from "../schema/rule-file.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES } from "../types/runtime.js";
import { RuleFileError } from "../errors.js";
import type { LogicNode, ResolvedReference } from "./tree.js";
import { NO_OPERANDS, TreeNode, escapePointer, operandPointer } from "./tree-node.js";

/*
 * The typed logic tree of an expression known to be valid, rebuilt without checking it (issues #15 and #20).
 * The package's own rule files were loaded with every check when the package was built
 * (scripts/bundle-rules.mjs); a trusted load of them (catalog/precompiled.ts) rebuilds each tree here: the
 * static types the checker (check.ts) infers, from the same descriptors (`result`) and the same
 * declarations, and the same nodes, pointers and references, but none of its checks, messages or limits.
 * tests/catalog/precompiled-trees.test.ts compares the two builders on every shipped rule version and on
 * every kind of node.
 */

/**
 * What an expression of a valid rule version may refer to, in declaration order (the checker's positions).
 *
 * @example
 * const declarations: Declarations = { inputs: { amount: { type: "money" } }, parameters: {}, conditions: ["eligible"], outcomes: [["amount", "money"]] };
 */
export interface Declarations {
  inputs: Readonly<Record<string, { type: ValueType }>>;
  parameters: Readonly<Record<string, { type: ValueType }>>;
  /** The condition ids, in order: an expression refers only to those before it, so its position among them is its index. */
  conditions: readonly string[];
  /** The outcome fields, in order, with their types. */
  outcomes: readonly (readonly [string, ValueType])[];
}

/**
 * An expression that is not the valid one the build checked: a trusted load takes only the package's own files as built.
 *
 * @example
 * notAsBuilt("a/b/v1.json", "/conditions/0/logic").issues[0]!.code //=> "not_as_built"
 */
export function notAsBuilt(path: string, pointer: string): RuleFileError {
  const why = `the logic at ${pointer || "/"} is not as the package's build checked it`;
  return new RuleFileError([
    {
      code: "not_as_built",
      path: `${path}#${pointer}`,
      message: `${why}: a trusted load takes only the package's own rule files as built (load other files with loadRuleSet) / ${path}#${pointer} 处的逻辑与本包构建时检查的不同:受信加载只接受本包构建时的规则文件(其他文件请用 loadRuleSet 加载)`,
    },
  ]);
}

/** The position of each declared name, and its static type. */
function lookup(names: readonly string[], types: readonly ValueType[] | undefined): Map<string, [number, StaticType]> {
  return new Map(names.map((name, i) => [name, [i, types === undefined ? "boolean" : VALUE_TYPES[types[i]!].staticType]]));
}

/**
 * A tree builder for the expressions of one valid rule version (see above).
 *
 * @example
 * const rebuild = treeBuilder({ inputs: { amount: { type: "money" } }, parameters: {}, conditions: [], outcomes: [] }, "a/b/v1.json");
 * rebuild({ var: "amount" }, "/conditions/0/logic", { conditions: 0, outcomes: 0 }).tree.reference //=> { kind: "input", name: "amount", index: 0 }
 */
export function treeBuilder(
  declarations: Declarations,
  path: string,
): (logic: unknown, at: string, before?: { conditions: number; outcomes: number }) => { tree: LogicNode; refs: { inputs: string[]; parameters: string[] } } {
  const { inputs, parameters, conditions, outcomes } = declarations;
  const declared = {
    input: lookup(Object.keys(inputs), Object.values(inputs).map((s) => s.type)),
    parameter: lookup(Object.keys(parameters), Object.values(parameters).map((s) => s.type)),
    condition: lookup(conditions, undefined),
    outcome: lookup(outcomes.map(([name]) => name), outcomes.map(([, type]) => type)),
  };
  // An expression refers only to the conditions and outcome fields defined before it (all, by default).
  return (logic, at, before = { conditions: conditions.length, outcomes: outcomes.length }) => {
    const used = { input: new Set<string>(), parameter: new Set<string>() };
    const leaf = (source: unknown, pointer: string, type: StaticType, operands: readonly LogicNode[] = NO_OPERANDS): LogicNode =>
      new TreeNode(pointer, source, type, undefined, undefined, operands, undefined);

    function visit(node: unknown, pointer: string): LogicNode {
      if (node === null) return leaf(node, pointer, "null");
      if (typeof node === "number") return leaf(node, pointer, "number");
      if (typeof node === "boolean") return leaf(node, pointer, "boolean");
      if (typeof node === "string") return leaf(node, pointer, isIsoDate(node) ? "date" : "string");
      if (Array.isArray(node)) {
        const items = new Array<LogicNode>(node.length);
        for (let i = 0; i < node.length; i++) items[i] = visit(node[i], `${pointer}/${i}`);
        return leaf(node, pointer, "array", Object.freeze(items));
      }
      const keys = typeof node === "object" ? Object.keys(node) : [];
      const d = keys.length === 1 ? OPERATIONS.get(keys[0]!) : undefined;
      if (d === undefined || d.profile !== "allowed") throw notAsBuilt(path, at + pointer);
      const op = keys[0]!;
      const raw = (node as Record<string, unknown>)[op];
      const inList = Array.isArray(raw);
      const args: readonly unknown[] = inList ? raw : Object.freeze([raw]);
      if (d.reference !== undefined && d.reference !== "evaluationDate") {
        const name = args[0];
        const found = args.length === 1 && typeof name === "string" ? declared[d.reference].get(name) : undefined;
        const limit = d.reference === "condition" ? before.conditions : d.reference === "outcome" ? before.outcomes : Infinity;
        if (found === undefined || found[0] >= limit) throw notAsBuilt(path, at + pointer);
        if (d.reference === "input" || d.reference === "parameter") used[d.reference].add(name as string);
        const reference: ResolvedReference = Object.freeze({ kind: d.reference, name: name as string, index: found[0] });
        return new TreeNode(pointer, node, found[1], d, args, NO_OPERANDS, reference);
      }
      // A reference to the date reads nothing: its operands are not visited (nor typed).
      if (d.reference !== undefined) return new TreeNode(pointer, node, typeof d.result === "function" ? d.result([]) : d.result, d, args, NO_OPERANDS, undefined);
      const here = `${pointer}/${escapePointer(op)}`;
      const operands = new Array<LogicNode>(args.length);
      const types = new Array<StaticType>(args.length);
      for (let i = 0; i < args.length; i++) {
        operands[i] = visit(args[i], operandPointer(here, inList, i));
        types[i] = operands[i]!.type;
      }
      return new TreeNode(pointer, node, typeof d.result === "function" ? d.result(types) : d.result, d, args, Object.freeze(operands), undefined);
    }

    const tree = visit(logic, "");
    return { tree, refs: { inputs: [...used.input], parameters: [...used.parameter] } };
  };
}
