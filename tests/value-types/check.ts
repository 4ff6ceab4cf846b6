import fc from "fast-check";
import { expect } from "vitest";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { INVALID, NOT_FAST, VALUE_TYPES } from "../../src/types/index.js";
import { arbitrariesOf } from "../helpers/value-arbitraries.js";

/** A label for test specs. */
export const label = { zh: "测试", en: "test" };

/**
 * The properties every value type keeps for an input spec: its valid values are accepted (by the
 * expectation and by the fast reader, which never says INVALID for them) and its invalid ones rejected
 * by both; a canonical form is accepted again and is its own canonical form.
 */
export function checkAcceptance(spec: InputSpec, runs = 200): void {
  const type = VALUE_TYPES[spec.type];
  const exp = type.expectation(spec);
  const reader = type.slotReader(spec, exp);
  const { valid, invalid } = arbitrariesOf(spec);
  fc.assert(
    fc.property(valid, (v) => {
      const canonical = exp.accept(v);
      expect(canonical, `accepts ${JSON.stringify(v)}`).not.toBeUndefined();
      expect(exp.accept(canonical)).toEqual(canonical);
      expect(reader.read(v)).not.toBe(INVALID);
    }),
    { numRuns: runs, seed: 7 },
  );
  fc.assert(
    fc.property(invalid, (v) => {
      expect(exp.accept(v), `rejects ${JSON.stringify(v)}`).toBeUndefined();
      const read = reader.read(v);
      expect(read === INVALID || read === NOT_FAST ? INVALID : read, `the fast reader rejects ${JSON.stringify(v)}`).toBe(INVALID);
    }),
    { numRuns: runs, seed: 11 },
  );
}
