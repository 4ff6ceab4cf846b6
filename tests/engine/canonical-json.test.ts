import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/engine/hash.js";
import { referenceCanonicalJson } from "../helpers/canonical-reference.js";

/*
 * canonicalJson was rewritten for speed (issue #20: it was a large part of loading 10,000 rules); every
 * rule and rule-set hash depends on its text, so it must write what the map/join form wrote, byte for byte.
 */

/** The form canonicalJson replaced (tests/helpers/canonical-reference.ts). */
const reference = referenceCanonicalJson;

describe("canonicalJson", () => {
  it("writes what the map/join form wrote, for every shipped rule file", () => {
    const root = join(import.meta.dirname, "../../rules");
    const files = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(80);
    for (const f of files) {
      const json: unknown = JSON.parse(readFileSync(join(root, f), "utf8"));
      expect(canonicalJson(json), f).toBe(reference(json));
    }
  });

  it("writes what the map/join form wrote, for random JSON values and keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps the corner cases of the old form: undefined, functions, holes, -0, keys needing escapes", () => {
    const cases: unknown[] = [
      [undefined, 1, () => 1, Symbol("s")],
      // eslint-disable-next-line no-sparse-arrays
      [, 1, , 2],
      { a: undefined, b: () => 1, "é\u2028\"": -0, c: [null, NaN, Infinity] },
      { z: { y: [{ x: 1, w: [] }] }, "": {}, "10": 1, "9": 2 },
      new Date(0),
      "text \u0000 \ud800",
      undefined,
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(reference(c));
  });
});
