import { z } from "zod";

/** Text in Chinese and English. Rule titles, labels and explanations always carry both. */
export const LocalizedTextSchema = z
  .object({
    zh: z.string().min(1),
    en: z.string().min(1),
  })
  .strict();
/** Text in Chinese and English. */
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** A calendar date, `YYYY-MM-DD`, that exists (2025-02-30 is rejected). */
export const IsoDateSchema = z.string().refine(isIsoDate, {
  message: "expected a calendar date written YYYY-MM-DD",
});

/** Whether a date is printed in the source text or worked out from it (with the reasoning in `note`). */
export const DateBasisSchema = z.enum(["stated", "inferred"]);
/** `stated` when the source prints the date, `inferred` when it was worked out from the text. */
export type DateBasis = z.infer<typeof DateBasisSchema>;

/** A dated point with its basis: when the text states it, or how it was inferred. */
export const DatedPointSchema = z
  .object({
    date: IsoDateSchema,
    basis: DateBasisSchema,
    note: LocalizedTextSchema.optional(),
  })
  .strict();
/** A date with its basis (stated or inferred) and an optional note explaining it. */
export type DatedPoint = z.infer<typeof DatedPointSchema>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a value is a calendar date written `YYYY-MM-DD` that exists.
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
  // Day 0 of the next month is the last day of this one; UTC avoids host time-zone effects.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}
