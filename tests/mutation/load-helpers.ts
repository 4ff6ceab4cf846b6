import { expect } from "vitest";
import { loadRuleSet, type LoadOptions, type RuleSource } from "../../src/catalog/load.js";
import { RuleFileError } from "../../src/errors.js";
import { minimalRule } from "../helpers/fixtures.js";
import { thrown } from "../hostile/guard.js";

/** Shared by the loader's mutation tests (catalog-load*.test.ts). */

/** A rule file as a source at its usual path. */
export const at = (json: Record<string, any>, path = `${json.id}/v${json.version}.json`): RuleSource => ({ path, json });

/** The issues loading these sources gives, as `code path: message` (it must fail with a RuleFileError). */
export const issues = (sources: readonly RuleSource[], options?: LoadOptions) => {
  const error = thrown(() => loadRuleSet(sources, options));
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues.map((i) => `${i.code} ${i.path}: ${i.message}`);
};

/** A stated validity from `from` (to `to`). */
export const validity = (from: string, to?: string) => ({ from: { date: from, basis: "stated" }, ...(to ? { to: { date: to, basis: "stated" } } : {}) });

/** The minimal rule as version `version`, valid from `from` (to `to`), with more fields. */
export const ruleWith = (version: number, from: string, to?: string, more: Record<string, unknown> = {}) => minimalRule({ version, validity: validity(from, to), ...more });
