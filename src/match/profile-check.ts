import type { PolicyIssue } from "../errors.js";
import { isIsoDate, PROFILE_CITY_PATTERN, SUBJECT_TYPES } from "../schema/values.js";
import { receivedTypeName as received } from "../format/received.js";

/*
 * The subject profile check without zod (issue #15: the engine entry, `jjj-policy-rules/engine`, carries no
 * zod). It reports what `SubjectProfileSchema` (match/profile.ts, the zod schema of the
 * `jjj-policy-rules/schema` entry) reports, with the same codes, paths and messages, in the same order;
 * tests/match/profile-check.test.ts compares the two on every kind of mistake.
 */

/**
 * The subject types the policy matching understands.
 *
 * @category Matching
 * @example
 * const type: SubjectType = "state-owned-enterprise";
 */
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * A subject profile for policy matching: what the subject is, where, in which fields, and any facts
 * already known (by input name, e.g. `contractAmount`).
 *
 * @category Matching
 * @example
 * const profile: SubjectProfile = { type: "university", city: "handan", fields: ["biomedicine"] };
 */
export interface SubjectProfile {
  /**
   * The subject type: `enterprise`, `state-owned-enterprise`, `university`, `researcher` … The shared
   * inputs filled from it (`fromProfile: "type"` in `<document>/inputs.json`) must list exactly these
   * values: the loader checks it (`profile_mismatch`), so the profile and the rules speak one vocabulary.
   */
  type: SubjectType;
  /** The city, lower-case pinyin (`shijiazhuang`, `handan`): the pattern of the shared inputs filled from it. */
  city?: string | undefined;
  /** Fields of activity, lower-kebab-case English (`biomedicine`, `hydrogen-energy`). */
  fields?: string[] | undefined;
  /** Facts known about the subject, by rule input name. */
  facts?: Record<string, unknown> | undefined;
  /** The date to match on; the `on` option wins when both are given. */
  on?: string | undefined;
}

/**
 * Subject types that are a kind of another: a measure for enterprises concerns a state-owned
 * enterprise too. This is a fact about the subject taxonomy, not about any one policy.
 */
export const BROADER_TYPES: Readonly<Record<string, readonly string[]>> = {
  "state-owned-enterprise": ["enterprise"],
};

const KEYS = ["type", "city", "fields", "facts", "on"] as const;
const CITY = new RegExp(PROFILE_CITY_PATTERN);
const FIELD = /^[a-z0-9-]+$/;


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A plain object, as zod's record type takes it (a null-prototype object is one; a Map or a Date is not). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const proto = (ctor as { prototype?: unknown }).prototype;
  return isObject(proto) && Object.hasOwn(proto, "isPrototypeOf");
}

type Issue = { code: string; path: (string | number)[]; message: string };
const typeIssue = (path: (string | number)[], expected: string, value: unknown): Issue => ({
  code: "invalid_type",
  path,
  message: `Invalid input: expected ${expected}, received ${received(value)}`,
});

/**
 * Check a profile (already a copy the caller cannot change): the profile with only its known fields, or
 * every problem, as zod's `SubjectProfileSchema.safeParse` would report them.
 */
export function checkProfile(input: unknown): { ok: true; profile: SubjectProfile } | { ok: false; issues: PolicyIssue[] } {
  if (!isObject(input)) return failed([typeIssue([], "object", input)]);
  const issues: Issue[] = [];
  const { type, city, fields, facts, on } = input;
  if (!(SUBJECT_TYPES as readonly unknown[]).includes(type)) {
    issues.push({ code: "invalid_value", path: ["type"], message: `Invalid option: expected one of ${SUBJECT_TYPES.map((t) => `"${t}"`).join("|")}` });
  }
  if (city !== undefined) {
    if (typeof city !== "string") issues.push(typeIssue(["city"], "string", city));
    else if (!CITY.test(city)) issues.push({ code: "invalid_format", path: ["city"], message: "expected a lower-case pinyin city name, e.g. shijiazhuang" });
  }
  if (fields !== undefined) {
    if (!Array.isArray(fields)) issues.push(typeIssue(["fields"], "array", fields));
    else
      fields.forEach((f: unknown, i) => {
        if (typeof f !== "string") issues.push(typeIssue(["fields", i], "string", f));
        else if (!FIELD.test(f)) issues.push({ code: "invalid_format", path: ["fields", i], message: `Invalid string: must match pattern ${String(FIELD)}` });
      });
  }
  if (facts !== undefined && !isPlainObject(facts)) issues.push(typeIssue(["facts"], "record", facts));
  if (on !== undefined) {
    if (typeof on !== "string") issues.push(typeIssue(["on"], "string", on));
    else if (!isIsoDate(on)) issues.push({ code: "custom", path: ["on"], message: "expected a calendar date written YYYY-MM-DD" });
  }
  const unknown = Object.keys(input).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    issues.push({ code: "unrecognized_keys", path: [], message: `Unrecognized key${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => `"${k}"`).join(", ")}` });
  }
  if (issues.length > 0) return failed(issues);
  const profile: Record<string, unknown> = {};
  for (const key of KEYS) if (Object.hasOwn(input, key)) profile[key] = input[key];
  // The facts as a new plain object, as zod's record builds it: own keys in order, an own "__proto__" left out.
  if (isPlainObject(facts)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(facts)) if (key !== "__proto__") copy[key] = facts[key];
    profile["facts"] = copy;
  }
  return { ok: true, profile: profile as unknown as SubjectProfile };
}

function failed(issues: Issue[]): { ok: false; issues: PolicyIssue[] } {
  return { ok: false, issues: issues.map((i) => ({ code: i.code, path: i.path.map(String).join("."), message: i.message })) };
}
