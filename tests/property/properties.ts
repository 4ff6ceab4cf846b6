import fc from "fast-check";
import { Decimal } from "decimal.js";
import type { Engine } from "../../src/api.js";
import { InvalidFactsError } from "../../src/errors.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { Decision } from "../../src/engine/decision.js";
import { evaluationDate, invalidValues, moneyArbitrary, validFacts } from "./generators.js";

/**
 * The properties every benefit and target rule must have, as fast-check properties over facts generated
 * from the rule's declared inputs. `propertiesOf` lists the ones that apply to a rule version; the test
 * runs each 1,000 times, and `self-check.test.ts` shows each one catches a rule that breaks it.
 */

/** Runs per property. */
export const RUNS = 1000;
const MONEY = /^\d+\.\d{2}$/;
const D = Decimal.clone({ precision: 60 });

export interface NamedProperty {
  name: string;
  property: fc.IProperty<any>;
}

function fail(message: string): never {
  throw new Error(message);
}

function decide(engine: Engine, version: LoadedRuleVersion, facts: unknown, on: string, explain = false): Decision {
  return engine.evaluate(version.file.id, facts, { on, version: version.file.version, explain });
}

/** The inputs an outcome field depends on, through the conditions and outcome fields it refers to, and `applicable`. */
export function dependencies(version: LoadedRuleVersion, field: string): Set<string> {
  const file = version.file;
  const conditions = new Map(file.conditions.map((c) => [c.id, c.logic]));
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const op = Object.keys(node)[0]!;
    const arg = (node as Record<string, unknown>)[op];
    const name = String(Array.isArray(arg) ? arg[0] : arg);
    if (op === "var") out.add(name);
    else if (op === "jjj.condition" && !seen.has(`c:${name}`)) {
      seen.add(`c:${name}`);
      walk(conditions.get(name));
    } else if (op === "jjj.outcome" && !seen.has(`o:${name}`)) {
      seen.add(`o:${name}`);
      walk(file.outcome[name]?.logic);
    } else walk(arg);
  };
  walk(file.outcome[field]?.logic);
  if (file.applicable !== undefined) walk(file.applicable);
  return out;
}

const isZero = (value: unknown) => (typeof value === "number" ? value === 0 : typeof value === "string" && new D(value).isZero());

/** Facts given as a JSON text, so `__proto__` and friends become own keys. */
function withExtraKey(facts: Record<string, unknown>, key: string): unknown {
  return JSON.parse(JSON.stringify({ ...facts, [`\u0000${key}`]: 1 }).replace(JSON.stringify(`\u0000${key}`), JSON.stringify(key)));
}

