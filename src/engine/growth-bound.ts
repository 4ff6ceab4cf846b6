import type { RuleFile } from "../schema/rule-file.js";
import { DECIMAL_LITERAL, Dec } from "../exact/decimal.js";
import { VALUE_TYPES } from "../types/index.js";
import { decimalDigitBound } from "../types/numeric.js";
import {
  DIVISION_SIGNIFICANT_DIGITS,
  MAX_BUILT_VALUE_SIZE,
  MAX_DECIMAL_FRACTION_DIGITS,
  MAX_DECIMAL_INTEGER_DIGITS,
} from "../exact/limits.js";
import { NAMESPACE, type GrowthBound, type GrowthContext, type ReferenceKind } from "../ops/index.js";
import type { LogicNode } from "../logic/tree.js";
import { childNodes, operationName } from "../logic/walk.js";

/*
 * A load-time bound on what a rule's logic can build, for every valid input: the integer digits and
 * decimal places of each decimal, and the text size of each string and list. A rule whose bound
 * exceeds a limit of limits.ts is refused at load (a field squaring or doubling the previous one
 * refuses after a few fields) rather than failing on some facts at evaluation. Values the analysis
 * cannot bound (float arithmetic, operations outside the rule profile) are left to the checks the
 * operations make at evaluation. It reads the typed logic trees the checker built (logic/tree.ts).
 */

/** A worst case: integer digits and decimal places if the value is a decimal, text size if not. */
type Bound = GrowthBound;

/** A problem found by {@link growthProblems}: a JSON pointer into the rule file, a code, a message. */
export interface GrowthProblem {
  pointer: string;
  code: string;
  message: string;
}

const UNKNOWN: Bound = { int: 0, frac: 0, size: 0, unknown: true };
const SCALAR: Bound = { int: 1, frac: 0, size: 5 };
const DATE: Bound = { int: 0, frac: 0, size: 10 };

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The digits of a decimal literal: the value types' own measure (types/numeric.ts). */
const decimalBound = (text: string): Bound => decimalDigitBound(text);

function join(bounds: Bound[], size: number): Bound {
  return bounds.some((b) => b.unknown) ? UNKNOWN : { int: 0, frac: 0, size };
}

/**
 * The typed logic trees of a rule version's expressions, in the order the rule file defines them.
 *
 * @example
 * const trees: GrowthExpressions = { applicable: version.applicable?.tree, conditions: version.conditions.map((c) => c.tree), outcome: version.outcome.map((f) => [f.name, f.tree]) };
 */
export interface GrowthExpressions {
  applicable?: LogicNode;
  conditions: readonly LogicNode[];
  outcome: readonly (readonly [name: string, tree: LogicNode])[];
}

/**
 * The problems of a rule file whose logic (its expressions' typed logic trees) could build a decimal
 * or a string or list beyond the limits for some valid facts, each at the operation that first exceeds one.
 *
 * @example
 * growthProblems(file, { conditions: [], outcome: [["f3", tree]] }) //=> [{ pointer: "/outcome/f3/logic/jjj.mul", code: "unbounded_growth", message: "…" }]
 */
