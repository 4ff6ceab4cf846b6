import * as z from "zod"; // a namespace import: a bundler keeps only the members used (not zod's locales)
import { RULE_KINDS, SUBJECT_TYPES } from "./values.js";
import { DatedPointSchema, IsoDateSchema, LocalizedTextSchema } from "./common.js";
import type { JsonLogicExpression } from "./types.js";

const JsonLogicSchema: z.ZodType<JsonLogicExpression> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(JsonLogicSchema),
    z.record(z.string(), JsonLogicSchema),
  ]),
);

/**
 * What a rule does for its subject.
 *
 * @category Schema
 * @example
 * RuleKindSchema.options //=> ["benefit", "target", "obligation", "guidance"]
 */
export const RuleKindSchema = z.enum(RULE_KINDS);

const identifier = z.string().regex(/^[a-z][A-Za-z0-9]*$/, "expected a camelCase identifier");

/**
 * The value types an input, a parameter or an outcome field can have.
 *
 * @category Schema
 * @example
 * ValueTypeSchema.safeParse("money").success //=> true
 */
export const ValueTypeSchema = z.enum([
  "money",
  "decimal",
  "rate",
  "integer",
  "boolean",
  "date",
  "enum",
  "enumList",
  "string",
]);

/**
 * A declared input of a rule: the facts a caller supplies.
 *
 * @category Schema
 * @example
 * InputSpecSchema.parse({ type: "money", label: { zh: "交易额", en: "contract value" }, min: "0" })
 */
export const InputSpecSchema = z
  .object({
    type: ValueTypeSchema,
    label: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    /** For `enum` and `enumList`: each allowed value with its Chinese and English label. */
    values: z.record(z.string(), LocalizedTextSchema).optional(),
    /** Inclusive lower bound for numeric types, as a decimal string. Money defaults to 0. */
    min: z.string().optional(),
    /** Inclusive upper bound for numeric types, as a decimal string. */
    max: z.string().optional(),
    /** For `string` inputs: a regular expression the whole value must match (e.g. `^[a-z]+$`). */
    pattern: z.string().optional(),
    /**
     * Which field of a subject profile fills this input when policies are matched (`match`):
     * `type` (the subject type), `city` (lower-case pinyin) or `fields` (a list of fields).
     */
    fromProfile: z.enum(["type", "city", "fields"]).optional(),
    /** An optional input takes this value when absent. Inputs without a default are required. */
    default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  })
  .strict();

/**
 * A number or setting taken from the source text, kept apart from the logic (as OpenFisca does).
 *
 * @category Schema
 * @example
 * ParameterSpecSchema.parse({ type: "money", value: "500000", unit: "yuan", label: { zh: "每项最高补助", en: "cap" }, sourceText: "每项最高补助50万元" })
 */
export const ParameterSpecSchema = z
  .object({
    type: ValueTypeSchema,
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
    /** The unit an analyst reads: `yuan`, `percent-as-fraction`, `count`, `date`… */
    unit: z.string().optional(),
    label: LocalizedTextSchema,
    /** The words of the source the value comes from, e.g. `50万元(含)`. */
    sourceText: z.string().optional(),
    /**
     * The passage of the document `sourceText` comes from, quoted verbatim, when it is not in the rule's own
     * quote (a deadline from a section heading, a baseline from section 一, 我市 from the preamble).
     */
    sourceQuote: z.string().optional(),
    /** For `enum`/`enumList` parameters: the allowed values. */
    values: z.record(z.string(), LocalizedTextSchema).optional(),
    /**
     * Inclusive lower bound of the value and of any what-if override, as a decimal string, for `money`,
     * `rate`, `decimal` and `integer` parameters. Default: `0` for money and rates, none otherwise.
     */
    min: z.string().optional(),
    /** Inclusive upper bound, as a decimal string. Default: `1` for rates, none otherwise. */
    max: z.string().optional(),
    note: LocalizedTextSchema.optional(),
  })
  .strict();

/**
 * A named condition: a boolean expression reported, with its values, in every explanation.
 *
 * @category Schema
 * @example
 * ConditionSpecSchema.parse({ id: "amountAtLeastThreshold", label: { zh: "达到50万元", en: "at least 500,000" }, logic: { "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] } })
 */
