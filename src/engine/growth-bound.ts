import type { RuleFile } from "../schema/rule-file.js";
import { DECIMAL_LITERAL, Dec } from "../exact/decimal.js";
import { VALUE_TYPES } from "../types/index.js";
import {
  DIVISION_SIGNIFICANT_DIGITS,
  MAX_BUILT_VALUE_SIZE,
  MAX_DECIMAL_FRACTION_DIGITS,
  MAX_DECIMAL_INTEGER_DIGITS,
} from "../exact/limits.js";

/*
 * A load-time bound on what a rule's logic can build, for every valid input: the integer digits and
 * decimal places of each decimal, and the text size of each string and list. A rule whose bound
 * exceeds a limit of limits.ts is refused at load (a field squaring or doubling the previous one
 * refuses after a few fields) rather than failing on some facts at evaluation. Values the analysis
 * cannot bound (float arithmetic, operations outside the rule profile) are left to the checks the
 * operations make at evaluation.
 */

/** A worst case: integer digits and decimal places if the value is a decimal, text size if not. */
interface Bound {
  int: number;
  frac: number;
  size: number;
  /** The analysis cannot bound this value: never refused at load, checked at evaluation. */
  unknown?: true;
}

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

function decimalBound(text: string): Bound {
  const d = new Dec(text);
  return { int: Math.max(d.e + 1, 1), frac: d.decimalPlaces(), size: text.length };
}

function join(bounds: Bound[], size: number): Bound {
  return bounds.some((b) => b.unknown) ? UNKNOWN : { int: 0, frac: 0, size };
}

/**
 * The problems of a rule file whose logic could build a decimal or a string or list beyond the limits
 * for some valid facts, each at the operation that first exceeds one.
 *
 * @example
 * growthProblems(file) //=> [{ pointer: "/outcome/f3/logic/jjj.mul", code: "unbounded_growth", message: "…" }]
 */
export function growthProblems(file: RuleFile): GrowthProblem[] {
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

  function visit(node: unknown, pointer: string): Bound {
    if (node === null || typeof node === "boolean") return SCALAR;
    if (typeof node === "number") return Number.isFinite(node) ? decimalBound(String(node).includes("e") ? new Dec(node).toString() : String(node)) : UNKNOWN;
    if (typeof node === "string") return DECIMAL_LITERAL.test(node) ? decimalBound(node) : { int: 0, frac: 0, size: node.length };
    if (Array.isArray(node)) {
      const items = node.map((x, i) => visit(x, `${pointer}/${i}`));
      return built(join(items, items.reduce((n, b) => n + b.size + 1, 1)), pointer, "a list");
    }
    if (typeof node !== "object") return UNKNOWN;
    const keys = Object.keys(node);
    if (keys.length !== 1) return UNKNOWN;
    const op = keys[0]!;
    const raw = (node as Record<string, unknown>)[op];
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const here = `${pointer}/${escapePointer(op)}`;
    const at = (i: number) => (Array.isArray(raw) ? `${here}/${i}` : here);
    const name = args[0];
    switch (op) {
      case "var":
        return typeof name === "string" ? inputBound(name) : UNKNOWN;
      case "jjj.param":
        return typeof name === "string" ? paramBound(name) : UNKNOWN;
      case "jjj.outcome":
        return (typeof name === "string" && outcomes.get(name)) || UNKNOWN;
      case "jjj.condition":
        return SCALAR;
      case "jjj.on":
        return DATE;
    }
    const b = args.map((a, i) => visit(a, at(i)));
    if (b.some((x) => x.unknown) && op !== "if" && op !== "?:" && op !== "and" && op !== "or") {
      // Comparisons and tests give booleans whatever their operands; the rest are unknown.
      return op.startsWith("jjj.") && !["jjj.add", "jjj.sub", "jjj.mul", "jjj.div", "jjj.min", "jjj.max", "jjj.round"].includes(op) ? SCALAR : UNKNOWN;
    }
    const max = (f: (x: Bound) => number) => Math.max(0, ...b.map(f));
    switch (op) {
      case "jjj.add":
      case "jjj.sub":
        return decimal({ int: max((x) => x.int) + Math.ceil(Math.log10(Math.max(b.length, 2))), frac: max((x) => x.frac) }, here, op);
      case "jjj.mul":
        return decimal({ int: b.reduce((n, x) => n + x.int, 0), frac: b.reduce((n, x) => n + x.frac, 0) }, here, op);
      case "jjj.div": {
        // |a ÷ b| < 10^(int(a) + frac(b)) and, when not 0, > 10^−(frac(a) + int(b)), to 40 significant digits.
        const [a, d] = b as [Bound, Bound];
        return decimal({ int: a.int + d.frac + 1, frac: DIVISION_SIGNIFICANT_DIGITS - 1 + a.frac + d.int }, here, op);
      }
      case "jjj.min":
      case "jjj.max":
        return decimal({ int: max((x) => x.int), frac: max((x) => x.frac) }, here, op);
      case "jjj.round": {
        const places = typeof args[1] === "number" ? args[1] : 2;
        return decimal({ int: b[0]!.int + 1, frac: Math.min(b[0]!.frac, places) }, here, op);
      }
      case "jjj.dateAddDays":
      case "jjj.dateAddMonths":
      case "jjj.dateAddYears":
        return DATE;
      case "if":
      case "?:": {
        const branches = b.filter((_, i) => i % 2 === 1 || i === b.length - 1);
        return branches.some((x) => x.unknown) ? UNKNOWN : { int: max((x) => x.int), frac: max((x) => x.frac), size: max((x) => x.size) };
      }
      case "and":
      case "or":
        return b.some((x) => x.unknown) ? UNKNOWN : { int: max((x) => x.int), frac: max((x) => x.frac), size: max((x) => x.size) };
      case "cat":
        return built({ int: 0, frac: 0, size: b.reduce((n, x) => n + Math.max(x.size, x.int + x.frac + 2), 0) }, here, op);
      case "merge":
        return built({ int: 0, frac: 0, size: b.reduce((n, x) => n + Math.max(x.size, x.int + x.frac + 2) + 1, 1) }, here, op);
      case "substr":
        return { int: 0, frac: 0, size: b[0]!.size };
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
      case "min":
      case "max":
        return UNKNOWN; // floats: any decimal they reach is checked at evaluation
      default:
        return SCALAR; // comparisons, `!`, `!!`, `in`, date comparisons: booleans
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

  if (file.applicable !== undefined) visit(file.applicable, "/applicable");
  file.conditions.forEach((c, i) => visit(c.logic, `/conditions/${i}/logic`));
  for (const [name, spec] of Object.entries(file.outcome)) outcomes.set(name, visit(spec.logic, `/outcome/${escapePointer(name)}/logic`));
  return problems;
}
