import type { InputSpec, ParameterSpec, ValueType } from "../schema/rule-file.js";
import { isIsoDate } from "../schema/values.js";
import { OPERATIONS, type Operation, type StaticType } from "../ops/index.js";
import { accepts } from "../ops/operands.js";
import type { LogicNode, ResolvedReference } from "./tree.js";
import { VALUE_TYPES } from "../types/index.js";
import { NO_OPERANDS, TreeNode, escapePointer, operandPointer } from "./tree-node.js";

/**
 * The deepest nesting a rule's logic may have. json-logic-js overflows its stack between 1000 and 2000.
 *
 * @category Schema
 * @example
 * MAX_LOGIC_DEPTH //=> 32
 */
export const MAX_LOGIC_DEPTH = 32;
/**
 * The most nodes one expression may have.
 *
 * @category Schema
 * @example
 * MAX_LOGIC_NODES //=> 2000
 */
export const MAX_LOGIC_NODES = 2000;

/** Names that must never be an input, parameter, condition or outcome: they live on `Object.prototype`. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** A problem in a rule's logic, with a JSON pointer relative to the checked expression. */
export interface LogicProblem {
  code: string;
  pointer: string;
  message: string;
}

/** What one expression may refer to. */
export interface LogicScope {
  inputs: Readonly<Record<string, InputSpec>>;
  parameters: Readonly<Record<string, ParameterSpec>>;
  /** Conditions defined before this expression. */
  conditions: ReadonlySet<string>;
  /** Outcome fields defined before this expression, with their types. */
  outcomes: ReadonlyMap<string, ValueType>;
}

/** The result of checking an expression: its problems, what it refers to, and its typed logic tree. */
export interface LogicCheck {
  problems: LogicProblem[];
  /** The expression as a typed logic tree (src/logic/tree.ts): each node's descriptor, static type, pointer and resolved reference. */
  tree: LogicNode;
  inputs: Set<string>;
  parameters: Set<string>;
  conditions: Set<string>;
  outcomes: Set<string>;
}

/** The static type of a value of a declared type: its value type's module says (src/types/). */
export function staticTypeOf(type: ValueType): StaticType {
  return VALUE_TYPES[type].staticType;
}

/** The declared names for a message, at most 20: listing all of them for every bad reference was quadratic. */
function someNames(declared: object): string {
  const names: string[] = [];
  for (const name in declared) {
    if (names.length === 20) return `${names.join(", ")}, …`;
    names.push(name);
  }
  return names.join(", ") || "none";
}

/**
 * Check an expression against the rule profile: the stricter subset of JSON-logic that rule files may
 * use. Reports unknown and forbidden operations, literal objects, nesting deeper than
 * {@link MAX_LOGIC_DEPTH}, `var`s that name no declared input, references to undeclared parameters,
 * ordering or arithmetic on strings or decimals, `in` on a string, and wrong arities.
 */