export const ConditionSpecSchema = z
  .object({
    id: identifier,
    label: LocalizedTextSchema,
    logic: JsonLogicSchema,
  })
  .strict();

/**
 * The roles an outcome field may declare (`role`): `amount`, the money the measure grants.
 *
 * @category Schema
 * @example
 * OUTCOME_ROLES.includes("amount") //=> true
 */
export const OUTCOME_ROLES = ["amount"] as const;

/**
 * One field of a rule's outcome (`eligible`, `amount`, `met`, `shortfall` …).
 *
 * @category Schema
 * @example
 * OutcomeFieldSpecSchema.parse({ type: "boolean", label: { zh: "符合条件", en: "eligible" }, logic: { "jjj.condition": "amountAtLeastThreshold" }, whenNotInForce: false })
 */
export const OutcomeFieldSpecSchema = z
  .object({
    type: ValueTypeSchema,
    label: LocalizedTextSchema,
    logic: JsonLogicSchema,
    /** The value this field takes when no version is in force on the date (nothing is granted). */
    whenNotInForce: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]).optional(),
    /**
     * What the field is, where a tool needs to know: `amount` marks the money the measure grants the subject
     * (a subsidy), as opposed to a cap, a limit or a shortfall. The ranked match orders benefits by it and
     * totals it. Only on a money field of a benefit, at most one per version.
     */
    role: z.enum(OUTCOME_ROLES).optional(),
  })
  .strict();

/**
 * The validity of one rule version: both ends inclusive; `to` absent means open-ended.
 *
 * @category Schema
 * @example
 * ValiditySchema.parse({ from: { date: "2025-01-17", basis: "stated" }, to: { date: "2028-01-16", basis: "stated" } })
 */
export const ValiditySchema = z
  .object({
    from: DatedPointSchema,
    to: DatedPointSchema.optional(),
  })
  .strict();

/**
 * A worked example's description: `{ zh, en }` like every text a person reads. A plain string is still
 * accepted (a rule file of your own written in one language) and read here, in this one place, as the
 * same text in both languages; the shipped rules give both (tests/catalog/example-descriptions.test.ts).
 *
 * @category Schema
 * @example
 * ExampleDescriptionSchema.parse({ zh: "缺少金额时拒绝", en: "A missing amount is rejected" }) //=> { zh: "缺少金额时拒绝", en: "A missing amount is rejected" }
 * ExampleDescriptionSchema.parse("A missing amount is rejected") //=> { zh: "A missing amount is rejected", en: "A missing amount is rejected" }
 */
export const ExampleDescriptionSchema = z
  .union([LocalizedTextSchema, z.string().min(1)])
  .transform((text): z.infer<typeof LocalizedTextSchema> => (typeof text === "string" ? { zh: text, en: text } : text));

/**
 * A worked example, computed by hand from the source text. Examples run as tests.
 *
 * @category Schema
 * @example
 * ExampleSchema.safeParse({ description: { zh: "缺少金额时拒绝", en: "A missing amount is rejected" }, on: "2025-06-01", facts: {}, rejects: ["contractAmount"] }).success //=> true
 */
