import * as z from "zod"; // a namespace import: a bundler keeps only the members used (not zod's locales)
import { DatedPointSchema, LocalizedTextSchema } from "./common.js";

/**
 * One measure (or task, or area) of a document, as the document numbers it: the coverage checklist.
 *
 * @category Schema
 * @example
 * MeasureEntrySchema.parse({ key: "sjz-2025/九", clause: "九", title: { zh: "深化吸纳京津成果激励机制", en: "Incentives" }, kinds: ["benefit"] })
 */
export const MeasureEntrySchema = z
  .object({
    /** `<document>/<clause>`, e.g. `sjz-2025/九`; rules cite it in their `measures`. */
    key: z.string().min(1),
    clause: z.string().min(1),
    title: LocalizedTextSchema,
    /** The kinds of rule the measure calls for (a measure can be both a target and an obligation). */
    kinds: z.array(z.enum(["benefit", "target", "obligation", "guidance"])).min(1),
  })
  .strict();

/**
 * The metadata of one source document: `rules/<document>/document.json`.
 *
 * @category Schema
 * @example
 * DocumentFileSchema.safeParse(JSON.parse(readFileSync("rules/sjz-2025/document.json", "utf8"))).success //=> true
 */
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
    /** Every measure, task or area of the document that rules must cover. */
    measures: z.array(MeasureEntrySchema).min(1),
    /** The seed file the rules were encoded from, under `shared/seeds/`. */
    seed: z.string(),
    /**
     * The document's text as published, shipped next to this file (`file`, e.g. `source.txt`), with its
     * SHA-256 (hex, of the file's bytes): every rule's quote is checked against it.
     */
    text: z
      .object({
        file: z.string().regex(/^[A-Za-z0-9._-]+\.txt$/),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** Garbled characters of the published text and how the quotes read them (rules that do say `repaired`). */
        repairs: z.array(z.object({ garbled: z.string().min(1), reading: z.string(), note: LocalizedTextSchema.optional() }).strict()).optional(),
      })
      .strict()
      .optional(),
    /** Data-quality notes: debris in the seed, conflicts inside the text, what the seed leaves out. */
    notes: z.array(LocalizedTextSchema),
  })
  .strict();

// The types of these files are plain TypeScript (types.ts): the main entry's declarations then need no zod
// (issue #15); tests/types/schema-types.test-d.ts checks that each equals what its schema infers.
export type { MeasureEntry, DocumentFile } from "./types.js";
