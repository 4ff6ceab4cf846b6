import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { RuleFileError } from "../../src/errors.js";
import { RuleFileSchema } from "../../src/schema/rule-file.js";
import { defaultEngine } from "../../src/api.js";
import { prng } from "../perf/generate.js";
import { fixturePath } from "../diff/helpers.js";

/*
 * Issue #20: a set loaded from files you read hashes each file in the load, just before its parse, from the
 * canonical JSON's bytes (engine/hash.ts, canonicalJsonHash; the files were hashed on the first read of a hash
 * before, which is where this file's name comes from) and the set on first read; the
 * parse of the loader's own copy shares that copy (catalog/validator.ts, plainJson) and a file whose shared
 * inputs were resolved from checked parts is taken as checked without a second walk (catalog/shared-inputs.ts,
 * adopt). These hold each to what the eager load gave: the same hashes, computed here independently of
 * src/ (node:crypto over JSON.stringify with sorted keys), the same parsed files as zod's parse (key order
 * included), the same errors, and nothing the caller does after the load changes them.
 */

const ROOT = join(import.meta.dirname, "../../rules");
const SHIPPED: RuleSource[] = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => /(^|\/)(document|inputs|v\d+)\.json$/.test(f))
  .sort()
  .map((f) => ({ path: f, json: JSON.parse(readFileSync(join(ROOT, f), "utf8")) as unknown }));

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const sortedKeys = (_key: string, v: unknown) =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v;
const independentHash = (json: unknown) => sha256(JSON.stringify(json, sortedKeys));
type Json = Record<string, any>;

/** A rule file with its shared-input references resolved, as the loader hashes and parses it. */
function resolved(sources: readonly RuleSource[], path: string, rule: Json): Json {
  const shared = (sources.find((s) => s.path === `${path.split("/")[0]}/inputs.json`)?.json as Json | undefined)?.["inputs"] as Json | undefined;
  const inputs = Object.fromEntries(
    Object.entries(rule["inputs"] as Json).map(([name, spec]) => {
      if (typeof spec?.shared !== "string") return [name, spec];
      const { shared: target, ...additions } = spec;
      return [name, { ...shared![target], ...additions }];
    }),
  );
  return { ...rule, inputs };
}

/** What the eager loader computed for a valid set: each file's hash and the rule-set hash, from the sources. */
function expectedHashes(sources: readonly RuleSource[]): { files: Map<string, string>; set: string } {
  const files = new Map<string, string>();
  for (const s of sources) {
    if (s.path.endsWith("/document.json")) files.set(s.path, independentHash(s.json));
    else if (/\/v\d+\.json$/.test(s.path)) files.set(s.path, independentHash(resolved(sources, s.path, s.json as Json)));
  }
  const pairs = [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { files, set: sha256(JSON.stringify(pairs)) };
}

function checkSet(sources: RuleSource[], label: string): void {
  const expected = expectedHashes(sources);
  const set = loadRuleSet(sources);
  // Each version's hash read first for half the rules, the set hash first for the others: the order of reads is not seen.
  const ids = set.ruleIds();
  ids.forEach((id, i) => {
    if (i % 2 === 0) for (const v of set.versions(id)) expect(v.hash, `${label} ${v.path}`).toBe(expected.files.get(v.path));
  });
  expect(set.hash, label).toBe(expected.set);
  for (const id of ids) {
    for (const v of set.versions(id)) {
      expect(v.hash, `${label} ${v.path}`).toBe(expected.files.get(v.path));
      // The parse that shares the loader's copy gives what zod's parse of the file gives, key order included.
      const source = sources.find((s) => s.path === v.path)!;
      expect(JSON.stringify(v.file), `${label} ${v.path}`).toBe(JSON.stringify(RuleFileSchema.parse(resolved(sources, v.path, source.json as Json))));
    }
  }
}

/** The shipped rules, varied but valid: ids renamed, keys reordered, descriptions as strings, references inlined, undefined fields. */
function variedSet(seed: number): RuleSource[] {
  const r = prng(seed);
  const shuffle = (o: Json): Json => {
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return Object.fromEntries(keys.map((k) => [k, o[k]]));
  };
  // Keys reordered in any object but the outcome, whose order is the order its fields are computed in.
  const vary = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => vary(x, ""));
    if (v === null || typeof v !== "object") return v;
    let o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, vary(x, k)]));
    if (key !== "outcome" && r() < 0.3) o = shuffle(o);
    return o;
  };
  const sources = SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) as Json }));
  for (const s of sources) {
    if (!/\/v\d+\.json$/.test(s.path)) continue;
    const json = s.json;
    for (const example of json["examples"] as Json[]) if (r() < 0.5) example["description"] = example["description"].zh; // a string: the parse makes it { zh, en }
    const inputs = json["inputs"] as Json;
    for (const name of Object.keys(inputs)) {
      // A reference inlined: the hash of the file is the same whether an input is shared or written out.
      if (typeof inputs[name].shared === "string" && r() < 0.3) inputs[name] = resolved(sources, s.path, json)["inputs"][name];
    }
    if (r() < 0.3) json["notes"] = undefined; // an absent optional field, written as undefined
    s.json = r() < 0.5 ? (vary(json, "") as Json) : json;
  }
  return sources;
}

