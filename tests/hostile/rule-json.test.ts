import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/catalog/load.js";
import { MAX_RULE_FILE_BYTES, parseRuleJson, scanJson } from "../../src/catalog/parse-json.js";
import { MAX_FILE_DEPTH } from "../../src/catalog/json-shape.js";
import { readRuleSources } from "../../src/cli/load-dir.js";
import { ruleSourcesFromTarball } from "../../src/cli/read-rule-set.js";
import { RuleFileError } from "../../src/errors.js";
import { loadRules, minimalRule, shipped } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";

// The bytes of a rule file become JSON in one place, parseRuleJson, for the folder and the tarball reader
// alike: strict UTF-8, a leading BOM dropped, strict JSON, no key twice in one object (named, with its
// line), bounded nesting and size; a key "__proto__" is refused by the loader instead of vanishing.
guardPrototypes();

const root = fileURLToPath(new URL("../..", import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** The one issue of the RuleFileError a call throws. */
function issueOf(f: () => unknown) {
  const error = thrown(f);
  expect(error).toBeInstanceOf(RuleFileError);
  const issues = (error as RuleFileError).issues;
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe("parseRuleJson", () => {
  it("a key twice in one object is refused, naming the key and both lines", () => {
    const text = '{\n  "id": "x",\n  "inputs": {\n    "amount": 1,\n    "amount": 2\n  }\n}';
    expect(JSON.parse(text).inputs.amount).toBe(2); // what JSON.parse does: the last one wins, silently
    expect(issueOf(() => parseRuleJson(utf8(text), "sjz-2025/x/v1.json"))).toEqual({
      code: "duplicate_key",
      path: "sjz-2025/x/v1.json#",
      message: 'line 5, column 5: key "amount" appears twice in one object (first on line 4)',
    });
  });

  it("keys are compared after unescaping, and the same key in different objects is fine", () => {
    expect(issueOf(() => parseRuleJson(utf8('{"a": 1, "\\u0061": 2}'), "f")).message).toContain('key "a" appears twice');
    expect(parseRuleJson(utf8('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}'), "f")).toEqual({ a: { a: 1 }, b: [{ a: 2 }, { a: 3 }] });
  });

  it("invalid UTF-8 is refused, with the offset of the first bad byte (it used to become U+FFFD silently)", () => {
    const bytes = concat(utf8('{"zh": "补'), new Uint8Array([0xe5, 0x8a]), utf8('"}')); // a truncated 3-byte sequence
    expect(Buffer.from(bytes).toString("utf8")).toContain("\uFFFD");
    expect(issueOf(() => parseRuleJson(bytes, "f"))).toEqual({ code: "invalid_utf8", path: "f#", message: "the file is not valid UTF-8 (at byte 11)" });
    expect(issueOf(() => parseRuleJson(new Uint8Array([0x22, 0xc0, 0xaf, 0x22]), "f")).code).toBe("invalid_utf8"); // an overlong "/"
    expect(issueOf(() => parseRuleJson(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]), "f")).code).toBe("invalid_utf8"); // an encoded surrogate
  });

  it("a leading byte order mark is dropped; one anywhere else is not whitespace", () => {
    expect(parseRuleJson(concat(BOM, utf8('{"a": 1}')), "f")).toEqual({ a: 1 });
    expect(issueOf(() => parseRuleJson(concat(utf8(" "), BOM, utf8('{"a": 1}')), "f")).code).toBe("invalid_json");
    expect(issueOf(() => parseRuleJson(concat(BOM, BOM, utf8('{"a": 1}')), "f")).code).toBe("invalid_json");
  });

  it("syntax errors name the line and column", () => {
    expect(issueOf(() => parseRuleJson(utf8('{\n  "a": 1,\n}'), "f"))).toEqual({ code: "invalid_json", path: "f#", message: 'line 3, column 1: expected a key in double quotes, found "}"' });
    expect(issueOf(() => parseRuleJson(utf8("{} // comment"), "f")).message).toBe('line 1, column 4: unexpected "/" after the JSON value');
    expect(issueOf(() => parseRuleJson(utf8(""), "f")).message).toBe("line 1, column 1: expected a JSON value, found the end of the file");
  });

  it(`a file larger than MAX_RULE_FILE_BYTES (${MAX_RULE_FILE_BYTES}) is refused before it is decoded; maxBytes raises the limit`, () => {
    const big = utf8(`[${" ".repeat(MAX_RULE_FILE_BYTES - 2)}]`); // exactly the limit
    expect(parseRuleJson(big, "f")).toEqual([]);
    const bigger = utf8(`[${" ".repeat(MAX_RULE_FILE_BYTES - 1)}]`); // one byte more
    const issue = issueOf(() => parseRuleJson(bigger, "f"));
    expect(issue.code).toBe("too_large");
    expect(issue.message).toMatch(/MAX_RULE_FILE_BYTES.*maxBytes/);
    expect(parseRuleJson(bigger, "f", { maxBytes: MAX_RULE_FILE_BYTES + 1 })).toEqual([]);
  });

  it(`nesting deeper than MAX_FILE_DEPTH (${MAX_FILE_DEPTH}) is refused without a stack overflow, even 1,000,000 levels`, () => {
    expect(parseRuleJson(utf8("[".repeat(MAX_FILE_DEPTH) + "]".repeat(MAX_FILE_DEPTH)), "f")).toBeInstanceOf(Array);
    expect(issueOf(() => parseRuleJson(utf8("[".repeat(MAX_FILE_DEPTH + 1) + "]".repeat(MAX_FILE_DEPTH + 1)), "f")).code).toBe("too_deep");
    expect(issueOf(() => parseRuleJson(utf8("[".repeat(1_000_000)), "f")).code).toBe("too_deep");
  });

  it("a large object is scanned once: 200,000 keys, then the first key again on the last line", () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `"key${i}": ${i}`);
    expect(Object.keys(parseRuleJson(utf8(`{${keys.join(",\n")}}`), "f") as object)).toHaveLength(200_000);
    const issue = issueOf(() => parseRuleJson(utf8(`{${keys.join(",\n")},\n"key0": 0}`), "f"));
    expect(issue.message).toBe('line 200001, column 1: key "key0" appears twice in one object (first on line 1)');
  }, 30_000);

  it("accepts exactly what JSON.parse accepts, and gives the same value (30,000 random texts)", () => {
    const pieces = ["{", "}", "[", "]", ",", ":", '"a"', '"b"', '"\\u00e9"', '"\\x"', "1", "-", "0", ".", "5", "e", "E+", "true", "null", "fals", " ", "\n", "\t", '"\\n"', '"', "\\"];
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let valid = 0;
    for (let round = 0; round < 30_000; round++) {
      let text = "";
      for (let n = 1 + random(9); n > 0; n--) text += pieces[random(pieces.length)];
      let expected: { value: unknown } | undefined;
      try {
        expected = { value: JSON.parse(text) };
      } catch {
        expected = undefined;
      }
      const problem = scanJson(text);
      if (problem?.code === "duplicate_key") continue;
      expect(problem === undefined, text).toBe(expected !== undefined);
      if (expected) {
        valid++;
        expect(parseRuleJson(utf8(text), "f")).toEqual(expected.value);
      }
    }
    expect(valid).toBeGreaterThan(500);
  }, 60_000);

  it("every shipped rule and document file is strict JSON with no key twice", () => {
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith(".json") && files.push(join(d, n))));
    walk(join(root, "rules"));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(parseRuleJson(bytes, relative(root, file))).toEqual(JSON.parse(bytes.toString("utf8")));
    }
  }, 30_000);
});

