import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AmendmentFileSchema, RuleFileSchema } from "../../src/schema/rule-file.js";
import { DocumentFileSchema } from "../../src/schema/document-file.js";
import { SharedInputsFileSchema } from "../../src/schema/shared-inputs.js";
import { parseAmendmentFile, parseDocumentFile, parseRuleFile, parseSharedInputsFile } from "../../src/catalog/file-validators.js";
import type { ParseResult } from "../../src/catalog/validator.js";
import { jsonShapeProblem } from "../../src/catalog/json-shape.js";
import { prng } from "../perf/generate.js";

/*
 * The loader's zod-free file checks (src/catalog/file-validators.ts) against the zod schemas they mirror
 * (src/schema/, the public schemas): every shipped file and thousands of seeded mutations of them (wrong
 * types, missing and unknown fields, bad enums, dates, identifiers, huge and negative numbers, long lists)
 * get the same answer from both: the same output when valid (key order included), else the same issues
 * (code, path, message, unknown keys) in the same order.
 */

const ROOT = join(import.meta.dirname, "../../rules");
const files = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => /(^|\/)(document|inputs|v\d+)\.json$/.test(f))
  .sort()
  .map((f) => ({ path: f, json: JSON.parse(readFileSync(join(ROOT, f), "utf8")) as Record<string, unknown> }));

type Pair = { name: string; zod: z.ZodType; ours: (v: unknown) => ParseResult<unknown> };
const RULE: Pair = { name: "rule", zod: RuleFileSchema, ours: parseRuleFile };
const AMENDMENT: Pair = { name: "amendment", zod: AmendmentFileSchema, ours: parseAmendmentFile };
const DOCUMENT: Pair = { name: "document", zod: DocumentFileSchema, ours: parseDocumentFile };
const SHARED: Pair = { name: "inputs", zod: SharedInputsFileSchema, ours: parseSharedInputsFile };

/** An amendment built from a rule file: what an amendment may set, from a shipped version. */
function amendmentOf(rule: Record<string, unknown>): Record<string, unknown> {
  const params = rule["parameters"] as Record<string, Record<string, unknown>>;
  const first = Object.keys(params)[0];
  return {
    id: rule["id"],
    version: 2,
    document: rule["document"],
    extends: 1,
    validity: rule["validity"],
    ...(first !== undefined && { parameters: { [first]: { value: params[first]!["value"], sourceText: "x" } } }),
    conditionLabels: Object.fromEntries(((rule["conditions"] as { id: string; label: unknown }[]) ?? []).slice(0, 2).map((c) => [c.id, c.label])),
    changes: [{ date: "2026-01-01", note: { zh: "改", en: "changed" } }],
    examples: rule["examples"],
  };
}

/** A rule file with its shared-input references resolved, as the loader parses it (catalog/shared-inputs.ts). */
function resolved(path: string, rule: Record<string, unknown>): Record<string, unknown> {
  const shared = files.find((f) => f.path === `${path.split("/")[0]}/inputs.json`)?.json["inputs"] as Record<string, object> | undefined;
  const inputs = Object.fromEntries(
    Object.entries(rule["inputs"] as Record<string, Record<string, unknown>>).map(([name, spec]) => {
      if (typeof spec["shared"] !== "string") return [name, spec];
      const { shared: target, ...additions } = spec;
      return [name, { ...shared![target as string], ...additions }];
    }),
  );
  return { ...rule, inputs };
}

const seeds: { pair: Pair; json: unknown }[] = [];
for (const f of files) {
  if (f.path.endsWith("document.json")) seeds.push({ pair: DOCUMENT, json: f.json });
  else if (f.path.endsWith("inputs.json")) seeds.push({ pair: SHARED, json: f.json });
  else {
    seeds.push({ pair: RULE, json: resolved(f.path, f.json) });
    seeds.push({ pair: AMENDMENT, json: amendmentOf(f.json) });
  }
}


/** Values a mutation puts in place of another: every JSON type, near misses of the formats the schemas check. */
const REPLACEMENTS: unknown[] = [
  null, true, false, 0, 1, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308, -0, "", "x", "X", "a-b", "1x", "bad key", "camelCase",
  "2025-02-30", "2024-02-29", "2025-1-7", "2025-01-17", "-1.5", "1e5", "0.50", "stated", "inferred", "benefit", "money",
  "enterprise", "amount", "type", "city", "sjz-2025/x", "SJZ/x", "a".repeat(10_000), [], [""], ["a"], ["a", "b", "c"], [1, "a"], [null],
  ["0", "1"], ["0", { param: "cap" }], [null, null, null], {}, { zh: "a" }, { zh: "a", en: "b" }, { zh: "", en: "b" }, { zh: "a", en: "b", fr: "c" },
  { param: "cap" }, { param: "Cap" }, { param: "x", y: 1 }, { date: "2025-01-01", basis: "stated" }, { date: "2025-13-01", basis: "x" },
  { shared: "city" }, { type: "money", label: { zh: "a", en: "b" } }, { "jjj.add": [1, 2] }, Array.from({ length: 300 }, (_, i) => i),
  { length: 0 }, "🙂", "🙂🙂",
];
const KEYS = ["extra", "Bad-Key", "1x", "x", "note", "type", "en", "zh", "length", "constructor", "toString"];

