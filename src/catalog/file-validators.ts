import { isIsoDate, RULE_KINDS, SUBJECT_TYPES } from "../schema/values.js";
import type { AmendmentFile, DocumentFile, LocalizedText, RuleFile } from "../schema/types.js";
import { array, boolean, enumOf, jsonValue, nullValue, number, object, optional, record, safeParse, string, transform, union, unknownValue, type ParseResult } from "./validator.js";

/*
 * The rule, amendment, document and shared-inputs file schemas for the loader, without zod (catalog/validator.ts
 * says why). Each constant mirrors the zod schema of the same name in src/schema/ (the public schemas of the
 * `jjj-policy-rules/schema` entry), field for field and in the same order: change both together.
 * tests/catalog/validator-differential.test.ts holds them to the same answers.
 */

const localizedText = object({ zh: string({ min: 1 }), en: string({ min: 1 }) });
const isoDate = string({ refine: isIsoDate, message: "expected a calendar date written YYYY-MM-DD" });
const datedPoint = object({ date: isoDate, basis: enumOf(["stated", "inferred"]), note: optional(localizedText) });
const identifier = string({ regex: /^[a-z][A-Za-z0-9]*$/, message: "expected a camelCase identifier" });
const json = jsonValue();
const valueType = enumOf(["money", "decimal", "rate", "integer", "boolean", "date", "enum", "enumList", "string"]);
const scalarOrList = union([string(), number(), boolean(), array(string())]);
const positiveInt = number({ int: true, min: "positive" });

const inputSpec = object({
  type: valueType,
  label: localizedText,
  description: optional(localizedText),
  values: optional(record(undefined, localizedText)),
  min: optional(string()),
  max: optional(string()),
  pattern: optional(string()),
  fromProfile: optional(enumOf(["type", "city", "fields"])),
  default: optional(scalarOrList),
});

const parameterFields = {
  type: valueType,
  value: scalarOrList,
  unit: string(),
  label: localizedText,
  sourceText: string(),
  sourceQuote: string(),
  values: record(undefined, localizedText),
  min: string(),
  max: string(),
  note: localizedText,
};
const OPTIONAL_PARAMETER_FIELDS = new Set(["unit", "sourceText", "sourceQuote", "values", "min", "max", "note"]);
const parameterSpec = object(Object.fromEntries(Object.entries(parameterFields).map(([k, s]) => [k, OPTIONAL_PARAMETER_FIELDS.has(k) ? optional(s) : s])));
/** `ParameterSpecSchema.partial().strict()`. */
const parameterOverride = object(Object.fromEntries(Object.entries(parameterFields).map(([k, s]) => [k, optional(s)])));

const conditionSpec = object({ id: identifier, label: localizedText, logic: json });
const outcomeFieldSpec = object({
  type: valueType,
  label: localizedText,
  logic: json,
  whenNotInForce: optional(union([string(), number(), boolean(), nullValue(), array(string())])),
  role: optional(enumOf(["amount"])),
});
const validity = object({ from: datedPoint, to: optional(datedPoint) });
const exampleDescription = transform(union([localizedText, string({ min: 1 })]), (text): LocalizedText => (typeof text === "string" ? { zh: text, en: text } : (text as LocalizedText)));
const example = object(
  {
    description: exampleDescription,
    on: isoDate,
    facts: record(undefined, unknownValue()),
    expected: optional(
      object({
        inForce: optional(boolean()),
        applicable: optional(boolean()),
        outcome: optional(record(undefined, unknownValue())),
        holds: optional(array(string())),
        fails: optional(array(string())),
      }),
    ),
    rejects: optional(array(string())),
    working: optional(string()),
  },
  { fn: (e) => (e["expected"] === undefined) !== (e["rejects"] === undefined), message: "an example has either `expected` or `rejects`" },
);
const subjects = object({
  types: array(enumOf(SUBJECT_TYPES), { min: 1 }),
  places: optional(array(string({ regex: /^[a-z-]+$/ }))),
  fields: optional(array(string())),
  note: optional(localizedText),
});
const combination = object({ mode: enumOf(["exclusive", "higher-applies", "cumulative"]), with: array(string()), sourceText: string() });
const bound = union([string({ regex: /^-?\d+(\.\d+)?$/, message: "expected a decimal in plain notation" }), object({ param: identifier }), nullValue()]);
const properties = object({
  monotone: optional(array(identifier)),
  bounds: optional(record(identifier, array(bound, { length: 2 }))),
  shortfall: optional(record(identifier, identifier)),
});
const ruleId = string({ regex: /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, message: "expected <document>/<kebab-case-name>" });
const source = object({ quote: string({ min: 1 }), heading: optional(string()), repaired: optional(boolean()) });
const notes = optional(array(localizedText));
const changes = array(object({ date: isoDate, note: localizedText }));
const examples = array(example, { min: 1 });

