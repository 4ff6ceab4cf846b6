import type { z } from "zod";
import { DocumentFileSchema } from "../schema/document-file.js";
import { RuleFileSchema } from "../schema/rule-file.js";
import type { RuleSet } from "../engine/rule-set.js";
import type { PolicyIssue } from "../errors.js";
import { materialiseAmendments } from "./extends.js";
import { resolveSharedInputs } from "./shared-inputs.js";
import { jsonShapeProblem } from "./json-shape.js";
import { ownSources } from "./own-sources.js";
import { growthProblems } from "../engine/growth-bound.js";
import { loadSources, type LoadOptions, type RuleSource, type SourceChecks } from "./load-core.js";
import { propertiesProblems } from "./properties.js";

// loadRuleSet: the loader with the zod schema checks of files you read (the loader itself is load-core.ts,
// which the engine entry uses without zod for the package's own bundled rules).
export { MAX_CONDITIONS, MAX_OUTCOME_FIELDS, MAX_VERSIONS_PER_RULE } from "./load-core.js";
export type { LoadOptions, RuleSource } from "./load-core.js";
export { parameterValueProblem } from "../engine/parameters.js";

/**
 * Load a rule set from files already read: parse every file with its zod schema, check the rule
 * profile of every expression, compile it, and check the versions of each rule against each other.
 * Every problem in every file is collected before throwing, each naming the file and the field.
 *
 * @category Catalog
 * @throws {RuleFileError} when any file is invalid
 * @example
 * const set = loadRuleSet([{ path: "sjz-2025/document.json", json: doc }, { path: "sjz-2025/absorption-subsidy/v1.json", json: rule }]);
 * set.ruleIds() //=> ["sjz-2025/absorption-subsidy"]
 */
export function loadRuleSet(sources: readonly RuleSource[], options: LoadOptions = {}): RuleSet {
  return loadSources(sources, options, ZOD_CHECKS);
}

const ZOD_CHECKS: SourceChecks = {
  ownSources,
  shapeProblem: jsonShapeProblem,
  growthProblems,
  propertiesProblems,
  resolveSharedInputs: (sources, issues, trusted, maxNodes) =>
    resolveSharedInputs(sources, issues, { trusted, maxNodes, schemaIssues: zodIssues, maxIssuesPerFile: MAX_SCHEMA_ISSUES_PER_FILE }),
  materialiseAmendments: (sources, options, issues, maxNodes) => materialiseAmendments(sources, options, { issues, maxFileNodes: maxNodes, schemaIssues: zodIssues }),
  parseDocument: (path, json, issues) => {
    const parsed = DocumentFileSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of zodIssues(path, parsed.error)) issues.push(issue);
    return undefined;
  },
  parseRule: (path, json, issues) => {
    const parsed = RuleFileSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of zodIssues(path, parsed.error)) issues.push(issue);
    return undefined;
  },
};

/**
 * The most schema issues reported for one file; the rest are counted in one last issue. A file of 400,000
 * wrong values would otherwise make a message of 400,000 lines (and spreading them overflowed the stack).
 *
 * @category Catalog
 * @example
 * MAX_SCHEMA_ISSUES_PER_FILE //=> 100
 */
export const MAX_SCHEMA_ISSUES_PER_FILE = 100;

function zodIssues(path: string, error: z.ZodError): PolicyIssue[] {
  const more = error.issues.length - MAX_SCHEMA_ISSUES_PER_FILE;
  const shown = error.issues.slice(0, MAX_SCHEMA_ISSUES_PER_FILE).map((i) => ({
    code: i.code === "unrecognized_keys" ? "unknown_field" : "schema",
    path: `${path}#/${i.path.map(String).join("/")}`,
    message: i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys.join(", ")}` : i.message,
  }));
  if (more > 0) shown.push({ code: "too_many_issues", path: `${path}#`, message: `and ${more} more schema issues (MAX_SCHEMA_ISSUES_PER_FILE)` });
  return shown;
}
