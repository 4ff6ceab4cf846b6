import * as z from "zod"; // a namespace import: a bundler keeps only the members used (not zod's locales)
import { isIsoDate } from "./values.js";

/**
 * Text in Chinese and English. Rule titles, labels and explanations always carry both.
 *
 * @category Schema
 * @example
 * LocalizedTextSchema.parse({ zh: "符合补助条件", en: "eligible" }) //=> { zh: "符合补助条件", en: "eligible" }
 */
export const LocalizedTextSchema = z
  .object({
    zh: z.string().min(1),
    en: z.string().min(1),
  })
  .strict();

/**
 * A calendar date, `YYYY-MM-DD`, that exists (2025-02-30 is rejected).
 *
 * @category Schema
 * @example
 * IsoDateSchema.safeParse("2025-02-30").success //=> false
 */
export const IsoDateSchema = z.string().refine(isIsoDate, {
  message: "expected a calendar date written YYYY-MM-DD",
});

/**
 * Whether a date is printed in the source text or worked out from it (with the reasoning in `note`).
 *
 * @category Schema
 * @example
 * DateBasisSchema.parse("inferred") //=> "inferred"
 */
export const DateBasisSchema = z.enum(["stated", "inferred"]);

/**
 * A dated point with its basis: when the text states it, or how it was inferred.
 *
 * @category Schema
 * @example
 * DatedPointSchema.parse({ date: "2025-01-17", basis: "stated" }).date //=> "2025-01-17"
 */
export const DatedPointSchema = z
  .object({
    date: IsoDateSchema,
    basis: DateBasisSchema,
    note: LocalizedTextSchema.optional(),
  })
  .strict();

export { isIsoDate } from "./values.js";

// The types of these files are plain TypeScript (types.ts): the main entry's declarations then need no zod
// (issue #15); tests/types/schema-types.test-d.ts checks that each equals what its schema infers.
export type { LocalizedText, DateBasis, DatedPoint } from "./types.js";