describe("names JavaScript objects cannot hold", () => {
  /** A rule file's JSON as the readers produce it, from text in which "@@" is replaced. */
  const ruleWith = (section: "inputs" | "parameters" | "outcome", entry: string) => {
    const text = JSON.stringify(minimalRule()).replace(`"${section}":{`, `"${section}":{${entry},`);
    return parseRuleJson(utf8(text), "sjz-2025/test-rule/v1.json") as Record<string, any>;
  };
  const spec = {
    inputs: '{"type":"money","label":{"zh":"x","en":"x"}}',
    parameters: '{"type":"money","value":"1","label":{"zh":"x","en":"x"}}',
    outcome: '{"type":"boolean","label":{"zh":"x","en":"x"},"logic":true}',
  };

  it.each(["inputs", "parameters", "outcome"] as const)('an entry of %s named "__proto__" is refused by name (zod used to drop it silently)', (section) => {
    const rule = ruleWith(section, `"__proto__":${spec[section]}`);
    expect(Object.prototype.hasOwnProperty.call(rule[section], "__proto__")).toBe(true);
    expect(issueOf(() => loadRules(rule))).toEqual({ code: "forbidden_name", path: `sjz-2025/test-rule/v1.json#/${section}/__proto__`, message: expect.stringContaining('"__proto__"') });
  });

  it.each(["constructor", "prototype", "toString"])('an input named "%s" is refused by name', (name) => {
    const issues = (thrown(() => loadRules(ruleWith("inputs", `"${name}":${spec.inputs}`))) as RuleFileError).issues;
    expect(issues).toContainEqual(expect.objectContaining({ code: "forbidden_name", path: `sjz-2025/test-rule/v1.json#/inputs/${name}` }));
  });

  it('a condition id "__proto__" is refused, and so is a "__proto__" key deeper in the file', () => {
    const condition = thrown(() => loadRules(minimalRule({ conditions: [{ id: "__proto__", label: { zh: "x", en: "x" }, logic: true }] }))) as RuleFileError;
    expect(condition.issues.map((i) => i.path)).toContain("sjz-2025/test-rule/v1.json#/conditions/0/id");
    const text = JSON.stringify(minimalRule()).replace('"title":{', '"title":{"__proto__":"x",');
    expect(issueOf(() => loadRules(parseRuleJson(utf8(text), "f") as Record<string, any>)).path).toBe("sjz-2025/test-rule/v1.json#/title/__proto__");
  });
});