describe("hashes of files you read", () => {
  it("are the eager hashes, for every shipped file and the shipped set", () => {
    checkSet(SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) })), "shipped");
  });

  it("are the eager hashes for varied sets (keys reordered, string descriptions, references inlined)", () => {
    for (let seed = 1; seed <= 6; seed++) checkSet(variedSet(seed), `seed ${seed}`);
  });

  it("are the bundled hashes: the trusted load and a load of the files you read agree", () => {
    const trusted = defaultEngine().ruleSet;
    const read = loadRuleSet(SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
    for (const id of trusted.ruleIds()) for (const v of trusted.versions(id)) expect(read.version(id, v.file.version).hash, v.path).toBe(v.hash);
    expect(read.hash).toBe(trusted.hash);
  });

  it("do not change when the caller changes its files after the load, before any hash is read", () => {
    const sources = SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) }));
    const expected = expectedHashes(sources.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
    const set = loadRuleSet(sources);
    const files = new Map(set.ruleIds().flatMap((id) => set.versions(id).map((v) => [v.path, JSON.stringify(v.file)] as const)));
    // Every object of every file changed: strings rewritten, lists grown, keys added and removed.
    const mangle = (v: unknown): void => {
      if (v === null || typeof v !== "object") return;
      if (Array.isArray(v)) {
        v.forEach(mangle);
        v.push("added");
        return;
      }
      const o = v as Json;
      for (const k of Object.keys(o)) {
        if (typeof o[k] === "string") o[k] = `${o[k]} changed`;
        else if (typeof o[k] === "number") o[k] += 1;
        else mangle(o[k]);
      }
      o["added"] = { x: 1 };
    };
    for (const s of sources) mangle(s.json);
    expect(set.hash).toBe(expected.set);
    for (const id of set.ruleIds()) {
      for (const v of set.versions(id)) {
        expect(v.hash, v.path).toBe(expected.files.get(v.path));
        expect(JSON.stringify(v.file), v.path).toBe(files.get(v.path));
      }
    }
  });

  it("of an amendment are of the full version as loaded, whatever the caller does to the amendment and its base later", () => {
    // The literal is tests/catalog/extends.test.ts's, hashed outside JavaScript.
    const dir = fixturePath("amendment", "rules", "sjz-2025");
    const read = (path: string) => JSON.parse(readFileSync(`${dir}/${path}`, "utf8")) as Json;
    const sources = [
      { path: "sjz-2025/document.json", json: read("document.json") },
      { path: "sjz-2025/absorption-subsidy/v1.json", json: read("absorption-subsidy/v1.json") },
      { path: "sjz-2025/absorption-subsidy/v2.json", json: read("absorption-subsidy/v2.json") },
    ];
    const set = loadRuleSet(sources);
    const before = loadRuleSet(structuredClone(sources)).hash;
    for (const s of sources) {
      s.json["validity"] = { from: { date: "2000-01-01", basis: "stated" } };
      s.json["examples"] = [];
      if (s.json["parameters"]) for (const p of Object.values(s.json["parameters"] as Json)) (p as Json)["value"] = "1";
    }
    expect(set.version("sjz-2025/absorption-subsidy", 2).hash).toBe("508b23d2544b0a49b8ca3420faa450f110567f411d22bae7ff84b736bd33d4eb");
    expect(set.hash).toBe(before);
  });

  it("are the same without a node limit (the loader's copies are then structured clones, checked by the shape walk)", () => {
    const sources = SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) as Json }));
    const expected = expectedHashes(sources);
    const set = loadRuleSet(sources, { maxFileNodes: Infinity });
    for (const s of sources) s.json["added"] = true;
    expect(set.hash).toBe(expected.set);
    for (const id of set.ruleIds()) for (const v of set.versions(id)) expect(v.hash, v.path).toBe(expected.files.get(v.path));
  });

  it("look like a field: enumerable where the eager one was, in JSON and spreads, and cannot be set", () => {
    const trusted = defaultEngine().ruleSet;
    const read = loadRuleSet(SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
    const id = "sjz-2025/absorption-subsidy";
    const v = read.version(id);
    expect(Object.keys(v)).toEqual(Object.keys(trusted.version(id)));
    expect({ ...v }.hash).toBe(trusted.version(id).hash);
    expect(Reflect.set(v, "hash", "0")).toBe(false);
    expect(Reflect.set(read, "hash", "0")).toBe(false);
    expect(v.hash).toBe(trusted.version(id).hash);
    expect(read.hash).toBe(trusted.hash);
  });
});

