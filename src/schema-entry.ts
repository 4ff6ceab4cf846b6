/**
 * The zod schemas of rule, amendment, document and shared-input files and of a subject profile:
 * `jjj-policy-rules/schema`. They moved here from the main entry in 0.2 (issue #15) so that the main
 * entry's types do not import zod: validate a rule file you write, or build a form from the schemas.
 * The rules/*.schema.json JSON Schemas are generated from them.
 *
 * @example
 * import { RuleFileSchema } from "jjj-policy-rules/schema";
 * RuleFileSchema.safeParse(JSON.parse(text)).success
 *
 * @packageDocumentation
 */

export {
  RuleFileSchema,
  RuleKindSchema,
  ValueTypeSchema,
  InputSpecSchema,
  ParameterSpecSchema,
  ConditionSpecSchema,
  OutcomeFieldSpecSchema,
  OUTCOME_ROLES,
  ValiditySchema,
  ExampleSchema,
  ExampleDescriptionSchema,
  SubjectsSchema,
  SubjectTypeSchema,
  CombinationSchema,
  AmendmentFileSchema,
  ParameterOverrideSchema,
  PropertiesSchema,
  BoundSchema,
} from "./schema/rule-file.js";
export type {
  RuleFile,
  RuleKind,
  ValueType,
  InputSpec,
  ParameterSpec,
  ConditionSpec,
  OutcomeFieldSpec,
  Validity,
  Example,
  Subjects,
  SubjectType,
  Combination,
  JsonLogicExpression,
  AmendmentFile,
  ParameterOverride,
  RuleProperties,
  Bound,
} from "./schema/rule-file.js";
export type { RuleSourceText } from "./schema/types.js";
export { DocumentFileSchema, MeasureEntrySchema } from "./schema/document-file.js";
export type { DocumentFile, MeasureEntry } from "./schema/document-file.js";
export { SharedInputsFileSchema, SharedInputReferenceSchema } from "./schema/shared-inputs.js";
export type { SharedInputsFile, SharedInputReference } from "./schema/shared-inputs.js";
export { LocalizedTextSchema, DatedPointSchema, DateBasisSchema, IsoDateSchema } from "./schema/common.js";
export type { LocalizedText, DatedPoint, DateBasis } from "./schema/common.js";
export { isIsoDate, RULE_KINDS, SUBJECT_TYPES, PROFILE_CITY_PATTERN } from "./schema/values.js";
export { SubjectProfileSchema } from "./match/profile.js";
export type { SubjectProfile } from "./match/profile.js";
