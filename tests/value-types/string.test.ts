import { describe, expect, it } from "vitest";
import { MAX_STRING_LENGTH, VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const string = VALUE_TYPES.string;

describe("string", () => {
  it("accepts text of at most 200 characters, or matching its pattern", () => {
    checkAcceptance({ type: "string", label });
    checkAcceptance({ type: "string", label, pattern: "^[a-z-]+$" });
    checkAcceptance({ type: "string", label, pattern: "^[0-9a-f]{64}$" });
    expect(MAX_STRING_LENGTH).toBe(200);
    expect(string.expectation({ type: "string", label }).expected).toBe("a string of at most 200 characters");
    expect(string.expectation({ type: "string", label, pattern: "^[a-z]+$" }).expected).toBe("a string matching ^[a-z]+$");
  });
  it("the fast table of an ASCII-class pattern answers as the regular expression", () => {
    const spec = { type: "string" as const, label, pattern: "^[a-z-]+$" };
    const reader = string.slotReader(spec, string.expectation(spec));
    expect(reader.read("shi-jia")).toBe("shi-jia");
  });
  it("is written quoted in reports and as it is on the page", () => {
    expect(string.peopleText('a"b')).toBe('"a\\"b"');
    expect(string.pageText("abc", "zh")).toBe("abc");
  });
});