export const ExampleSchema = z
  .object({
    /** The case in one sentence, `{ zh, en }` (a plain string counts as both). */
    description: ExampleDescriptionSchema,
    on: IsoDateSchema,
    facts: z.record(z.string(), z.unknown()),
    /** The fields of the decision that must match (a subset of it). */
    expected: z
      .object({
        inForce: z.boolean().optional(),
        applicable: z.boolean().optional(),
        outcome: z.record(z.string(), z.unknown()).optional(),
        /** Expected ids of conditions that hold / fail. */
        holds: z.array(z.string()).optional(),
        fails: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    /** The facts must be rejected, naming these input paths. */
    rejects: z.array(z.string()).optional(),
    /** How the expected figure was computed from the text. */
    working: z.string().optional(),
  })
  .strict()
  .refine((e) => (e.expected === undefined) !== (e.rejects === undefined), {
    message: "an example has either `expected` or `rejects`",
  });

/**
 * A subject type the policy matching understands.
 *
 * @category Schema
 * @example
 * SubjectTypeSchema.safeParse("university").success //=> true
 */
export const SubjectTypeSchema = z.enum(SUBJECT_TYPES);

/**
 * Who a measure concerns: subject types, places (lower-case pinyin) and, where the text names them, fields.
 *
 * @category Schema
 * @example
 * SubjectsSchema.parse({ types: ["enterprise"], places: ["shijiazhuang"] })
 */
export const SubjectsSchema = z
  .object({
    types: z.array(SubjectTypeSchema).min(1),
    /** Lower-case pinyin city names; absent means anywhere. */
    places: z.array(z.string().regex(/^[a-z-]+$/)).optional(),
    /** Fields named by the text; absent means any field. */
    fields: z.array(z.string()).optional(),
    note: LocalizedTextSchema.optional(),
  })
  .strict();

/**
 * How this measure combines with others, only where a text says so.
 *
 * @category Schema
 * @example
 * CombinationSchema.parse({ mode: "higher-applies", with: ["sjz-2025/absorption-subsidy"], sourceText: "就高不重复" })
 */
export const CombinationSchema = z
  .object({
    mode: z.enum(["exclusive", "higher-applies", "cumulative"]),
    with: z.array(z.string()),
    sourceText: z.string(),
  })
  .strict();

/**
 * One end of a declared bound: a decimal (`"0"`), a numeric parameter of the rule (`{ "param": "cap" }`),
 * or `null` for no bound on that side.
 *
 * @category Schema
 * @example
 * BoundSchema.parse({ param: "cap" })
 */
export const BoundSchema = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal in plain notation"),
  z.object({ param: identifier }).strict(),
  z.null(),
]);

/**
 * The properties a rule claims for every input, which `verify` (`jjj-policy-rules/verify`) proves
 * or refutes with a counterexample: `monotone` inputs (every money outcome field does not fall as the
 * input grows, the other facts fixed), `bounds` of numeric outcome fields (inclusive, as the decision
 * shows them), and `shortfall` fields that are zero exactly when their boolean outcome field or
 * condition holds. Names are checked at load.
 *
 * @category Schema
 * @example
 * PropertiesSchema.parse({ monotone: ["contractAmount"], bounds: { amount: ["0", { param: "cap" }] } })
 */
export const PropertiesSchema = z
  .object({
    /** Inputs (money, decimal, rate, integer or date) along which every money outcome field does not fall. */
    monotone: z.array(identifier).optional(),
    /** `[lower, upper]` of a numeric outcome field, each inclusive or `null`. */
    bounds: z.record(identifier, z.array(BoundSchema).length(2)).optional(),
    /** A numeric outcome field → the boolean outcome field or condition it is zero exactly when true. */
    shortfall: z.record(identifier, identifier).optional(),
  })
  .strict();

/**
 * One rule file: one version of one rule. The contract for `rules/<document>/<measure>/v<N>.json`.
 *
 * @category Schema
 * @example
 * RuleFileSchema.safeParse(JSON.parse(readFileSync("rules/sjz-2025/absorption-subsidy/v1.json", "utf8"))).success //=> true
 */
export const RuleFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, "expected <document>/<kebab-case-name>"),
    version: z.number().int().positive(),
    document: z.string(),
    /** The clause of the document, as the document numbers it (`九`, `(三)4`, `四(六)`). */
    clause: z.string().min(1),
    /** Measure keys this rule encodes, as listed in the `measures` of its `document.json`. */
    measures: z.array(z.string()).min(1),
    kind: RuleKindSchema,
    title: LocalizedTextSchema,
    source: z
      .object({
        /** Verbatim from the document's text (whitespace aside); `……` marks an elision, a line break a new paragraph. */
        quote: z.string().min(1),
        heading: z.string().optional(),
        /** True when the quote applies the document's listed `text.repairs` (garbled characters read), as a note says. */
        repaired: z.boolean().optional(),
      })
      .strict(),
    subjects: SubjectsSchema,
    responsibleUnits: z.array(LocalizedTextSchema),
    validity: ValiditySchema,
    /** The version this one replaces, if any. */
    supersedes: z.number().int().positive().optional(),
    inputs: z.record(identifier, InputSpecSchema),
    parameters: z.record(identifier, ParameterSpecSchema),
    /** Whether the measure concerns the subject at all; absent means it always does. */
    applicable: JsonLogicSchema.optional(),
    conditions: z.array(ConditionSpecSchema),
    outcome: z.record(identifier, OutcomeFieldSpecSchema),
    combination: z.array(CombinationSchema).optional(),
    /** Properties claimed for every input, proven by `verify`; names checked at load. */
    properties: PropertiesSchema.optional(),
    notes: z.array(LocalizedTextSchema).optional(),
    changes: z.array(z.object({ date: IsoDateSchema, note: LocalizedTextSchema }).strict()),
    examples: z.array(ExampleSchema).min(1),
  })
  .strict();

