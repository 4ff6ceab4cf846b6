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
 * Text in Chinese and English.
 *
 * @category Schema
 * @example
 * const title: LocalizedText = { zh: "吸纳京津科技成果补助", en: "Subsidy for absorbing Beijing and Tianjin achievements" };
 */
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

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
 * `stated` when the source prints the date, `inferred` when it was worked out from the text.
 *
 * @category Schema
 * @example
 * const basis: DateBasis = "stated";
 */
export type DateBasis = z.infer<typeof DateBasisSchema>;

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
/**
 * A date with its basis (stated or inferred) and an optional note explaining it.
 *
 * @category Schema
 * @example
 * const from: DatedPoint = { date: "2018-06-01", basis: "inferred", note: { zh: "按印发日期推定", en: "taken from the date of issue" } };
 */
export type DatedPoint = z.infer<typeof DatedPointSchema>;

export { isIsoDate } from "./values.js";
