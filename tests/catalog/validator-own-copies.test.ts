import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { RuleFileError } from "../../src/errors.js";
import { OwnCopies } from "../../src/catalog/own-sources.js";
import { MAX_FILE_NODES } from "../../src/catalog/json-shape.js";

/*
 * The loader's own copies of the caller's files (src/catalog/own-sources.ts, issue #20): one walk copies and
 * checks each file, reading each of its values once (it was read by a shape check, a structuredClone and a
 * second shape check), so a getter cannot show the check one value and the copy another.
 */
const ROOT = join(import.meta.dirname, "../../rules");
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
const RULE = "sjz-2025/absorption-subsidy/v1.json";

function sources(rule: unknown): RuleSource[] {
  return [
    { path: "sjz-2025/document.json", json: read("sjz-2025/document.json") },
    { path: "sjz-2025/inputs.json", json: read("sjz-2025/inputs.json") },
    { path: RULE, json: rule },
  ];
}

describe("the loader's own copies", () => {
  it("read each value of a caller's file once", () => {
    const rule = read(RULE) as Record<string, unknown>;
    let reads = 0;
    const clause = rule["clause"];
    Object.defineProperty(rule, "clause", { enumerable: true, configurable: true, get: () => (reads++, clause) });
    const set = loadRuleSet(sources(rule));
    expect(set.ruleIds()).toContain("sjz-2025/absorption-subsidy");
    expect(reads).toBe(1);
  });

  it("keep the value a getter gave the first time, whatever it gives later", () => {
    const rule = read(RULE) as Record<string, unknown>;
    const title = rule["title"];
    let reads = 0;
    // Valid once, then a value that is not JSON at all.
    Object.defineProperty(rule, "title", { enumerable: true, configurable: true, get: () => (reads++ === 0 ? title : () => "not JSON") });
    const set = loadRuleSet(sources(rule));
    expect(set.ruleIds()).toContain("sjz-2025/absorption-subsidy");
  });

  it("refuse a file the copy refuses, with the shape check's own issue", () => {
    const rule = read(RULE) as Record<string, unknown>;
    rule["notes"] = [rule]; // a cycle
    const error = (() => {
      try {
        loadRuleSet(sources(rule));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i) => [i.code, i.path])).toEqual([["cycle", `${RULE}#/notes/0`]]);
  });

  it("refuse a file whose getter answers differently when the shape check reads it again", () => {
    const big = { a: Array.from({ length: 20 }, () => "x") };
    let reads = 0;
    const json = {};
    Object.defineProperty(json, "a", { enumerable: true, get: () => (reads++ === 0 ? big : 1) });
    const own = new OwnCopies(10);
    const [copy] = own.copy([{ path: RULE, json }]);
    expect(copy!.json).toBe(json); // refused: over 10 values
    expect(own.shapeProblem(json, 10)).toEqual(expect.objectContaining({ code: "not_json" }));
  });

  it("are plain trees: a value shared twice in the caller's file is two values in the copy", () => {
    const shared = { zh: "甲", en: "a" };
    const [copy] = new OwnCopies(MAX_FILE_NODES).copy([{ path: RULE, json: { x: shared, y: shared } }]);
    const json = copy!.json as Record<string, unknown>;
    expect(json).toEqual({ x: shared, y: shared });
    expect(json["x"]).not.toBe(json["y"]);
    expect(json["x"]).not.toBe(shared);
  });
});