/** Every property that applies to a benefit or target rule version. */
export function propertiesOf(engine: Engine, version: LoadedRuleVersion): NamedProperty[] {
  const file = version.file;
  const facts = validFacts(version);
  const on = evaluationDate(version);
  const money = Object.entries(file.outcome).filter(([, s]) => s.type === "money").map(([n]) => n);
  const cap = file.parameters["cap"]?.type === "money" ? file.parameters["cap"] : undefined;
  const out: NamedProperty[] = [];

  out.push({
    name: "evaluate never throws on facts that pass the input schema",
    property: fc.property(facts, on, (f, d) => {
      if (!version.factsChecker.check(f).success) fail(`the generator made facts the schema rejects: ${JSON.stringify(f)}`);
      const decision = decide(engine, version, f, d, true);
      if (JSON.stringify(JSON.parse(JSON.stringify(decision))) !== JSON.stringify(decision)) fail("the decision is not plain JSON");
    }),
  });

  const inputs = Object.entries(file.inputs);
  const required = inputs.filter(([, s]) => s.default === undefined).map(([n]) => n);
  const corruption = fc.oneof(
    fc.constantFrom(...inputs).chain(([name, spec]) => fc.constantFrom(...invalidValues(spec)).map((value) => ({ kind: "value" as const, name, value }))),
    ...(required.length > 0 ? [fc.constantFrom(...required).map((name) => ({ kind: "missing" as const, name, value: undefined }))] : []),
    fc.constantFrom("notAnInput", "__proto__", "constructor", "prototype", "toString").map((name) => ({ kind: "unknown" as const, name, value: 1 })),
  );
  out.push({
    name: "evaluate throws InvalidFactsError naming the input on facts that do not pass it (a wrong value, a missing input, an unknown key)",
    property: fc.property(facts, on, corruption, (f, d, c) => {
      const bad: Record<string, unknown> = { ...f };
      if (c.kind === "value") bad[c.name] = c.value;
      if (c.kind === "missing") delete bad[c.name];
      const given = c.kind === "unknown" ? withExtraKey(bad, c.name) : bad;
      try {
        decide(engine, version, given, d);
      } catch (error) {
        if (!(error instanceof InvalidFactsError)) throw error;
        if (!error.issues.some((i) => i.path.split(", ").includes(c.name))) fail(`no issue names ${c.name}: ${error.message}`);
        return;
      }
      fail(`accepted ${c.kind} ${c.name} = ${JSON.stringify(c.value)}`);
    }),
  });

  out.push({
    name: "evaluate throws InvalidFactsError on facts that are not an object",
    property: fc.property(
      fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 })),
      on,
      (f, d) => {
        try {
          decide(engine, version, f, d);
        } catch (error) {
          if (error instanceof InvalidFactsError) return;
          throw error;
        }
        fail(`accepted ${JSON.stringify(f)}`);
      },
    ),
  });

  if (money.length > 0) {
    out.push({
      name: `money outcomes (${money.join(", ")}) are exact to the fen and never negative${cap ? `, and never above the cap (${cap.value})` : ""}`,
      property: fc.property(facts, on, (f, d) => {
        const decision = decide(engine, version, f, d);
        for (const field of money) {
          const amount = decision.outcome[field];
          // Not in force: the outcome holds only the fields with a whenNotInForce value.
          if (amount === undefined && !decision.inForce && file.outcome[field]!.whenNotInForce === undefined) continue;
          if (typeof amount !== "string" || !MONEY.test(amount)) fail(`${field} = ${JSON.stringify(amount)}`);
          if (cap && new D(amount).gt(decision.parameters["cap"] as string)) fail(`${field} = ${amount} is above the cap ${decision.parameters["cap"]}`);
        }
      }),
    });
  }

  // The amount a benefit grants (the field `amount`, or `<x>Amount`), not every money field: a cap that is
  // a share of (direct costs − equipment) rightly falls as equipment costs grow.
  if (file.kind === "benefit") {
    for (const field of money.filter((n) => n === "amount" || n.endsWith("Amount"))) {
      for (const input of [...dependencies(version, field)].filter((n) => file.inputs[n]?.type === "money")) {
        const value = moneyArbitrary(file.inputs[input]!, file);
        out.push({
          name: `${field} does not decrease as ${input} grows, other facts fixed`,
          property: fc.property(facts, on, value, value, (f, d, a, b) => {
            const [low, high] = new D(a).lte(b) ? [a, b] : [b, a];
            const lowAmount = decide(engine, version, { ...f, [input]: low }, d).outcome[field] as string;
            const highAmount = decide(engine, version, { ...f, [input]: high }, d).outcome[field] as string;
            if (new D(lowAmount).gt(highAmount)) fail(`${input} ${low} gives ${lowAmount}, ${input} ${high} gives ${highAmount}`);
          }),
        });
      }
    }
  }

  if (file.kind === "target") {
    for (const shortfall of Object.keys(file.outcome).filter((n) => n === "shortfall" || n.endsWith("Shortfall"))) {
      const met = shortfall === "shortfall" ? "met" : shortfall.replace(/Shortfall$/, "Met");
      out.push({
        name: `${shortfall} is zero exactly when ${met} is true, and never negative`,
        property: fc.property(facts, on, (f, d) => {
          if (file.outcome[met] === undefined) fail(`the rule has ${shortfall} but no ${met}`);
          const decision = decide(engine, version, f, d);
          if (!decision.inForce) return;
          const value = decision.outcome[shortfall];
          if (isZero(value) !== (decision.outcome[met] === true)) fail(`${shortfall} = ${JSON.stringify(value)} but ${met} = ${decision.outcome[met]}`);
          if (new D(value as string | number).isNegative()) fail(`${shortfall} = ${value} is negative`);
        }),
      });
    }
  }
  return out;
}
