import { createHash } from "node:crypto";
import type { Engine } from "../../src/api.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { casesOf, type SnapshotCase } from "./cases.js";

/**
 * What the engine gives for each snapshot case, as one canonical JSON line: the case (label, facts,
 * options) and either the whole decision `evaluate` returns or the error it throws (class, code,
 * message, issues and the error's other fields). Nothing is left out: a decision has no timestamp or
 * other run-dependent field (provenance holds the rule and rule-set hashes and the engine id, which
 * change only with the rules or the release).
 */

/**
 * JSON with object keys sorted at every level (as src/engine/hash.ts canonicalJson, kept here so that
 * a change there cannot move the snapshot), and the values JSON cannot write tagged instead of lost:
 * NaN, ±Infinity, -0, undefined in arrays, bigint.
 */
export function canonical(value: unknown): string {
  if (value === undefined) return `{"$undefined":true}`;
  if (typeof value === "number") {
    if (Number.isNaN(value) || !Number.isFinite(value)) return `{"$number":"${value}"}`;
    if (Object.is(value, -0)) return `{"$number":"-0"}`;
    return JSON.stringify(value);
  }
  if (typeof value === "bigint") return `{"$bigint":"${value}"}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** An error as data: its class, code, message and own fields (issues, ruleId, option, parameter, bound, cause). */
export function errorRecord(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: canonical(error) };
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    const value = (error as unknown as Record<string, unknown>)[key];
    own[key] = value instanceof Error ? { class: value.constructor.name, message: value.message } : value;
  }
  return { class: error.constructor.name, message: error.message, ...own };
}

/** A 16-bit digest of a line (4 hex digits): enough to find the first differing case among a few thousand. */
export function lineDigest(line: string): string {
  return createHash("sha256").update(line).digest("hex").slice(0, 4);
}

/** The canonical line of one case, and what it gave (for the counts kept beside the hashes). */
export function recordCase(engine: Engine, ruleId: string, c: SnapshotCase): { line: string; kind: string } {
  let result: Record<string, unknown>;
  let kind: string;
  try {
    const decision = engine.evaluate(ruleId, c.facts, c.options);
    result = { decision };
    kind = decision.inForce ? "in force" : "not in force";
  } catch (error) {
    result = { error: errorRecord(error) };
    kind = error instanceof Error ? error.constructor.name : "thrown";
  }
  return { line: canonical({ case: c.label, facts: c.facts, options: c.options, ...result }), kind };
}

/** The hashes of the first cases of a rule version: its examples and the first N generated facts. */
export interface RuleHashes {
  /** Cases hashed: the examples plus N. */
  cases: number;
  /** SHA-256 over the cases' labels, facts and options alone: changes only when the generator does. */
  inputsSha256: string;
  /** SHA-256 over the lines, each followed by "\n". */
  sha256: string;
  /** How many cases gave a decision in force, a decision not in force, or each error class. */
  results: Record<string, number>;
}

/**
 * Record the cases of one rule version with `max(ns)` generated facts, and the hashes of the prefix
 * with each N of `ns` (the cases with N generated facts are a prefix of those with more).
 */
export function recordRule(
  engine: Engine,
  version: LoadedRuleVersion,
  ns: readonly number[],
  explained: number,
): { lines: string[]; examples: number; byN: Record<string, RuleHashes> } {
  const max = Math.max(...ns);
  const examples = version.file.examples.length;
  const inputs = createHash("sha256");
  const all = createHash("sha256");
  const results: Record<string, number> = {};
  const lines: string[] = [];
  const byN: Record<string, RuleHashes> = {};
  const checkpoint = (n: number) => {
    byN[String(n)] = { cases: examples + n, inputsSha256: inputs.copy().digest("hex"), sha256: all.copy().digest("hex"), results: { ...results } };
  };
  const cases = casesOf(version, max, explained);
  cases.forEach((c, i) => {
    if (ns.includes(i - examples)) checkpoint(i - examples);
    inputs.update(canonical({ case: c.label, facts: c.facts, options: c.options }) + "\n");
    const { line, kind } = recordCase(engine, version.file.id, c);
    results[kind] = (results[kind] ?? 0) + 1;
    all.update(line + "\n");
    lines.push(line);
  });
  if (ns.includes(cases.length - examples)) checkpoint(cases.length - examples);
  return { lines, examples, byN };
}
