import * as z from "zod"; // a namespace import: a bundler keeps only the members used (not zod's locales)
import { IsoDateSchema } from "../schema/common.js";
import { SubjectTypeSchema } from "../schema/rule-file.js";
import { PROFILE_CITY_PATTERN } from "../schema/values.js";

/**
 * A subject profile for policy matching: what the subject is, where, in which fields, and any facts
 * already known (by input name, e.g. `contractAmount`).
 *
 * @category Matching
 * @example
 * SubjectProfileSchema.parse({ type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "3000000" } })
 */
export const SubjectProfileSchema = z
  .object({
    /**
     * The subject type: `enterprise`, `state-owned-enterprise`, `university`, `researcher` … The shared
     * inputs filled from it (`fromProfile: "type"` in `<document>/inputs.json`) must list exactly these
     * values: the loader checks it (`profile_mismatch`), so the profile and the rules speak one vocabulary.
     */
    type: SubjectTypeSchema,
    /** The city, lower-case pinyin (`shijiazhuang`, `handan`): the pattern of the shared inputs filled from it. */
    city: z.string().regex(new RegExp(PROFILE_CITY_PATTERN), "expected a lower-case pinyin city name, e.g. shijiazhuang").optional(),
    /** Fields of activity, lower-kebab-case English (`biomedicine`, `hydrogen-energy`). */
    fields: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
    /** Facts known about the subject, by rule input name. */
    facts: z.record(z.string(), z.unknown()).optional(),
    /** The date to match on; the `on` option wins when both are given. */
    on: IsoDateSchema.optional(),
  })
  .strict();
export type { SubjectProfile } from "./profile-check.js";
export { BROADER_TYPES } from "./profile-check.js";