/**
 * What an amendment may say about one parameter of the version it extends: any field of a parameter, each
 * replacing the base's field of that name. `type` may be repeated but not changed (the logic was checked
 * against it), and a field cannot be removed: both need a full version file.
 *
 * @category Schema
 * @example
 * ParameterOverrideSchema.parse({ value: "800000", sourceText: "每项最高补助80万元" })
 */
export const ParameterOverrideSchema = ParameterSpecSchema.partial().strict();

/**
 * An amendment: a version of a rule written as the changes to an earlier version (`extends`), for the
 * `rules/<document>/<measure>/v<N>.json` of a version that changes only numbers, dates, wording and
 * examples. The loader materialises it into the full version (src/catalog/extends.ts), which is then
 * checked and hashed exactly like a full file. How each field merges:
 * - `id`, `version`, `document`: the version's own, as in a full file (`$schema` only guides an editor; the
 *   full version keeps the base's);
 * - `extends`: the earlier version this one is written against (itself a full file or an amendment);
 * - `supersedes`: the version's own, never inherited;
 * - `source`, `validity`, `notes`, `examples`: replace the base's whole;
 * - `parameters`: merged by name, field by field, into parameters the base has;
 * - `conditionLabels`: a new label for conditions of the base, by id (their logic stays);
 * - `changes`: appended to the base's history.
 * Every other field of a rule file (inputs, logic, outcome, subjects, title…) stays the base's.
 *
 * @category Schema
 * @example
 * AmendmentFileSchema.safeParse({ id: "sjz-2025/absorption-subsidy", version: 2, document: "sjz-2025", extends: 1,
 *   validity: { from: { date: "2026-01-01", basis: "stated" } }, parameters: { cap: { value: "800000" } }, examples: [ … ] })
 */
export const AmendmentFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: RuleFileSchema.shape.id,
    version: RuleFileSchema.shape.version,
    document: RuleFileSchema.shape.document,
    /** The earlier version of the same rule this one amends; the full version is that one with these changes. */
    extends: z.number().int().positive(),
    /** The version this one replaces, if any (not inherited from the version it extends). */
    supersedes: RuleFileSchema.shape.supersedes,
    /** Replaces the source of the version it extends (the amended text). */
    source: RuleFileSchema.shape.source.optional(),
    /** The validity of this version (required: an amendment with its base's validity would overlap it). */
    validity: ValiditySchema,
    /** Changed parameters of the version it extends, by name: each field given replaces the base's. */
    parameters: z.record(identifier, ParameterOverrideSchema).optional(),
    /** New labels of conditions of the version it extends, by condition id (when a label quotes a changed number). */
    conditionLabels: z.record(identifier, LocalizedTextSchema).optional(),
    /** Replace the notes of the version it extends. */
    notes: RuleFileSchema.shape.notes,
    /** Appended to the changes of the version it extends. */
    changes: RuleFileSchema.shape.changes.optional(),
    /** The worked examples of this version (they replace the base's, whose figures and dates are the base's). */
    examples: RuleFileSchema.shape.examples,
  })
  .strict();

// The types of these files are plain TypeScript (types.ts): the main entry's declarations then need no zod
// (issue #15); tests/types/schema-types.test-d.ts checks that each equals what its schema infers.
export type { RuleProperties, Bound } from "./types.js";
export type { JsonLogicExpression, RuleKind, ValueType, InputSpec, ParameterSpec, ConditionSpec, OutcomeFieldSpec, Validity, Example, SubjectType, Subjects, Combination, RuleFile, ParameterOverride, AmendmentFile } from "./types.js";