export function growthProblems(file: RuleFile, expressions: GrowthExpressions): GrowthProblem[] {
  const problems: GrowthProblem[] = [];
  const outcomes = new Map<string, Bound>();

  const inputBound = (name: string): Bound => {
    const spec = Object.prototype.hasOwnProperty.call(file.inputs, name) ? file.inputs[name] : undefined;
    if (!spec) return UNKNOWN;
    return VALUE_TYPES[spec.type].inputBound(spec); // the digits of the type's values (src/types/)
  };

  const paramBound = (name: string): Bound => {
    const spec = Object.prototype.hasOwnProperty.call(file.parameters, name) ? file.parameters[name] : undefined;
    if (!spec) return UNKNOWN;
    const v = spec.value;
    if (typeof v === "string" && VALUE_TYPES[spec.type].decimalValue && DECIMAL_LITERAL.test(v)) return decimalBound(v);
    if (typeof v === "number") return decimalBound(String(v));
    if (Array.isArray(v)) return { int: 0, frac: 0, size: v.reduce((n: number, k) => n + String(k).length + 1, 1) };
    return { int: 0, frac: 0, size: String(v).length };
  };

  /** The bound of a node of an expression whose JSON pointer in the file is `base`. */
  function visit(node: LogicNode, base: string): Bound {
    const pointer = base + node.pointer;
    const op = operationName(node);
    if (op === undefined) {
      const value = node.source;
      if (value === null || typeof value === "boolean") return SCALAR;
      if (typeof value === "number") return Number.isFinite(value) ? decimalBound(String(value).includes("e") ? new Dec(value).toString() : String(value)) : UNKNOWN;
      if (typeof value === "string") return DECIMAL_LITERAL.test(value) ? decimalBound(value) : { int: 0, frac: 0, size: value.length };
      if (Array.isArray(value)) {
        const items = childNodes(node).map((x) => visit(x, base));
        return built(join(items, items.reduce((n, b) => n + b.size + 1, 1)), pointer, "a list");
      }
      return UNKNOWN;
    }
    const args = [...node.args!];
    const here = `${pointer}/${escapePointer(op)}`;
    const d = node.op;
    if (!d) {
      // Refused by the checker; its operands are still bounded (and reported) as before.
      const operands = childNodes(node).map((a) => visit(a, base));
      return operands.some((x) => x.unknown) && !op.startsWith(`${NAMESPACE}.`) ? UNKNOWN : SCALAR;
    }
    // A reference is bounded by what it names; its operand is a name, not visited.
    const b = d.reference === undefined ? childNodes(node).map((a) => visit(a, base)) : [];
    const ctx: GrowthContext = {
      args,
      operands: b,
      anyUnknown: b.some((x) => x.unknown === true),
      decimal: (bound) => decimal(bound, here, op),
      built: (bound) => built(bound, here, op),
      declared,
      unknown: UNKNOWN,
      scalar: SCALAR,
      date: DATE,
    };
    return d.growth(ctx);
  }

  /** The bound of a declared input, parameter or earlier outcome field. */
  function declared(kind: ReferenceKind, name: unknown): Bound {
    if (typeof name !== "string") return UNKNOWN;
    switch (kind) {
      case "input":
        return inputBound(name);
      case "parameter":
        return paramBound(name);
      case "outcome":
        return outcomes.get(name) || UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  function decimal(bound: { int: number; frac: number }, pointer: string, op: string): Bound {
    const over =
      bound.int > MAX_DECIMAL_INTEGER_DIGITS
        ? `${bound.int} integer digits, more than MAX_DECIMAL_INTEGER_DIGITS (${MAX_DECIMAL_INTEGER_DIGITS})`
        : bound.frac > MAX_DECIMAL_FRACTION_DIGITS
          ? `${bound.frac} decimal places, more than MAX_DECIMAL_FRACTION_DIGITS (${MAX_DECIMAL_FRACTION_DIGITS})`
          : undefined;
    if (over) {
      problems.push({ pointer, code: "unbounded_growth", message: `${op} can build a decimal of ${over} for valid facts; round earlier with jjj.round, or compute less` });
      return UNKNOWN; // reported once, here, not again by every expression that uses it

    }
    return { ...bound, size: bound.int + bound.frac + 2 };
  }

  function built(bound: Bound, pointer: string, what: string): Bound {
    if (bound.unknown || bound.size <= MAX_BUILT_VALUE_SIZE) return bound;
    problems.push({
      pointer,
      code: "unbounded_growth",
      message: `${what} can build a value of more than MAX_BUILT_VALUE_SIZE (${MAX_BUILT_VALUE_SIZE}) characters for valid facts`,
    });
    return UNKNOWN;
  }

  if (expressions.applicable !== undefined) visit(expressions.applicable, "/applicable");
  expressions.conditions.forEach((tree, i) => visit(tree, `/conditions/${i}/logic`));
  for (const [name, tree] of expressions.outcome) outcomes.set(name, visit(tree, `/outcome/${escapePointer(name)}/logic`));
  return problems;
}
