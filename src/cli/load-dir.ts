import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { loadRuleSet, type RuleSource } from "../catalog/load.js";
import { parseRuleJson } from "../catalog/parse-json.js";
import type { RuleSet } from "../catalog/rule-set.js";
import { RuleFileError } from "../errors.js";

/**
 * Read every `document.json` and `v<N>.json` under a rules folder and load them as a rule set.
 * The only place besides the CLI that touches the file system.
 */
export function readRuleSources(dir: string): RuleSource[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const sources: RuleSource[] = [];
  const problems: { code: string; path: string; message: string }[] = [];
  for (const file of walk(dir).sort()) {
    const path = relative(dir, file).split(sep).join("/");
    if (!/^[^/]+\/document\.json$/.test(path) && !/^[^/]+\/[^/]+\/v\d+\.json$/.test(path)) continue;
    try {
      sources.push({ path, json: parseRuleJson(readFileSync(file), path) });
    } catch (error) {
      problems.push(...(error instanceof RuleFileError ? error.issues : [{ code: "invalid_json", path: `${path}#`, message: (error as Error).message }]));
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return sources;
}

/** Load the rule set of a folder. */
export function loadRuleSetFromDir(dir: string): RuleSet {
  return loadRuleSet(readRuleSources(dir));
}
