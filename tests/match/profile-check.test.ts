import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProfile } from "../../src/match/profile-check.js";
import { SubjectProfileSchema } from "../../src/match/profile.js";

// The engine entry checks profiles without zod (issue #15); the zod schema stays for the schema entry. The
// two must agree on every profile: the same issues (code, path, message, order) or the same parsed profile.
function viaZod(input: unknown) {
  const r = SubjectProfileSchema.safeParse(input);
  return r.success
    ? { ok: true, profile: r.data }
    : { ok: false, issues: r.error.issues.map((i) => ({ code: i.code, path: i.path.map(String).join("."), message: i.message })) };
}

const CASES: unknown[] = [
  null,
  "x",
  3,
  NaN,
  [],
  {},
  new Map(),
  { type: "company", city: "Shijiazhuang" },
  { type: 1, city: 2, fields: "a", facts: [], on: 5, extra: 1, more: 2 },
  { type: "enterprise", fields: ["A", 3, "ok", Infinity], facts: null, on: "2025-02-30" },
  { type: "enterprise", facts: { a: 1 }, on: "2025-02-03", city: "handan" },
  { type: "university", city: undefined, fields: undefined, facts: new Map() },
  { type: "enterprise", facts: new Date(0), on: new Date(0) },
  { type: "enterprise", facts: Object.create(null), one: 1 },
  { type: "enterprise", facts: Object.assign(Object.create(null), { a: 1 }) },
  JSON.parse('{"type":"enterprise","facts":{"__proto__":{"x":1},"b":2}}'),
  JSON.parse('{"type":"enterprise","__proto__":{"x":1}}'),
  { on: "2025-06-01", type: "researcher", fields: ["hydrogen-energy", "biomedicine"], facts: { contractAmount: "3000000" } },
];

describe("the profile check without zod", () => {
  it("reports what SubjectProfileSchema reports, on each kind of mistake", () => {
    for (const c of CASES) expect(checkProfile(c), JSON.stringify(c)).toStrictEqual(viaZod(c));
  });

  it("agrees with SubjectProfileSchema on random profiles", () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.string()));
    const profile = fc.record(
      {
        type: fc.oneof(fc.constantFrom("enterprise", "state-owned-enterprise", "university", "company"), value),
        city: fc.oneof(fc.constantFrom("shijiazhuang", "Handan", "xi-an"), value),
        fields: fc.oneof(fc.array(fc.oneof(fc.constantFrom("biomedicine", "AI", "a b"), value), { maxLength: 3 }), value),
        facts: value,
        on: fc.oneof(fc.constantFrom("2025-06-01", "2025-02-29", "2024-02-29"), value),
        other: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(profile, (p) => void expect(checkProfile(p)).toStrictEqual(viaZod(p))), { numRuns: 5000 });
  });
});