/** A path to a value of a JSON tree chosen uniformly (the root included), by reservoir sampling. */
function randomPath(root: unknown, rnd: () => number): (string | number)[] {
  let chosen: (string | number)[] = [];
  let seen = 0;
  const at: (string | number)[] = [];
  const walk = (value: unknown) => {
    if (rnd() * ++seen < 1) chosen = at.slice();
    if (Array.isArray(value)) value.forEach((v, i) => (at.push(i), walk(v), at.pop()));
    else if (value !== null && typeof value === "object") for (const k of Object.keys(value)) at.push(k), walk((value as Record<string, unknown>)[k]), at.pop();
  };
  walk(root);
  return chosen;
}

function get(root: unknown, path: (string | number)[]): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** One random change at a random place of a deep copy. */
function mutate(json: unknown, rnd: () => number): unknown {
  const copy = structuredClone(json);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const path = randomPath(copy, rnd);
  const replacement = structuredClone(pick(REPLACEMENTS));
  if (path.length === 0) return rnd() < 0.5 ? replacement : copy;
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const kind = rnd();
  if (kind < 0.45) parent[key] = replacement;
  else if (kind < 0.6) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (kind < 0.72) {
    const target = get(copy, path);
    if (target !== null && typeof target === "object" && !Array.isArray(target)) (target as Record<string, unknown>)[pick(KEYS)] = replacement;
    else parent[key] = replacement;
  } else if (kind < 0.82 && !Array.isArray(parent)) {
    // The key renamed: an unknown field, a bad record key.
    const value = parent[key];
    delete parent[key];
    parent[pick(KEYS)] = value;
  } else if (kind < 0.9) {
    parent[key] = undefined; // present, undefined (the shape check lets an object value be undefined)
  } else {
    const target = get(copy, path);
    if (Array.isArray(target)) for (let i = 0; i < 3; i++) target.push(structuredClone(target[0] ?? replacement));
    else parent[key] = typeof target === "string" ? target + pick(["", " ", "-x", "X"]) : replacement;
  }
  return copy;
}

/** The output with key order and present undefineds visible. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === "object") return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k] === undefined ? "<undefined>" : ordered((value as Record<string, unknown>)[k])]);
  return value;
}

function compare(pair: Pair, value: unknown): void {
  const theirs = pair.zod.safeParse(value);
  const ours = pair.ours(value);
  if (theirs.success) {
    expect(ours.success, `zod accepts, ours refuses: ${JSON.stringify(!ours.success && ours.issues)}`).toBe(true);
    expect(ordered(ours.success && ours.data)).toEqual(ordered(theirs.data));
    return;
  }
  expect(ours.success, `zod refuses (${JSON.stringify(theirs.error.issues.map((i) => [i.path, i.message]))}), ours accepts`).toBe(false);
  const zodIssues = theirs.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message, ...(i.code === "unrecognized_keys" && { keys: i.keys }) }));
  const ourIssues = (ours.success ? [] : ours.issues).map((i) => ({ code: i.code, path: i.path, message: i.message, ...(i.keys && { keys: i.keys }) }));
  expect(ourIssues).toEqual(zodIssues);
}

describe("the loader's file checks answer as the zod schemas", () => {
  it("on every shipped file", () => {
    expect(seeds.length).toBeGreaterThan(100);
    for (const { pair, json } of seeds) {
      expect(pair.ours(json).success, pair.name).toBe(true);
      compare(pair, json);
    }
  });

  it("on 4,000 seeded mutations of them (1 to 3 changes each)", { timeout: 120_000 }, () => {
    const rnd = prng(20_251_204); // mulberry32, seeded: a failure can be replayed
    let refused = 0;
    let checked = 0;
    for (let n = 0; n < 4_000; n++) {
      const { pair, json } = seeds[Math.floor(rnd() * seeds.length)]!;
      let value: unknown = json;
      const changes = 1 + Math.floor(rnd() * 3);
      for (let c = 0; c < changes; c++) value = mutate(value, rnd);
      if (jsonShapeProblem(value) !== undefined) continue; // the loader refuses it before any schema
      checked++;
      if (!pair.zod.safeParse(value).success) refused++;
      compare(pair, value);
    }
    // Most mutations make a file invalid, some do not (an optional field removed): both sides were exercised.
    expect(checked).toBeGreaterThan(3_500);
    expect(refused).toBeGreaterThan(checked / 2);
    expect(refused).toBeLessThan(checked);
  });

  it("on values that are not files at all", () => {
    for (const value of REPLACEMENTS) for (const pair of [RULE, AMENDMENT, DOCUMENT, SHARED]) compare(pair, value);
  });
});