describe("the parse of the loader's own copy", () => {
  it("shares no object between two files (a document's shared declarations are copied per file)", () => {
    const set = loadRuleSet(SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
    const seen = new Map<object, string>();
    const walk = (v: unknown, path: string) => {
      if (v === null || typeof v !== "object") return;
      const owner = seen.get(v);
      if (owner !== undefined && owner !== path) throw new Error(`an object of ${path} is also in ${owner}`);
      seen.set(v, path);
      for (const child of Object.values(v)) walk(child, path);
    };
    for (const id of set.ruleIds()) for (const v of set.versions(id)) walk(v.file, v.path);
    expect(seen.size).toBeGreaterThan(1000);
  });

  it("is frozen deeply, shared parts of the copy included", () => {
    const set = loadRuleSet(SHIPPED.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== "object") return;
      expect(Object.isFrozen(v)).toBe(true);
      Object.values(v).forEach(walk);
    };
    for (const id of set.ruleIds()) for (const v of set.versions(id)) walk(v.file);
  });
});

describe("a file whose shared inputs were resolved", () => {
  const doc = SHIPPED.find((s) => s.path === "sjz-2025/document.json")!;
  const inputs = SHIPPED.find((s) => s.path === "sjz-2025/inputs.json")!;
  const rule = SHIPPED.find((s) => s.path.startsWith("sjz-2025/") && /\/v\d+\.json$/.test(s.path) && JSON.stringify(s.json).includes('"shared"'))!;
  const treeSize = (v: unknown): number => (v === null || typeof v !== "object" ? 1 : 1 + Object.values(v).reduce((n: number, c) => n + (c === undefined ? 0 : treeSize(c)), 0));
  const sources = () => [doc, inputs, rule].map((s) => ({ path: s.path, json: structuredClone(s.json) }));
  const size = treeSize(resolved(SHIPPED, rule.path, rule.json as Json));

  it("is held to maxFileNodes as resolved, counted without a walk: at its size it loads, one below it is too large", () => {
    // The limit binds the resolved rule file, not the others (whose sizes are below it).
    expect(size).toBeGreaterThan(Math.max(treeSize(doc.json), treeSize(inputs.json), treeSize(rule.json)));
    expect(loadRuleSet(sources(), { maxFileNodes: size }).ruleIds()).toHaveLength(1);
    let error: unknown;
    try {
      loadRuleSet(sources(), { maxFileNodes: size - 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i) => [i.code, i.path.split("#")[0]])).toEqual([["too_large", rule.path]]);
  });
});
