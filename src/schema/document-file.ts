import { z } from "zod";
import { DatedPointSchema, LocalizedTextSchema } from "./common.js";

/** The metadata of one source document: `rules/<document>/document.json`. */
export const DocumentFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: LocalizedTextSchema,
    issuer: LocalizedTextSchema,
    /** The date of issue or adoption, stated or inferred (with the reasoning). */
    date: DatedPointSchema,
    validity: z
      .object({
        from: DatedPointSchema.optional(),
        to: DatedPointSchema.optional(),
        note: LocalizedTextSchema,
      })
      .strict(),
    /** How many measures the document itself declares. */
    measuresDeclared: z.number().int().nonnegative(),
    /** The seed file the rules were encoded from, under `shared/seeds/`. */
    seed: z.string(),
    /** Data-quality notes: debris in the seed, conflicts inside the text, what the seed leaves out. */
    notes: z.array(LocalizedTextSchema),
  })
  .strict();
/** The metadata of one source document. */
export type DocumentFile = z.infer<typeof DocumentFileSchema>;