export function checkLogic(logic: unknown, scope: LogicScope): LogicCheck {
  const result: Omit<LogicCheck, "tree"> = {
    problems: [],
    inputs: new Set(),
    parameters: new Set(),
    conditions: new Set(),
    outcomes: new Set(),
  };
  let nodes = 0;
  const problem = (pointer: string, code: string, message: string) => result.problems.push({ code, pointer, message });

  /** A node without an operation: a literal, a list, or a node the checker did not look into. */
  const leaf = (source: unknown, pointer: string, type: StaticType, operands: readonly LogicNode[] = NO_OPERANDS): LogicNode =>
    new TreeNode(pointer, source, type, undefined, undefined, operands, undefined);

  function visit(node: unknown, pointer: string, depth: number): LogicNode {
    nodes++;
    if (depth > MAX_LOGIC_DEPTH) {
      problem(pointer, "too_deep", `logic is nested deeper than ${MAX_LOGIC_DEPTH} levels`);
      return leaf(node, pointer, "any");
    }
    if (nodes > MAX_LOGIC_NODES) {
      if (nodes === MAX_LOGIC_NODES + 1) problem(pointer, "too_large", `logic has more than ${MAX_LOGIC_NODES} nodes`);
      return leaf(node, pointer, "any");
    }
    if (node === null) return leaf(node, pointer, "null");
    if (typeof node === "number") return leaf(node, pointer, "number");
    if (typeof node === "boolean") return leaf(node, pointer, "boolean");
    if (typeof node === "string") return leaf(node, pointer, isIsoDate(node) ? "date" : "string");
    if (Array.isArray(node)) {
      const items = new Array<LogicNode>(node.length);
      for (let i = 0; i < node.length; i++) items[i] = visit(node[i], `${pointer}/${i}`, depth + 1);
      return leaf(node, pointer, "array", Object.freeze(items));
    }
    const keys = Object.keys(node as object);
    if (keys.length !== 1) {
      problem(
        pointer,
        "literal_object",
        `an object in logic must have exactly one key, the operation (found ${keys.length}: ${keys.slice(0, 5).join(", ") || "none"}); literal objects are not allowed`,
      );
      return leaf(node, pointer, "any");
    }
    const op = keys[0]!;
    const raw = (node as Record<string, unknown>)[op];
    const inList = Array.isArray(raw);
    const args: readonly unknown[] = inList ? raw : Object.freeze([raw]);
    const here = `${pointer}/${escapePointer(op)}`;

    const d = OPERATIONS.get(op);
    if (d !== undefined && d.profile !== "allowed") {
      problem(here, "forbidden_operation", `operation "${op}" is not allowed in rule files: ${d.profile.rejected}`);
      return new TreeNode(pointer, node, "any", d, args, NO_OPERANDS, undefined);
    }
    if (d === undefined) {
      problem(here, "unknown_operation", `unknown operation "${op}"`);
      return new TreeNode(pointer, node, "any", undefined, args, NO_OPERANDS, undefined);
    }

    // References: static names only, checked against what the rule declares.
    if (d.reference !== undefined && d.reference !== "evaluationDate") {
      const resolved = visitReference(op, d, args, here);
      const reference = resolved.reference === undefined ? undefined : Object.freeze(resolved.reference);
      return new TreeNode(pointer, node, resolved.type, d, args, NO_OPERANDS, reference);
    }

    // A reference to the date reads nothing: its operands are not visited.
    if (d.reference !== undefined) return new TreeNode(pointer, node, checkOperation(d, op, args, [], raw, here, inList), d, args, NO_OPERANDS, undefined);
    const operands = new Array<LogicNode>(args.length);
    const types = new Array<StaticType>(args.length);
    for (let i = 0; i < args.length; i++) {
      const operand = visit(args[i], operandPointer(here, inList, i), depth + 1);
      operands[i] = operand;
      types[i] = operand.type;
    }
    return new TreeNode(pointer, node, checkOperation(d, op, args, types, raw, here, inList), d, args, Object.freeze(operands), undefined);
  }

  /** An operation's own checks, from its descriptor: arity, operand types, extra checks; its result type. */
  function checkOperation(d: Operation, op: string, args: readonly unknown[], types: StaticType[], raw: unknown, here: string, inList: boolean): StaticType {
    if (d.arityChecked !== false) arity(op, args, d.arity.min, d.arity.max, here);
    const { at: positional = [], rest } = d.operands;
    for (let i = 0; i < positional.length; i++) {
      const spec = positional[i]!;
      if (!accepts(spec, types[i], args[i])) {
        const { code, message } = spec.problem(types[i], op);
        problem(operandPointer(here, inList, i), code, message);
      }
    }
    if (rest) {
      for (let i = positional.length; i < args.length; i++) {
        if (!accepts(rest, types[i], args[i])) {
          const { code, message } = rest.problem(types[i], op);
          problem(operandPointer(here, inList, i), code, message);
        }
      }
    }
    d.check?.({ op, args: args as unknown[], types, raw, here, at: (i) => operandPointer(here, inList, i), problem });
    return typeof d.result === "function" ? d.result(types) : d.result;
  }

  function arity(op: string, args: readonly unknown[], min: number, max: number, pointer: string) {
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min}–${max}`;
      problem(pointer, "wrong_arity", `"${op}" takes ${want} operand(s), found ${args.length}`);
    }
  }

  function visitReference(op: string, d: Operation, args: readonly unknown[], pointer: string): { type: StaticType; reference?: ResolvedReference } {
    const name = args[0];
    if (args.length !== 1 || typeof name !== "string") {
      problem(pointer, "dynamic_reference", `"${op}" must name one thing with a literal string (no computed paths, no defaults)`);
      return { type: "any" };
    }
    if (FORBIDDEN_NAMES.has(name) || name.split(".").some((s) => FORBIDDEN_NAMES.has(s))) {
      problem(pointer, "forbidden_name", `"${op}" may not name "${name}"`);
      return { type: "any" };
    }
    const own = (o: object) => Object.prototype.hasOwnProperty.call(o, name);
    switch (d.reference) {
      case "input":
        if (!own(scope.inputs)) {
          problem(pointer, "undeclared_input", `${op} "${name}" names no declared input (inputs: ${someNames(scope.inputs)})`);
          return { type: "any" };
        }
        result.inputs.add(name);
        return { type: staticTypeOf(scope.inputs[name]!.type), reference: { kind: "input", name, index: positionIn(scope.inputs, name) } };
      case "parameter":
        if (!own(scope.parameters)) {
          problem(pointer, "undeclared_parameter", `${op} "${name}" names no parameter (parameters: ${someNames(scope.parameters)})`);
          return { type: "any" };
        }
        result.parameters.add(name);
        return { type: staticTypeOf(scope.parameters[name]!.type), reference: { kind: "parameter", name, index: positionIn(scope.parameters, name) } };
      case "condition":
        if (!scope.conditions.has(name)) {
          problem(pointer, "undeclared_condition", `${op} "${name}" names no condition defined before this point`);
          return { type: "any" };
        }
        result.conditions.add(name);
        return { type: "boolean", reference: { kind: "condition", name, index: positionIn(scope.conditions, name) } };
      default: {
        const type = scope.outcomes.get(name);
        if (type === undefined) {
          problem(pointer, "undeclared_outcome", `${op} "${name}" names no outcome field defined before this point`);
          return { type: "any" };
        }
        result.outcomes.add(name);
        return { type: staticTypeOf(type), reference: { kind: "outcome", name, index: positionIn(scope.outcomes, name) } };
      }
    }
  }

  const tree = visit(logic, "", 0);
  return { problems: result.problems, tree, inputs: result.inputs, parameters: result.parameters, conditions: result.conditions, outcomes: result.outcomes };
}

/*
 * Positions of declared names, cached per declaration object (a rule's inputs and parameters; the
 * scope's condition set and outcome map, which grow while a rule loads: their table is rebuilt when
 * they have grown). Scanning the names for every reference would be quadratic in their number.
 */
const positions = new WeakMap<object, { seen: number; index: Map<string, number> }>();

/** The position of `name` among the declared names (a record's keys, a set's or map's entries, in order). */
function positionIn(declared: object, name: string): number {
  let cached = positions.get(declared);
  const size = declared instanceof Set || declared instanceof Map ? declared.size : -1;
  if (!cached || (size >= 0 && cached.seen !== size)) {
    const names = declared instanceof Set ? [...declared] : declared instanceof Map ? [...declared.keys()] : Object.keys(declared);
    cached = { seen: size, index: new Map(names.map((n, i) => [n as string, i])) };
    positions.set(declared, cached);
  }
  return cached.index.get(name) ?? -1;
}
