import { createHash } from "node:crypto";
import fc from "fast-check";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { dayOf, invalidValues, isoDay, validFacts } from "../property/generators.js";
import { prng } from "../perf/generate.js";

/**
 * The cases of the engine snapshot (issue #13): for each rule version, its worked examples, then N facts
 * generated from its declared inputs, deterministically. Valid facts come from the property tests'
 * fast-check arbitraries sampled with a fixed seed per rule; every other choice (which facts to break
 * and how, the evaluation date, whether to pin the version) comes from a small seeded PRNG below. No
 * Math.random, no clock, no host time zone: dates are day numbers turned into `YYYY-MM-DD` in UTC.
 */

/** One evaluation to record: the facts and the options passed to `evaluate`. */
export interface SnapshotCase {
  /** Where the case comes from: `example:<n>` or `generated:<n>`, and for broken facts how they were broken. */
  label: string;
  facts: unknown;
  options: { on: string; version?: number; explain: boolean };
}

/** A 32-bit seed from a text (the rule id), so each rule has its own stream whatever the others do. */
export function seedOf(text: string): number {
  return createHash("sha256").update(text).digest().readInt32BE(0);
}

// mulberry32, shared with the perf generator: its sequence is fixed by the seed, on every platform.
export { prng };

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** The key added to facts to make an "unknown input" case; no rule declares it. */
export const UNKNOWN_KEY = "snapshotUnknownInput";

/** Evaluation dates for a version: its first day, its last day (or ten years on when open-ended), a day inside, a day outside. */
function evaluationOn(version: LoadedRuleVersion, rand: () => number): string {
  const from = dayOf(version.validFrom);
  const to = version.validTo === null ? Math.max(from + 3650, dayOf("2035-12-31")) : dayOf(version.validTo);
  const r = rand();
  if (r < 0.15) return isoDay(from);
  if (r < 0.3) return isoDay(to);
  if (r < 0.8) return isoDay(from + Math.floor(rand() * (to - from + 1)));
  // Outside validity: the day before the first day, or the day after the last (when there is one).
  return isoDay(version.validTo === null || rand() < 0.5 ? from - 1 : to + 1);
}

/** Break valid facts in one of the ways callers do: a missing input, a wrong or out-of-range value, an unknown key. */
function breakFacts(version: LoadedRuleVersion, facts: Record<string, unknown>, rand: () => number): { facts: Record<string, unknown>; how: string } {
  const inputs = Object.entries(version.file.inputs) as [string, InputSpec][];
  const required = inputs.filter(([, spec]) => spec.default === undefined).map(([name]) => name);
  const r = rand();
  const out = { ...facts };
  if (r < 0.25 && required.length > 0) {
    const name = pick(rand, required);
    delete out[name];
    return { facts: out, how: `missing ${name}` };
  }
  if (r < 0.35 || inputs.length === 0) {
    out[UNKNOWN_KEY] = pick(rand, [1, "x", true, null]);
    return { facts: out, how: "unknown key" };
  }
  // A value of the wrong type, malformed, out of bounds, or not among the enum's values (generators.ts).
  const [name, spec] = pick(rand, inputs);
  const values = invalidValues(spec);
  const index = Math.floor(rand() * values.length);
  out[name] = values[index];
  return { facts: out, how: `invalid ${name} #${index}` };
}

/** Share of generated facts that are broken. */
const BROKEN_SHARE = 0.3;
/** Share of generated cases evaluated with the version pinned (`version` option) rather than chosen by date. */
const PINNED_SHARE = 0.1;

/**
 * The cases of one rule version: its worked examples (with explanations), then `n` generated facts;
 * `explained` of the generated cases (the first ones) ask for the explanation, the others do not.
 */
export function casesOf(version: LoadedRuleVersion, n: number, explained: number): SnapshotCase[] {
  const file = version.file;
  const cases: SnapshotCase[] = file.examples.map((example, i) => ({
    label: `example:${i}`,
    facts: example.facts,
    options: { on: example.on, explain: true },
  }));
  const seed = seedOf(`${file.id}@${file.version}`);
  const valid = n > 0 ? fc.sample(validFacts(version), { seed, numRuns: n }) : [];
  const rand = prng(seed ^ 0x5eed);
  for (let i = 0; i < n; i++) {
    let facts: unknown = valid[i];
    let label = `generated:${i}`;
    if (rand() < BROKEN_SHARE) {
      const broken = breakFacts(version, valid[i]!, rand);
      facts = broken.facts;
      label += ` (${broken.how})`;
    }
    const on = evaluationOn(version, rand);
    const pinned = rand() < PINNED_SHARE;
    cases.push({ label, facts, options: { on, ...(pinned ? { version: file.version } : {}), explain: i < explained } });
  }
  return cases;
}
