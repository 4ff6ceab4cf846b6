import { z } from "zod";
import { DatedPointSchema, IsoDateSchema, LocalizedTextSchema } from "./common.js";

/** A JSON-logic expression as it appears in a rule file. Checked by the rule profile at load time. */
export type JsonLogicExpression =
  | null
  | boolean
  | number
  | string
  | JsonLogicExpression[]
  | { [operator: string]: JsonLogicExpression };

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

/** What a rule does for its subject. */
export const RuleKindSchema = z.enum(["benefit", "target", "obligation", "guidance"]);
/**
 * - `benefit`: something a subject can get (subsidy, title channel, accounting treatment);
 * - `target`: a quantified goal for a jurisdiction by a deadline;
 * - `obligation`: a recurring duty of a government unit;
 * - `guidance`: qualitative support; the logic answers whether the measure concerns a subject.
 */
export type RuleKind = z.infer<typeof RuleKindSchema>;

const identifier = z.string().regex(/^[a-z][A-Za-z0-9]*$/, "expected a camelCase identifier");

/** The value types an input, a parameter or an outcome field can have. */
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
 * - `money`: yuan as a decimal string with at most 2 decimals (`"3000000.00"`);
 * - `decimal`: any exact decimal (`"1.5"`); `rate`: a fraction (`"0.10"` is 10%);
 * - `integer`: a safe integer; `boolean`; `date`: `YYYY-MM-DD`;
 * - `enum`: one of the declared values; `enumList`: a list of declared values; `string`: free text.
 */
export type ValueType = z.infer<typeof ValueTypeSchema>;

/** A declared input of a rule: the facts a caller supplies. */
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
/** A declared input of a rule. */
export type InputSpec = z.infer<typeof InputSpecSchema>;

/** A number or setting taken from the source text, kept apart from the logic (as OpenFisca does). */
export const ParameterSpecSchema = z
  .object({
    type: ValueTypeSchema,
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
    /** The unit an analyst reads: `yuan`, `percent-as-fraction`, `count`, `date`… */
    unit: z.string().optional(),
    label: LocalizedTextSchema,
    /** The words of the source the value comes from, e.g. `50万元(含)`. */
    sourceText: z.string().optional(),
    /** For `enum`/`enumList` parameters: the allowed values. */
    values: z.record(z.string(), LocalizedTextSchema).optional(),
    note: LocalizedTextSchema.optional(),
  })
  .strict();
/** A parameter of a rule. */
export type ParameterSpec = z.infer<typeof ParameterSpecSchema>;

/** A named condition: a boolean expression reported, with its values, in every explanation. */
export const ConditionSpecSchema = z
  .object({
    id: identifier,
    label: LocalizedTextSchema,
    logic: JsonLogicSchema,
  })
  .strict();
/** A named condition of a rule. */
export type ConditionSpec = z.infer<typeof ConditionSpecSchema>;

/** One field of a rule's outcome (`eligible`, `amount`, `met`, `shortfall` …). */
export const OutcomeFieldSpecSchema = z
  .object({
    type: ValueTypeSchema,
    label: LocalizedTextSchema,
    logic: JsonLogicSchema,
    /** The value this field takes when no version is in force on the date (nothing is granted). */
    whenNotInForce: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]).optional(),
  })
  .strict();
/** One field of a rule's outcome. */
export type OutcomeFieldSpec = z.infer<typeof OutcomeFieldSpecSchema>;

/** The validity of one rule version: both ends inclusive; `to` absent means open-ended. */
export const ValiditySchema = z
  .object({
    from: DatedPointSchema,
    to: DatedPointSchema.optional(),
  })
  .strict();
/** The validity of one rule version. */
export type Validity = z.infer<typeof ValiditySchema>;

/** A worked example, computed by hand from the source text. Examples run as tests. */
export const ExampleSchema = z
  .object({
    description: z.string().min(1),
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
/** A worked example. */
export type Example = z.infer<typeof ExampleSchema>;

/** A subject type the policy matching understands. */
export const SubjectTypeSchema = z.enum([
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
]);
/** A subject type the policy matching understands. */
export type SubjectType = z.infer<typeof SubjectTypeSchema>;

/** Who a measure concerns: subject types, places (lower-case pinyin) and, where the text names them, fields. */
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
/** Who a measure concerns. */
export type Subjects = z.infer<typeof SubjectsSchema>;

/** How this measure combines with others, only where a text says so. */
export const CombinationSchema = z
  .object({
    mode: z.enum(["exclusive", "higher-applies", "cumulative"]),
    with: z.array(z.string()),
    sourceText: z.string(),
  })
  .strict();
/** How a measure combines with others. */
export type Combination = z.infer<typeof CombinationSchema>;

/** One rule file: one version of one rule. The contract for `rules/<document>/<measure>/v<N>.json`. */
export const RuleFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, "expected <document>/<kebab-case-name>"),
    version: z.number().int().positive(),
    document: z.string(),
    /** The clause of the document, as the document numbers it (`九`, `(三)4`, `四(六)`). */
    clause: z.string().min(1),
    /** Measure keys this rule encodes, as listed in `rules/coverage.json`. */
    measures: z.array(z.string()).min(1),
    kind: RuleKindSchema,
    title: LocalizedTextSchema,
    source: z
      .object({
        quote: z.string().min(1),
        heading: z.string().optional(),
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
    notes: z.array(LocalizedTextSchema).optional(),
    changes: z.array(z.object({ date: IsoDateSchema, note: LocalizedTextSchema }).strict()),
    examples: z.array(ExampleSchema).min(1),
  })
  .strict();
/** One version of one rule, as written in a rule file. */
export type RuleFile = z.infer<typeof RuleFileSchema>;
