import type { InputSpec, ParameterSpec, ValueType } from "../schema/rule-file.js";
import { isIsoDate } from "../schema/common.js";
import { DECIMAL_LITERAL, ROUNDING_MODES } from "../exact/decimal.js";
import { VALUE_TYPES } from "../types/index.js";
import { ENGINE_OPS } from "./jjj-ops.js";

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

/** The static type the checker infers for an expression. */
type StaticType = "number" | "decimal" | "string" | "date" | "boolean" | "array" | "null" | "any";

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

/** The result of checking an expression: its problems and what it refers to. */
export interface LogicCheck {
  problems: LogicProblem[];
  inputs: Set<string>;
  parameters: Set<string>;
  conditions: Set<string>;
  outcomes: Set<string>;
}

const PROFILE_STANDARD_OPS = new Set([
  "if", "?:", "and", "or", "!", "!!", "===", "!==", "<", "<=", ">", ">=",
  "in", "cat", "substr", "+", "-", "*", "/", "%", "min", "max", "merge", "var",
]);

const REJECTED_WITH_REASON: Readonly<Record<string, string>> = {
  log: "`log` writes to the console from data; rule files may not use it",
  method: "`method` calls functions on data and allowed code execution (json-logic-js advisory 1542); it is never allowed",
  "==": "loose `==` coerces (`0 == \"\"` is true); use `===`, or `jjj.eq` for decimals",
  "!=": "loose `!=` coerces; use `!==`, or `jjj.eq` negated for decimals",
  missing: "`missing` is not needed: required inputs are enforced by the input schema",
  missing_some: "`missing_some` is not needed: required inputs are enforced by the input schema",
  filter: "iteration over data is not part of the rule profile",
  map: "iteration over data is not part of the rule profile",
  reduce: "iteration over data is not part of the rule profile",
  all: "iteration over data is not part of the rule profile",
  none: "iteration over data is not part of the rule profile",
  some: "iteration over data is not part of the rule profile",
};

const DECIMAL_OPS: Readonly<Record<string, [number, number]>> = {
  "jjj.add": [1, Infinity],
  "jjj.mul": [1, Infinity],
  "jjj.min": [1, Infinity],
  "jjj.max": [1, Infinity],
  "jjj.sub": [2, 2],
  "jjj.div": [2, 2],
  "jjj.eq": [2, 2],
  "jjj.gt": [2, 2],
  "jjj.gte": [2, 2],
  "jjj.lt": [2, 2],
  "jjj.lte": [2, 2],
};

