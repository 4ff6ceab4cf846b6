import type { RuleSet } from "../engine/rule-set.js";
import type { PolicyIssue } from "../errors.js";
import { materialiseAmendments } from "./extends.js";
import { resolveSharedInputs } from "./shared-inputs.js";
import { MAX_FILE_NODES } from "./json-shape.js";
import { OwnCopies } from "./own-sources.js";
import { parseDocumentFile, parseRuleFile } from "./file-validators.js";
import type { SchemaIssue } from "./validator.js";
import { growthProblems } from "../engine/growth-bound.js";
import { loadSources, type LoadOptions, type RuleSource, type SourceChecks } from "./load-core.js";
import { propertiesProblems } from "./properties.js";

// loadRuleSet: the loader with the schema checks of files you read (the loader itself is load-core.ts,
// which the engine entry uses for the package's own bundled rules). The checks are those of the zod schemas
// of the `jjj-policy-rules/schema` entry, done without zod (catalog/file-validators.ts, issue #15).
export { MAX_CONDITIONS, MAX_OUTCOME_FIELDS, MAX_VERSIONS_PER_RULE } from "./load-core.js";
export type { LoadOptions, RuleSource } from "./load-core.js";
export { parameterValueProblem } from "../engine/parameters.js";

/**
 * Load a rule set from files already read: parse every file with its schema, check the rule
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
  return loadSources(sources, options, fileChecks(options));
}

/** The checks of files you read, for one load: its own copies of the sources are checked once, as they are made. */
function fileChecks(options: LoadOptions): SourceChecks {
  // An invalid maxFileNodes is refused by loadSources before any source is copied.
  const own = new OwnCopies(options.maxFileNodes ?? MAX_FILE_NODES);
  return {
    ownSources: (sources) => own.copy(sources),
    shapeProblem: (json, maxNodes) => own.shapeProblem(json, maxNodes),
    growthProblems,
    propertiesProblems,
    resolveSharedInputs: (sources, issues, trusted, maxNodes) =>
      resolveSharedInputs(sources, issues, { trusted, maxNodes, schemaIssues, maxIssuesPerFile: MAX_SCHEMA_ISSUES_PER_FILE, isChecked: (json) => own.isOwnCopy(json), sizeOf: (json) => own.sizeOf(json), adopt: (json) => own.adopt(json) }),
    materialiseAmendments: (sources, options, issues, maxNodes) => materialiseAmendments(sources, options, { issues, maxFileNodes: maxNodes, schemaIssues }),
    parseDocument: (path, json, issues) => {
      const parsed = parseDocumentFile(json);
      if (parsed.success) return parsed.data;
      for (const issue of schemaIssues(path, parsed.issues)) issues.push(issue);
      return undefined;
    },
    parseRule: (path, json, issues) => {
      const parsed = parseRuleFile(json, { plainJson: own.isOwnCopy(json) });
      if (parsed.success) return parsed.data;
      for (const issue of schemaIssues(path, parsed.issues)) issues.push(issue);
      return undefined;
    },
  };
}

/**
 * The most schema issues reported for one file; the rest are counted in one last issue. A file of 400,000
 * wrong values would otherwise make a message of 400,000 lines (and spreading them overflowed the stack).
 *
 * @category Catalog
 * @example
 * MAX_SCHEMA_ISSUES_PER_FILE //=> 100
 */
export const MAX_SCHEMA_ISSUES_PER_FILE = 100;

function schemaIssues(path: string, found: readonly SchemaIssue[]): PolicyIssue[] {
  const more = found.length - MAX_SCHEMA_ISSUES_PER_FILE;
  const shown = found.slice(0, MAX_SCHEMA_ISSUES_PER_FILE).map((i) => ({
    code: i.code === "unrecognized_keys" ? "unknown_field" : "schema",
    path: `${path}#/${i.path.map(String).join("/")}`,
    message: i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys!.join(", ")}` : i.message,
  }));
  if (more > 0) shown.push({ code: "too_many_issues", path: `${path}#`, message: `and ${more} more schema issues (MAX_SCHEMA_ISSUES_PER_FILE)` });
  return shown;
}
