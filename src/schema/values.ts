// The values the schemas are built from, without zod: the engine reads them on its trusted path (the
// package's own rules, checked when they were bundled), which must not need zod (issue #15); the zod
// schemas of the `jjj-policy-rules/schema` entry are built from the same lists.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a value is a calendar date written `YYYY-MM-DD` that exists.
 *
 * @category Schema
 *
 * @example
 * isIsoDate("2024-02-29") //=> true
 * isIsoDate("2025-02-30") //=> false
 * isIsoDate("2025-1-7")   //=> false
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lastDay = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= lastDay;
}

/**
 * What a rule does for its subject (`RuleKindSchema` is the zod enum of these).
 *
 * @category Schema
 * @example
 * RULE_KINDS //=> ["benefit", "target", "obligation", "guidance"]
 */
export const RULE_KINDS = ["benefit", "target", "obligation", "guidance"] as const;

/**
 * The subject types the policy matching understands (`SubjectTypeSchema` is the zod enum of these).
 *
 * @category Schema
 * @example
 * SUBJECT_TYPES.includes("university") //=> true
 */
export const SUBJECT_TYPES = [
  "enterprise",
  "state-owned-enterprise",
  "university",
  "research-institute",
  "county-government",
  "city-government",
  "government-unit",
  "researcher",
  "research-project",
  "intermediary",
  "platform",
] as const;

/**
 * The pattern of a subject profile's `city` (lower-case pinyin), and so of every shared input filled from it.
 *
 * @category Schema
 * @example
 * new RegExp(PROFILE_CITY_PATTERN).test("shijiazhuang") //=> true
 */
export const PROFILE_CITY_PATTERN = "^[a-z-]+$";