/** The static type of a value of a declared type: its value type's module says (src/types/). */
export function staticTypeOf(type: ValueType): StaticType {
  return VALUE_TYPES[type].staticType;
}

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

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
  const result: LogicCheck = {
    problems: [],
    inputs: new Set(),
    parameters: new Set(),
    conditions: new Set(),
    outcomes: new Set(),
  };
  let nodes = 0;
  const problem = (pointer: string, code: string, message: string) => result.problems.push({ code, pointer, message });

  function visit(node: unknown, pointer: string, depth: number): StaticType {
    nodes++;
    if (depth > MAX_LOGIC_DEPTH) {
      problem(pointer, "too_deep", `logic is nested deeper than ${MAX_LOGIC_DEPTH} levels`);
      return "any";
    }
    if (nodes > MAX_LOGIC_NODES) {
      if (nodes === MAX_LOGIC_NODES + 1) problem(pointer, "too_large", `logic has more than ${MAX_LOGIC_NODES} nodes`);
      return "any";
    }
    if (node === null) return "null";
    if (typeof node === "number") return "number";
    if (typeof node === "boolean") return "boolean";
    if (typeof node === "string") return isIsoDate(node) ? "date" : "string";
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pointer}/${i}`, depth + 1));
      return "array";
    }
    const keys = Object.keys(node as object);
    if (keys.length !== 1) {
      problem(
        pointer,
        "literal_object",
        `an object in logic must have exactly one key, the operation (found ${keys.length}: ${keys.slice(0, 5).join(", ") || "none"}); literal objects are not allowed`,
      );
      return "any";
    }
    const op = keys[0]!;
    const raw = (node as Record<string, unknown>)[op];
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const here = `${pointer}/${escapePointer(op)}`;
    const argPointer = (i: number) => (Array.isArray(raw) ? `${here}/${i}` : here);

    if (op in REJECTED_WITH_REASON && Object.prototype.hasOwnProperty.call(REJECTED_WITH_REASON, op)) {
      problem(here, "forbidden_operation", `operation "${op}" is not allowed in rule files: ${REJECTED_WITH_REASON[op]}`);
      return "any";
    }
    if (!PROFILE_STANDARD_OPS.has(op) && !ENGINE_OPS.has(op)) {
      problem(here, "unknown_operation", `unknown operation "${op}"`);
      return "any";
    }

    // References: static names only, checked against what the rule declares.
    if (op === "var" || op === "jjj.param" || op === "jjj.condition" || op === "jjj.outcome") {
      return visitReference(op, args, here);
    }
    if (op === "jjj.on") {
      if (args.length !== 0 && !(args.length === 1 && args[0] === null)) problem(here, "wrong_arity", "jjj.on takes no operands");
      return "date";
    }

    const types = args.map((a, i) => visit(a, argPointer(i), depth + 1));

    switch (op) {
      case "if":
      case "?:": {
        const branches = types.filter((_, i) => i % 2 === 1 || i === types.length - 1);
        return branches.every((t) => t === branches[0]) ? (branches[0] ?? "null") : "any";
      }
      case "and":
      case "or":
        // json-logic-js returns undefined for an empty and/or; the community suite says false. Neither is meant.
        if (Array.isArray(raw) && raw.length === 0) problem(here, "wrong_arity", `"${op}" needs at least one operand`);
        return types.every((t) => t === "boolean") ? "boolean" : "any";
      case "!":
      case "!!":
        return "boolean";
      case "===":
      case "!==":
        arity(op, args, 2, 2, here);
        if (types.includes("decimal")) {
          problem(here, "decimal_equality", `"${op}" compares decimals as text ("500000" !== "500000.00"); use jjj.eq`);
        }
        return "boolean";
      case "<":
      case "<=":
      case ">":
      case ">=":
        arity(op, args, 2, op === "<" || op === "<=" ? 3 : 2, here);
        types.forEach((t, i) => {
          if (t === "string" || t === "date") {
            problem(argPointer(i), "string_ordering", `"${op}" on strings compares text, not values; use jjj.gte/jjj.lt for decimals or jjj.dateGte/jjj.dateLt for dates`);
          } else if (t === "decimal") {
            problem(argPointer(i), "decimal_ordering", `"${op}" on a decimal would compare floats or text; use jjj.gt, jjj.gte, jjj.lt or jjj.lte`);
          } else if (t !== "number" && t !== "any") {
            // JS relational operators coerce: [] < [1], null < 5 and true > 0 are all true.
            problem(argPointer(i), "not_number", `"${op}" orders numbers only; this operand is a ${t}`);
          }
        });
        return "boolean";
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
      case "min":
      case "max":
        if (op === "-" || op === "/" || op === "%") arity(op, args, op === "-" ? 1 : 2, 2, here);
        else arity(op, args, 1, Infinity, here);
        types.forEach((t, i) => {
          if (t !== "number" && t !== "any") {
            problem(argPointer(i), "float_arithmetic", `"${op}" is float arithmetic on a ${t}; use the exact jjj.* operations for money, rates and decimals`);
          }
        });
        if ((op === "/" || op === "%") && args.length === 2 && !(typeof args[1] === "number" && args[1] !== 0)) {
          // A zero divisor gives Infinity or NaN, which compare false without a word.
          problem(argPointer(1), "float_division", `"${op}" needs a non-zero number literal as divisor (a zero divisor gives Infinity or NaN silently); use jjj.div, which reports division by zero`);
        }
        return "number";
      case "in": {
        arity(op, args, 2, 2, here);
        if (types[1] !== "array") {
          problem(argPointer(1), "in_on_string", `"in" needs a list (a literal array or an enumList input); on a string it tests substrings ("" is in everything)`);
        }
        return "boolean";
      }
      case "cat":
      case "substr":
        return "string";
      case "merge":
        return "array";
    }

    if (op in DECIMAL_OPS) {
      const [min, max] = DECIMAL_OPS[op]!;
      arity(op, args, min, max, here);
      types.forEach((t, i) => {
        const a = args[i];
        const ok = t === "decimal" || t === "number" || t === "any" || (typeof a === "string" && DECIMAL_LITERAL.test(a));
        if (!ok) problem(argPointer(i), "not_decimal", `${op} needs decimal operands; this one is a ${t}`);
      });
      return ["jjj.eq", "jjj.gt", "jjj.gte", "jjj.lt", "jjj.lte"].includes(op) ? "boolean" : "decimal";
    }
    if (op === "jjj.round") {
      arity(op, args, 1, 3, here);
      if (args.length >= 2 && !(typeof args[1] === "number" && Number.isInteger(args[1]) && args[1] >= 0 && args[1] <= 20)) {
        problem(argPointer(1), "bad_round", "jjj.round places must be a literal integer 0–20");
      }
      if (args.length === 3 && !(typeof args[2] === "string" && Object.prototype.hasOwnProperty.call(ROUNDING_MODES, args[2]))) {
        problem(argPointer(2), "bad_round", `jjj.round mode must be one of ${Object.keys(ROUNDING_MODES).join(", ")}`);
      }
      return "decimal";
    }
    if (op === "jjj.dateAddDays" || op === "jjj.dateAddMonths" || op === "jjj.dateAddYears") {
      arity(op, args, 2, 2, here);
      if (types[0] !== "date" && types[0] !== "any") problem(argPointer(0), "not_date", `${op} needs a date YYYY-MM-DD first; this operand is a ${types[0]}`);
      if (types[1] !== "number" && types[1] !== "any") problem(argPointer(1), "not_integer", `${op} needs a whole number second; this operand is a ${types[1]}`);
      return "date";
    }
    if (op.startsWith("jjj.date")) {
      arity(op, args, 2, 2, here);
      types.forEach((t, i) => {
        if (t !== "date" && t !== "any") problem(argPointer(i), "not_date", `${op} needs dates YYYY-MM-DD; this operand is a ${t}`);
      });
      return "boolean";
    }
    return "any";
  }

  function arity(op: string, args: unknown[], min: number, max: number, pointer: string) {
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min}–${max}`;
      problem(pointer, "wrong_arity", `"${op}" takes ${want} operand(s), found ${args.length}`);
    }
  }

  function visitReference(op: string, args: unknown[], pointer: string): StaticType {
    const name = args[0];
    if (args.length !== 1 || typeof name !== "string") {
      problem(pointer, "dynamic_reference", `"${op}" must name one thing with a literal string (no computed paths, no defaults)`);
      return "any";
    }
    if (FORBIDDEN_NAMES.has(name) || name.split(".").some((s) => FORBIDDEN_NAMES.has(s))) {
      problem(pointer, "forbidden_name", `"${op}" may not name "${name}"`);
      return "any";
    }
    const own = (o: object) => Object.prototype.hasOwnProperty.call(o, name);
    switch (op) {
      case "var":
        if (!own(scope.inputs)) {
          problem(pointer, "undeclared_input", `var "${name}" names no declared input (inputs: ${someNames(scope.inputs)})`);
          return "any";
        }
        result.inputs.add(name);
        return staticTypeOf(scope.inputs[name]!.type);
      case "jjj.param":
        if (!own(scope.parameters)) {
          problem(pointer, "undeclared_parameter", `jjj.param "${name}" names no parameter (parameters: ${someNames(scope.parameters)})`);
          return "any";
        }
        result.parameters.add(name);
        return staticTypeOf(scope.parameters[name]!.type);
      case "jjj.condition":
        if (!scope.conditions.has(name)) {
          problem(pointer, "undeclared_condition", `jjj.condition "${name}" names no condition defined before this point`);
          return "any";
        }
        result.conditions.add(name);
        return "boolean";
      default: {
        const type = scope.outcomes.get(name);
        if (type === undefined) {
          problem(pointer, "undeclared_outcome", `jjj.outcome "${name}" names no outcome field defined before this point`);
          return "any";
        }
        result.outcomes.add(name);
        return staticTypeOf(type);
      }
    }
  }

  visit(logic, "", 0);
  return result;
}