describe("the folder and the tarball reader accept and refuse the same bytes", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const document = utf8(JSON.stringify(shipped("sjz-2025/document.json")));
  const rule = utf8(JSON.stringify(minimalRule(), null, 2));

  /** Both readers' sources for these files (path → bytes), or the RuleFileError each threw. */
  async function readBoth(files: Record<string, Uint8Array>): Promise<{ folder: unknown; tarball: unknown }> {
    const dir = mkdtempSync(join(tmpdir(), "jjj-rule-json-"));
    dirs.push(dir);
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const attempt = async (f: () => unknown) => {
      try {
        return await f();
      } catch (error) {
        return error;
      }
    };
    const tgz = gzipSync(tar(Object.entries(files).map(([path, bytes]) => [`package/rules/${path}`, bytes])));
    return { folder: await attempt(() => readRuleSources(dir)), tarball: await attempt(() => ruleSourcesFromTarball(tgz, "rules.tgz")) };
  }

  it("a BOM at the start of a file is accepted by both (the folder reader used to refuse it)", async () => {
    const { folder, tarball } = await readBoth({ "sjz-2025/document.json": concat(BOM, document), "sjz-2025/test-rule/v1.json": concat(BOM, rule) });
    expect(folder).toEqual(tarball);
    expect(loadRuleSet(folder as never).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it.each([
    ["a key twice", utf8('{\n"id": 1,\n"id": 2\n}'), "duplicate_key", 'line 3, column 1: key "id" appears twice in one object (first on line 2)'],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "invalid_utf8", "the file is not valid UTF-8 (at byte 1)"],
    ["a trailing comma", utf8('{"id": 1,}'), "invalid_json", 'line 1, column 10: expected a key in double quotes, found "}"'],
  ])("%s is refused by both, naming the file", async (_, bytes, code, message) => {
    const { folder, tarball } = await readBoth({ "sjz-2025/document.json": document, "sjz-2025/test-rule/v1.json": bytes });
    expect(folder).toBeInstanceOf(RuleFileError);
    expect(tarball).toBeInstanceOf(RuleFileError);
    expect((folder as RuleFileError).issues).toEqual([{ code, path: "sjz-2025/test-rule/v1.json#", message }]);
    expect((tarball as RuleFileError).issues).toEqual([{ code, path: "rules.tgz:package/rules/sjz-2025/test-rule/v1.json#", message }]);
  });
});

/** A minimal ustar writer: regular files only. */
function tar(files: [path: string, bytes: Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [path, bytes] of files) {
    const h = new Uint8Array(512);
    const put = (s: string, at: number) => h.set(utf8(s), at);
    put(path, 0);
    put("0000644\0", 100);
    put("0000000\0", 108);
    put("0000000\0", 116);
    put(bytes.length.toString(8).padStart(11, "0") + "\0", 124);
    put("00000000000\0", 136);
    put("        ", 148);
    put("0", 156);
    put("ustar\0" + "00", 257);
    put((h.reduce((a, b) => a + b, 0)).toString(8).padStart(6, "0") + "\0 ", 148);
    const body = new Uint8Array(Math.ceil(bytes.length / 512) * 512);
    body.set(bytes);
    parts.push(h, body);
  }
  return concat(...parts, new Uint8Array(1024));
}