const ruleFile = object({
  $schema: optional(string()),
  id: ruleId,
  version: positiveInt,
  document: string(),
  clause: string({ min: 1 }),
  measures: array(string(), { min: 1 }),
  kind: enumOf(RULE_KINDS),
  title: localizedText,
  source,
  subjects,
  responsibleUnits: array(localizedText),
  validity,
  supersedes: optional(positiveInt),
  inputs: record(identifier, inputSpec),
  parameters: record(identifier, parameterSpec),
  applicable: optional(json),
  conditions: array(conditionSpec),
  outcome: record(identifier, outcomeFieldSpec),
  combination: optional(array(combination)),
  properties: optional(properties),
  notes,
  changes,
  examples,
});

const amendmentFile = object({
  $schema: optional(string()),
  id: ruleId,
  version: positiveInt,
  document: string(),
  extends: positiveInt,
  supersedes: optional(positiveInt),
  source: optional(source),
  validity,
  parameters: optional(record(identifier, parameterOverride)),
  conditionLabels: optional(record(identifier, localizedText)),
  notes,
  changes: optional(changes),
  examples,
});

const measureEntry = object({
  key: string({ min: 1 }),
  clause: string({ min: 1 }),
  title: localizedText,
  kinds: array(enumOf(["benefit", "target", "obligation", "guidance"]), { min: 1 }),
});
const documentFile = object({
  $schema: optional(string()),
  id: string({ regex: /^[a-z0-9]+(-[a-z0-9]+)*$/ }),
  title: localizedText,
  issuer: localizedText,
  date: datedPoint,
  validity: object({ from: optional(datedPoint), to: optional(datedPoint), note: localizedText }),
  measuresDeclared: number({ int: true, min: "nonnegative" }),
  measures: array(measureEntry, { min: 1 }),
  seed: string(),
  text: optional(
    object({
      file: string({ regex: /^[A-Za-z0-9._-]+\.txt$/ }),
      sha256: string({ regex: /^[0-9a-f]{64}$/ }),
      repairs: optional(array(object({ garbled: string({ min: 1 }), reading: string(), note: optional(localizedText) }))),
    }),
  ),
  notes: array(localizedText),
});

const sharedInputsFile = object({ $schema: optional(string()), inputs: record(identifier, inputSpec) });

/**
 * The fields an amendment may set, in the order of AmendmentFileSchema (the rest of a rule file is its base's).
 *
 * @example
 * AMENDMENT_FIELD_NAMES.includes("extends") //=> true
 */
export const AMENDMENT_FIELD_NAMES: readonly string[] = amendmentFile.keys;

/**
 * A rule file parsed as `RuleFileSchema.safeParse` would: its output (a copy), or its issues. With
 * `plainJson` (the loader's own copy of a file, catalog/own-sources.ts), the logic is not copied again: the
 * output shares it with the value.
 *
 * @example
 * parseRuleFile(JSON.parse(readFileSync("rules/sjz-2025/absorption-subsidy/v1.json", "utf8"))).success //=> true
 */
export function parseRuleFile(value: unknown, options: { plainJson?: boolean } = {}): ParseResult<RuleFile> {
  return safeParse<RuleFile>(ruleFile, value, options);
}

/**
 * An amendment parsed as `AmendmentFileSchema.safeParse` would.
 *
 * @example
 * parseAmendmentFile({ id: "x/y", version: 2 }).success //=> false
 */
export function parseAmendmentFile(value: unknown): ParseResult<AmendmentFile> {
  return safeParse<AmendmentFile>(amendmentFile, value);
}

/**
 * A document file parsed as `DocumentFileSchema.safeParse` would.
 *
 * @example
 * parseDocumentFile(JSON.parse(readFileSync("rules/sjz-2025/document.json", "utf8"))).success //=> true
 */
export function parseDocumentFile(value: unknown): ParseResult<DocumentFile> {
  return safeParse<DocumentFile>(documentFile, value);
}

/**
 * A shared-inputs file (`<document>/inputs.json`) parsed as `SharedInputsFileSchema.safeParse` would.
 *
 * @example
 * parseSharedInputsFile({ inputs: {} }).success //=> true
 */
export function parseSharedInputsFile(value: unknown): ParseResult<{ $schema?: string; inputs: Record<string, unknown> }> {
  return safeParse(sharedInputsFile, value);
}
