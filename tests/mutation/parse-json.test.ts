import { describe, expect, it } from "vitest";
import { parseRuleJson } from "../../src/catalog/parse-json.js";
import { RuleFileError } from "../../src/errors.js";
import { thrown } from "../hostile/guard.js";

// The strict scanner's own messages (surviving mutants of `npm run test:mutation`): each malformed text
// is refused with the code, the line and column, and the words that say what is wrong — not only refused
// (JSON.parse, which runs after the scanner, would refuse most of them too, with a worse message).
const bytes = (text: string) => new TextEncoder().encode(text);
const issue = (text: string) => {
  const error = thrown(() => parseRuleJson(bytes(text), "p.json"));
  expect(error).toBeInstanceOf(RuleFileError);
  const issues = (error as RuleFileError).issues;
  expect(issues).toHaveLength(1);
  return issues[0]!;
};

describe("parseRuleJson names what is wrong, and where", () => {
  it.each([
    ['{"a": "x\ty"}', "line 1, column 9: a control character"],
    ['{"a": "\\u12g4"}', "line 1, column 9: \\u must be followed by four hex digits"],
    ['{"a": "\\u123"}', "\\u must be followed by four hex digits"],
    ['{"a": "\\q"}', "line 1, column 9: invalid escape \\q in a string"],
    ['{"a": "\\', "invalid escape \\ in a string"],
    ['{\n  "a": "never closed}', "line 2, column 8: a string is not closed"],
    ["{a: 1}", 'line 1, column 2: expected a key in double quotes, found "a"'],
    ['{"a" 1}', 'expected ":" after a key'],
    ['{"a": 1 "b": 2}', 'expected "," or "}"'],
    ["[1, 2 3]", 'expected "," or "]"'],
    ['{"a": tru}', "expected a JSON value"],
    ['{"a": 1} x', "after the JSON value"],
  ])("%j: %s", (text, words) => {
    const found = issue(text);
    expect(found.code).toBe("invalid_json");
    expect(found.path).toBe("p.json#");
    expect(found.message).toContain(words);
  });

  it("a carriage return and tabs between values are white space; inside a string they are refused", () => {
    expect(parseRuleJson(bytes('{\r\n\t"a":\r\n\t1\r\n}'), "p.json")).toEqual({ a: 1 });
    expect(issue('{"a": "x\ry"}').message).toContain("a control character");
  });

  it("valid escapes are taken, and a key with an escape is compared after unescaping", () => {
    expect(parseRuleJson(bytes('{"a\\u0062": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"}'), "p.json")).toEqual({ ab: '"\\/\b\f\n\r\té' });
    const dup = issue('{"ab": 1,\n "a\\u0062": 2}');
    expect(dup.code).toBe("duplicate_key");
    expect(dup.message).toContain('key "ab" appears twice in one object (first on line 1)');
  });
});
