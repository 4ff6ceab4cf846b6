import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { slotData } from "../../src/engine/facts.js";
import { describeSafely } from "../../src/exact/describe-safely.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { INVALID, NOT_FAST, VALUE_TYPES } from "../../src/types/index.js";
import { FactIssue, Unreadable, acceptsFact, inputCheck, reasonOf } from "../../src/types/input-check.js";
import { arbitrariesOf } from "../helpers/value-arbitraries.js";
import { label } from "./check.js";

/*
 * The one check of a fact (types/input-check.ts), for every value type, on the input specs of every
 * shipped rule: a valid value gives its canonical form, an invalid one the issue with the type's words;
 * and each type's fast slot reader, where it takes a value, holds exactly the check's canonical value
 * (a reader laxer than the check would show here; a stricter one is overruled by the check, see
 * tests/engine/facts-one-validator.test.ts).
 */

const set = defaultEngine().ruleSet;
/** Every distinct input spec of the shipped rules (by JSON), so each type is tried on its real bounds, values and patterns. */
const specs: InputSpec[] = [
  ...new Map(
    set
      .ruleIds()
      .flatMap((id) => set.versions(id))
      .flatMap((v) => Object.values(v.file.inputs))
      .map((spec) => [JSON.stringify(spec), spec] as const),
  ).values(),
];

describe("the input check of every value type", () => {
  it("is tried on every value type", () => {
    expect(new Set(specs.map((s) => s.type))).toEqual(new Set(Object.keys(VALUE_TYPES)));
  });

  for (const spec of specs) {
    const name = `${spec.type} ${JSON.stringify({ ...spec, label: undefined, values: spec.values && Object.keys(spec.values) })}`;
    it(name, () => {
      const check = inputCheck(spec);
      const exp = VALUE_TYPES[spec.type].expectation(spec);
      const reader = VALUE_TYPES[spec.type].slotReader(spec, check.expectation);
      const { valid, invalid } = arbitrariesOf(spec);
      fc.assert(
        fc.property(valid, (v) => {
          const value = check.check(v);
          expect(value, `accepts ${JSON.stringify(v)}`).not.toBeInstanceOf(FactIssue);
          expect(value).toStrictEqual(exp.accept(v));
          // The fast reader: a slot that is exactly the check's canonical value, or no fast answer.
          const slot = reader.read(v);
          if (slot !== INVALID && slot !== NOT_FAST) expect(slotData(reader.kind, slot), `the slot of ${JSON.stringify(v)}`).toStrictEqual(value);
        }),
        { numRuns: 100, seed: 5 },
      );
      fc.assert(
        fc.property(invalid, (v) => {
          const issue = check.check(v);
          expect(issue, `rejects ${JSON.stringify(v)}`).toBeInstanceOf(FactIssue);
          expect({ ...(issue as FactIssue) }).toStrictEqual({
            code: "invalid_value",
            message: `invalid ${spec.type}${exp.hint?.(v) ? `: ${exp.hint(v)}` : ""}`,
            expected: exp.expected,
            received: describeSafely(v),
          });
          // A reader laxer than the check would take it.
          const slot = reader.read(v);
          expect(slot === INVALID || slot === NOT_FAST, `the fast reader does not take ${JSON.stringify(v)}`).toBe(true);
        }),
        { numRuns: 100, seed: 9 },
      );
      // An absent fact: the default, canonical and fresh each time, or missing_input.
      if (spec.default === undefined) {
        expect({ ...(check.check(undefined) as FactIssue) }).toStrictEqual({ code: "missing_input", message: "missing required input", expected: exp.expected, received: "nothing" });
      } else {
        expect(check.check(undefined)).toStrictEqual(exp.accept(spec.default));
        expect(acceptsFact(spec, spec.default)).toBe(true);
      }
    });
  }
});

describe("facts that cannot be read", () => {
  const list: InputSpec = { type: "enumList", label, values: { a: label, b: label } };

  it("a value whose getter threw (read by the facts walk) is unreadable_input, with the reason", () => {
    const issue = inputCheck({ type: "money", label }).check(new Unreadable(reasonOf(new RangeError("boom"))));
    expect({ ...(issue as FactIssue) }).toStrictEqual({
      code: "unreadable_input",
      message: "the value could not be read: RangeError: boom",
      expected: inputCheck({ type: "money", label }).expected,
      received: "a value whose getter or proxy threw",
    });
  });

  it("a list that is a revoked proxy, or whose traps throw, is unreadable_input, not an internal error", () => {
    const revocable = Proxy.revocable(["a"], {});
    revocable.revoke();
    const throwing = new Proxy(["a"], {
      get() {
        throw new Error("trap");
      },
    });
    for (const [value, reason] of [
      [revocable.proxy, "TypeError"],
      [throwing, "Error: trap"],
    ] as const) {
      const issue = inputCheck(list).check(value);
      expect(issue).toBeInstanceOf(FactIssue);
      expect((issue as FactIssue).code).toBe("unreadable_input");
      expect((issue as FactIssue).message).toContain(reason);
    }
  });

  it("a reason that cannot be shown is named as such", () => {
    const hostile = {
      get name(): string {
        throw new Error("no");
      },
    };
    Object.setPrototypeOf(hostile, Error.prototype);
    expect(reasonOf(hostile)).toBe("an error that cannot be shown");
    expect(reasonOf("plain")).toBe("plain");
  });

  it("a list default is a fresh list on every absent fact: changing one changes no later decision", () => {
    const check = inputCheck({ ...list, default: ["a"] });
    const first = check.check(undefined) as string[];
    first.push("b");
    expect(check.check(undefined)).toEqual(["a"]);
  });
});
