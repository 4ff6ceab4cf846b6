// The plain types of src/schema/types.ts (what the main entry's declarations use, without zod; issue #15)
// equal what the zod schemas of the jjj-policy-rules/schema entry infer: exactly, not only assignable, so a
// field added to a schema and not to its type (or the other way round) fails `npm run test:types`.
import type * as z from "zod";
import type * as plain from "../../src/schema/types.js";
import type * as schema from "../../src/schema-entry.js";
import type { SubjectProfile } from "../../src/match/profile-check.js";
import type { SubjectProfileSchema } from "../../src/match/profile.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function same<T extends true>(): T | undefined {
  return undefined;
}

same<Equal<plain.LocalizedText, z.infer<typeof schema.LocalizedTextSchema>>>();
same<Equal<plain.DateBasis, z.infer<typeof schema.DateBasisSchema>>>();
same<Equal<plain.DatedPoint, z.infer<typeof schema.DatedPointSchema>>>();
same<Equal<plain.RuleKind, z.infer<typeof schema.RuleKindSchema>>>();
same<Equal<plain.ValueType, z.infer<typeof schema.ValueTypeSchema>>>();
same<Equal<plain.SubjectType, z.infer<typeof schema.SubjectTypeSchema>>>();
same<Equal<plain.InputSpec, z.infer<typeof schema.InputSpecSchema>>>();
same<Equal<plain.ParameterSpec, z.infer<typeof schema.ParameterSpecSchema>>>();
same<Equal<plain.ConditionSpec, z.infer<typeof schema.ConditionSpecSchema>>>();
same<Equal<plain.OutcomeFieldSpec, z.infer<typeof schema.OutcomeFieldSpecSchema>>>();
same<Equal<plain.Validity, z.infer<typeof schema.ValiditySchema>>>();
same<Equal<plain.Example, z.infer<typeof schema.ExampleSchema>>>();
same<Equal<plain.Subjects, z.infer<typeof schema.SubjectsSchema>>>();
same<Equal<plain.Combination, z.infer<typeof schema.CombinationSchema>>>();
same<Equal<plain.RuleFile, z.infer<typeof schema.RuleFileSchema>>>();
same<Equal<plain.RuleProperties, z.infer<typeof schema.PropertiesSchema>>>();
same<Equal<plain.ParameterOverride, z.infer<typeof schema.ParameterOverrideSchema>>>();
same<Equal<plain.AmendmentFile, z.infer<typeof schema.AmendmentFileSchema>>>();
same<Equal<plain.MeasureEntry, z.infer<typeof schema.MeasureEntrySchema>>>();
same<Equal<plain.DocumentFile, z.infer<typeof schema.DocumentFileSchema>>>();
same<Equal<SubjectProfile, z.infer<typeof SubjectProfileSchema>>>();

// The check itself can fail: a type that differs in one optional field is not equal.
// @ts-expect-error: LocalizedText has no `fr`
same<Equal<plain.LocalizedText & { fr?: string }, z.infer<typeof schema.LocalizedTextSchema>>>();
