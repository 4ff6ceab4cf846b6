import * as z from "zod"; // a namespace import: a bundler keeps only the members used (not zod's locales)
import { LocalizedTextSchema } from "./common.js";
import { InputSpecSchema } from "./rule-file.js";

export { PROFILE_CITY_PATTERN } from "./values.js";

/**
 * The file of a document's shared inputs, `rules/<document>/inputs.json`: inputs that several rules of the
 * document declare alike (the subject type, the city …), each declared once. A rule refers to one with
 * `{ "shared": "<name>" }` in its `inputs`; the loader puts the declaration in its place before any check.
 *
 * @category Schema
 * @example
 * SharedInputsFileSchema.parse({ inputs: { city: { type: "string", label: { zh: "所在城市", en: "city" }, pattern: "^[a-z-]+$", fromProfile: "city" } } })
 */
export const SharedInputsFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** Each shared input by name, declared exactly as a rule file declares an input. */
    inputs: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, "expected a camelCase identifier"), InputSpecSchema),
  })
  .strict();
/**
 * The file of a document's shared inputs.
 *
 * @category Schema
 * @example
 * const file: SharedInputsFile = { inputs: {} };
 */
export type SharedInputsFile = z.infer<typeof SharedInputsFileSchema>;

/**
 * An input of a rule file that refers to a shared input of its document instead of declaring it. It may
 * add a `description` or a `default` the shared declaration leaves out, never contradict one it gives.
 *
 * @category Schema
 * @example
 * SharedInputReferenceSchema.parse({ shared: "subjectType" })
 */
export const SharedInputReferenceSchema = z
  .object({
    /** The name of the shared input in `<document>/inputs.json`. */
    shared: z.string(),
    /** A description of the input for this rule, where the shared declaration has none. */
    description: LocalizedTextSchema.optional(),
    /** A default for this rule, where the shared declaration has none. */
    default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  })
  .strict();
/**
 * An input of a rule file that refers to a shared input.
 *
 * @category Schema
 * @example
 * const ref: SharedInputReference = { shared: "city" };
 */
export type SharedInputReference = z.infer<typeof SharedInputReferenceSchema>;
