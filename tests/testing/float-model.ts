import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { childNodes, operationName } from "../../src/logic/walk.js";
import type { LogicNode } from "../../src/logic/tree.js";

/*
 * A rule version's logic run with binary floating point, as a downstream service that reads the rule
 * and writes `Number` arithmetic would run it (issue #17): decimals become JS numbers, `jjj.round` and
 * the final rounding of money to the fen are `Math.round(x * 10^p) / 10^p`. It reads the typed logic tree.
 * Used to search for float traps (inputs where floats round to another fen than exact decimals) and as
 * the float implementation that `checkImplementation` must reject.
 */

type Env = { facts: Record<string, unknown>; on: string; conditions: Record<string, unknown>; outcome: Record<string, unknown> };

const NUMERIC = new Set(["money", "rate", "decimal", "integer"]);

/** The version's outcome computed with floats: money as a number rounded half-up to the fen the float way. */
export function floatOutcome(version: LoadedRuleVersion, facts: Record<string, unknown>, on: string): Record<string, unknown> {
  const env: Env = { facts, on, conditions: {}, outcome: {} };
  for (const c of version.conditions) env.conditions[c.spec.id] = truthy(run(c.tree, version, env));
  const out: Record<string, unknown> = {};
  for (const field of version.outcome) {
    const raw = run(field.tree, version, env);
    env.outcome[field.name] = raw;
    out[field.name] = field.spec.type === "money" ? Math.round(Number(raw) * 100) / 100 : raw;
  }
  return out;
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
const round = (x: number, places: number, mode: string) => {
  const s = 10 ** places;
  const f = mode === "down" ? Math.trunc : mode === "floor" ? Math.floor : mode === "ceil" ? Math.ceil : mode === "up" ? (y: number) => Math.sign(y) * Math.ceil(Math.abs(y)) : Math.round;
  return f(x * s) / s;
};

function run(node: LogicNode, version: LoadedRuleVersion, env: Env): unknown {
  const name = operationName(node);
  if (name === undefined) {
    if (Array.isArray(node.source)) return childNodes(node).map((n) => run(n, version, env));
    return node.source;
  }
  const kids = childNodes(node);
  const arg = (i: number) => run(kids[i]!, version, env);
  const num = (i: number) => Number(arg(i));
  const nums = () => kids.map((_, i) => num(i));
  switch (name) {
    case "var": {
      const input = String(node.reference?.name ?? (node.source as { var: unknown }).var);
      const v = env.facts[input] ?? version.file.inputs[input]?.default;
      return NUMERIC.has(version.file.inputs[input]?.type ?? "") ? Number(v) : v;
    }
    case "jjj.param": {
      const p = version.file.parameters[node.reference!.name]!;
      return NUMERIC.has(p.type) ? Number(p.value) : p.value;
    }
    case "jjj.condition":
      return env.conditions[node.reference!.name];
    case "jjj.outcome":
      return env.outcome[node.reference!.name];
    case "jjj.on":
      return env.on;
    case "jjj.add":
    case "+":
      return nums().reduce((a, b) => a + b, 0);
    case "jjj.sub":
    case "-":
      return kids.length === 1 ? -num(0) : num(0) - num(1);
    case "jjj.mul":
    case "*":
      return nums().reduce((a, b) => a * b, 1);
    case "jjj.div":
    case "/":
      return num(0) / num(1);
    case "jjj.min":
    case "min":
      return Math.min(...nums());
    case "jjj.max":
    case "max":
      return Math.max(...nums());
    case "jjj.round":
      return round(num(0), kids[1] ? num(1) : 2, kids[2] ? String(arg(2)) : "half-up");
    case "jjj.gt":
    case ">":
      return num(0) > num(1);
    case "jjj.gte":
    case ">=":
      return num(0) >= num(1);
    case "jjj.lt":
    case "<":
      return num(0) < num(1);
    case "jjj.lte":
    case "<=":
      return num(0) <= num(1);
    case "jjj.eq":
      return num(0) === num(1);
    case "jjj.dateGt":
      return String(arg(0)) > String(arg(1));
    case "jjj.dateGte":
      return String(arg(0)) >= String(arg(1));
    case "jjj.dateLt":
      return String(arg(0)) < String(arg(1));
    case "jjj.dateLte":
      return String(arg(0)) <= String(arg(1));
    case "jjj.dateEq":
      return String(arg(0)) === String(arg(1));
    case "===":
      return arg(0) === arg(1);
    case "!==":
      return arg(0) !== arg(1);
    case "in": {
      const hay = arg(1);
      return Array.isArray(hay) ? hay.includes(arg(0)) : String(hay).includes(String(arg(0)));
    }
    case "!":
      return !truthy(arg(0));
    case "!!":
      return truthy(arg(0));
    case "and": {
      let last: unknown = true;
      for (let i = 0; i < kids.length; i++) if (!truthy((last = arg(i)))) return last;
      return last;
    }
    case "or": {
      let last: unknown = false;
      for (let i = 0; i < kids.length; i++) if (truthy((last = arg(i)))) return last;
      return last;
    }
    case "if":
    case "?:": {
      let i = 0;
      for (; i + 1 < kids.length; i += 2) if (truthy(arg(i))) return arg(i + 1);
      return i < kids.length ? arg(i) : null;
    }
    default:
      throw new Error(`float model: no float form for ${name}`);
  }
}
