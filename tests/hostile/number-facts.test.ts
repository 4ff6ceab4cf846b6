import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { InvalidFactsError } from "../../src/errors.js";
import { guardPrototypes, thrown } from "./guard.js";
import { EVALUATION_PATHS, type Facts } from "../helpers/paths.js";

// Issue #11, item 3 carried over to facts: a JS number is taken as a decimal only when it is exactly the
// decimal it prints as (at most 15 significant digits, or a safe integer), as a what-if parameter is.
// 0.1 + 0.2 is 0.30000000000000004: the caller meant 0.3, and must say so with a string.
guardPrototypes();

const set = defaultEngine().ruleSet;
const paths = EVALUATION_PATHS;

/** Every (rule, example, decimal or rate input) of the shipped set whose example decides. */
const cases = set.ruleIds().flatMap((id) => {
  const file = set.versions(id).at(-1)!.file;
  const example = file.examples.find((e) => e.expected?.outcome !== undefined && typeof e.facts === "object");
  if (!example) return [];
  return Object.entries(file.inputs)
    .filter(([name, spec]) => (spec.type === "rate" || spec.type === "decimal") && name in (example.facts as Facts))
    .map(([name]) => ({ id, on: example.on, facts: example.facts as Facts, name }));
});

describe.each(paths)("a decimal or rate fact given as a JS number (%s)", (_path, run) => {
  it("there are rules to try", () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [`${c.id} ${c.name}`, c] as const))("%s: 0.1 + 0.2 is refused, naming the input and asking for a string", (_label, c) => {
    const error = thrown(() => run(c.id, { ...c.facts, [c.name]: 0.1 + 0.2 }, c.on));
    expect(error).toBeInstanceOf(InvalidFactsError);
    const issue = (error as InvalidFactsError).issues.find((i) => i.path === c.name);
    expect(issue, JSON.stringify((error as InvalidFactsError).issues)).toBeDefined();
    expect(issue!.message).toContain("as a string");
  });

  it.each(cases.map((c) => [`${c.id} ${c.name}`, c] as const))("%s: the number that is exactly the example's decimal decides as the string does", (_label, c) => {
    const text = String(c.facts[c.name]);
    const asNumber = Number(text);
    expect(String(asNumber)).toBe(text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")); // the example's value prints as itself
    const byString = run(c.id, c.facts, c.on);
    const byNumber = run(c.id, { ...c.facts, [c.name]: asNumber }, c.on);
    expect(byNumber.outcome).toEqual(byString.outcome);
  });
});
