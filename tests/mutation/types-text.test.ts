import { describe, expect, it } from "vitest";
import { Dec } from "../../src/exact/decimal.js";
import { INVALID, VALUE_TYPES, asciiClassPattern, valueType } from "../../src/types/index.js";

// Survivors of src/types/boolean.ts, date.ts, enum.ts, enum-list.ts and string.ts in `npm run
// test:mutation` (docs/testing.md, "Mutation testing"): the members of each module that the value-type
// tests (tests/value-types/) call without asserting. Expected values are worked out by hand from each
// module's doc comment.

const label = { zh: "测试", en: "test" };
const none = { min: undefined, max: undefined };
const values = { beijing: { zh: "北京", en: "Beijing" }, hebei: { zh: "河北", en: "Hebei" } };

describe("boolean", () => {
  const t = VALUE_TYPES.boolean;
  const spec = { type: "boolean" as const, label };
  it("the fast reader takes true and false as they are, nothing else", () => {
    const read = t.slotReader(spec, t.expectation(spec)).read;
    expect(read(true)).toBe(true);
    expect(read(false)).toBe(false);
    expect(read("true")).toBe(INVALID);
    expect(read(1)).toBe(INVALID);
    expect(t.slotReader(spec, t.expectation(spec)).kind).toBe("plain");
  });
  it("texts: as written, yes/no on the page, and what is neither as it is", () => {
    expect(t.explainText("true")).toEqual({ zh: "true", en: "true" });
    expect(t.peopleText("false")).toBe("false");
    expect(t.outcomeText("true")).toBe("true");
    expect(t.caseText("true")).toBe("true");
    expect(t.pageText(true, "en")).toBe("✓ yes");
    expect(t.pageText(false, "zh")).toBe("✗ 否");
    expect(t.pageText(null, "en")).toBe("null");
    expect(t.pageText("true", "en")).toBe("true");
    expect(t.deltaText(new Dec("1000"))).toBe("1,000");
    expect(t.factOf(new Dec("1"))).toBe("1");
  });
  it("a parameter, --set, types and bounds", () => {
    expect(t.parameterProblem({ type: "boolean", value: false, label })).toBeUndefined();
    expect(t.parseAssignment("false")).toBe(false);
    expect(t.parseAssignment("TRUE")).toBe("TRUE");
    expect(t.assignmentExpected({ type: "boolean", value: true, label }, none)).toBe("true or false");
    expect(t.tsType(spec)).toBe("boolean");
    expect(t.inputBound(spec)).toEqual({ int: 1, frac: 0, size: 5 });
    expect(t.factsJsonSchema(spec)).toStrictEqual({ type: "boolean" });
    expect(t.overrideValue(1)).toBe(1);
    expect(t.runtimeValue(true)).toBe(true);
    expect(() => t.scaledFormatter(0)).toThrow(TypeError);
  });
});

describe("date", () => {
  const t = VALUE_TYPES.date;
  const spec = { type: "date" as const, label };
  it("hints at a time or a zone only, for text", () => {
    const hint = t.expectation(spec).hint!;
    expect(hint("2025-01-01 10:00")).toBe("give the calendar date only, without a time or zone");
    expect(hint("2025-01-01T00")).toBe("give the calendar date only, without a time or zone");
    expect(hint("2025/01/01")).toBeUndefined();
    expect(hint(20250101)).toBeUndefined();
    // Only a text is read: a list or a Date would print a "T" or a ":" of its own.
    expect(hint(["2025-01-01T00:00"])).toBeUndefined();
    expect(hint(new Date(0))).toBeUndefined();
  });
  it("the fast reader gives the date or INVALID", () => {
    const read = t.slotReader(spec, t.expectation(spec)).read;
    expect(read("2024-02-29")).toBe("2024-02-29");
    expect(read("2023-02-29")).toBe(INVALID);
  });
  it("texts, an outcome, a parameter, --set, types and bounds", () => {
    expect(t.formatOutcome("2025-06-01", "f")).toBe("2025-06-01");
    expect(t.formatOutcome(undefined, "f")).toBeNull();
    expect(t.peopleText("2025-06-01")).toBe("2025-06-01");
    expect(t.outcomeText("2025-06-01")).toBe("2025-06-01");
    expect(t.caseText("2025-06-01")).toBe("2025-06-01");
    expect(t.pageText(true, "zh")).toBe("✓ 是");
    expect(t.deltaText(new Dec("12345"))).toBe("12,345");
    expect(t.factOf(new Dec("3"))).toBe("3");
    expect(t.parseAssignment("2025-01-01")).toBe("2025-01-01");
    expect(t.assignmentExpected({ type: "date", value: "2025-01-01", label }, none)).toBe("a date YYYY-MM-DD");
    expect(t.tsType(spec)).toBe("string");
    expect(t.inputBound(spec)).toEqual({ int: 0, frac: 0, size: 10 });
    expect(t.factsJsonSchema(spec)).toStrictEqual({ type: "string", format: "date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "a calendar date YYYY-MM-DD" });
    expect(t.parameterProblem({ type: "date", value: 20250101, label })?.message).toBe("a date parameter is YYYY-MM-DD, got 20250101");
  });
});

describe("enum", () => {
  const t = VALUE_TYPES.enum;
  const spec = { type: "enum" as const, label, values };
  it("the check and the fast reader take a declared value only, never an inherited name", () => {
    const accept = t.expectation(spec).accept;
    const read = t.slotReader(spec, t.expectation(spec)).read;
    for (const v of ["beijing", "hebei"]) {
      expect(accept(v)).toBe(v);
      expect(read(v)).toBe(v);
    }
    for (const v of ["tianjin", "toString", "constructor", 1, ["beijing"]]) {
      expect(accept(v)).toBeUndefined();
      expect(read(v)).toBe(INVALID);
    }
    expect(t.slotReader(spec, t.expectation(spec)).kind).toBe("plain");
  });
  it("without values nothing is accepted", () => {
    const bare = { type: "enum" as const, label };
    expect(t.expectation(bare).expected).toBe("one of ");
    expect(t.expectation(bare).accept("")).toBeUndefined();
    expect(t.slotReader(bare, t.expectation(bare)).read("x")).toBe(INVALID);
    expect(t.tsType(bare)).toBe("never");
    expect(t.inputBound(bare)).toEqual({ int: 0, frac: 0, size: 0 });
    expect(t.factsJsonSchema(bare)).toStrictEqual({ type: "string", enum: [] });
    expect(t.assignmentExpected({ type: "enum", value: "x", label }, none)).toBe("one of ");
    expect(t.parameterProblem({ type: "enum", value: "x", label })?.message).toBe('an enum parameter is one of , got "x"');
  });
  it("texts: a label only for a declared value, on the page and in reports", () => {
    expect(t.peopleText("beijing", values)).toBe("beijing (北京, Beijing)");
    expect(t.peopleText("toString", values)).toBe("toString");
    expect(t.peopleText("beijing")).toBe("beijing");
    expect(t.pageText("toString", "en", values)).toBe("toString");
    expect(t.pageText("beijing", "en")).toBe("beijing");
    expect(t.pageText(false, "en")).toBe("✗ no");
    expect(t.pageText(["a", "b"], "en")).toBe("a, b");
    expect(t.explainText("hebei")).toEqual({ zh: "hebei", en: "hebei" });
    expect(t.outcomeText("hebei")).toBe("hebei");
    expect(t.caseText("hebei")).toBe("hebei");
    expect(t.formatOutcome("hebei", "f")).toBe("hebei");
    expect(t.deltaText(new Dec("1000"))).toBe("1,000");
    expect(t.factOf(new Dec("2"))).toBe("2");
  });
  it("a parameter is one of the values as a string: 1 is not the value \"1\"", () => {
    const numbered = { "1": { zh: "一", en: "one" } };
    expect(t.parameterProblem({ type: "enum", value: "1", values: numbered, label })).toBeUndefined();
    expect(t.parameterProblem({ type: "enum", value: 1, values: numbered, label })?.message).toBe("an enum parameter is one of 1, got 1");
    expect(t.expectation({ type: "enum", label, values: numbered }).accept(1)).toBeUndefined();
  });
  it("a parameter, --set, types and bounds", () => {
    expect(t.parameterProblem({ type: "enum", value: "hebei", values, label })).toBeUndefined();
    expect(t.parameterProblem({ type: "enum", value: "toString", values, label })?.message).toBe('an enum parameter is one of beijing, hebei, got "toString"');
    expect(t.parameterProblem({ type: "enum", value: 1, values, label })?.message).toBe("an enum parameter is one of beijing, hebei, got 1");
    expect(t.parseAssignment("hebei")).toBe("hebei");
    expect(t.assignmentExpected({ type: "enum", value: "x", values, label }, none)).toBe("one of beijing, hebei");
    expect(t.inputBound(spec)).toEqual({ int: 0, frac: 0, size: 7 });
    expect(t.factsJsonSchema(spec)).toStrictEqual({ type: "string", enum: ["beijing", "hebei"] });
  });
});

describe("enumList", () => {
  const t = VALUE_TYPES.enumList;
  const spec = { type: "enumList" as const, label, values };
  it("the check takes a list of declared values only, and drops repeats in order", () => {
    const accept = t.expectation(spec).accept;
    expect(accept(["hebei", "beijing", "hebei"])).toEqual(["hebei", "beijing"]);
    expect(accept(["hebei", 1])).toBeUndefined();
    expect(accept(["toString"])).toBeUndefined();
    expect(accept({ length: 0 })).toBeUndefined();
    const read = t.slotReader(spec, t.expectation(spec)).read;
    expect(read(["beijing"])).toEqual(["beijing"]);
    expect(read(["x"])).toBe(INVALID);
  });
  it("without values only the empty list is accepted", () => {
    const bare = { type: "enumList" as const, label };
    expect(t.expectation(bare).expected).toBe("a list of ");
    expect(t.expectation(bare).accept([])).toEqual([]);
    expect(t.expectation(bare).accept([""])).toBeUndefined();
    expect(t.tsType(bare)).toBe("readonly (never)[]");
    expect(t.inputBound(bare)).toEqual({ int: 0, frac: 0, size: 1 });
    expect(t.factsJsonSchema(bare)).toStrictEqual({ type: "array", items: { type: "string", enum: [] } });
    expect(t.assignmentExpected({ type: "enumList", value: [], label }, none)).toBe("a comma-separated list of ");
    expect(t.parameterProblem({ type: "enumList", value: [], label })?.message).toBe("an enumList parameter lists values among , got []");
  });
  it("the page: labels of declared values only, joined in the reader's language; not a list as it is", () => {
    expect(t.pageText(["beijing", "tianjin"], "en", values)).toBe("Beijing (beijing), tianjin");
    expect(t.pageText(["toString"], "zh", values)).toBe("toString");
    expect(t.pageText(["beijing", "hebei"], "zh")).toBe("beijing、hebei");
    expect(t.pageText([], "en", values)).toBe("none");
    expect(t.pageText("beijing", "en", values)).toBe("beijing");
    expect(t.pageText(null, "en", values)).toBe("null");
  });
  it("texts, outcomes, a parameter, --set, types and bounds", () => {
    expect(t.explainText("a")).toEqual({ zh: "a", en: "a" });
    expect(t.peopleText("a")).toBe("a");
    expect(t.outcomeText("a")).toBe("a");
    expect(t.caseText("a")).toBe("a");
    expect(t.deltaText(new Dec("1000"))).toBe("1,000");
    expect(t.factOf(new Dec("2"))).toBe("2");
    expect(t.formatOutcome("beijing", "f")).toEqual([]);
    expect(t.parameterProblem({ type: "enumList", value: ["hebei", "beijing"], values, label })).toBeUndefined();
    expect(t.parameterProblem({ type: "enumList", value: "hebei", values, label })?.message).toBe('an enumList parameter lists values among beijing, hebei, got "hebei"');
    expect(t.parameterProblem({ type: "enumList", value: [1] as never, values, label })?.message).toBe("an enumList parameter lists values among beijing, hebei, got [1]");
    // Every item must be a value, not only one; and a value is a string: 1 is not the value "1".
    expect(t.parameterProblem({ type: "enumList", value: ["hebei", "tianjin"], values, label })?.message).toBe('an enumList parameter lists values among beijing, hebei, got ["hebei","tianjin"]');
    expect(t.parameterProblem({ type: "enumList", value: [1] as never, values: { "1": { zh: "一", en: "one" } }, label })?.message).toBe("an enumList parameter lists values among 1, got [1]");
    expect(t.parameterProblem({ type: "enumList", value: ["1"], values: { "1": { zh: "一", en: "one" } }, label })).toBeUndefined();
    expect(t.parameterProblem({ type: "enumList", value: ["toString"], values, label })?.message).toBe('an enumList parameter lists values among beijing, hebei, got ["toString"]');
    expect(t.parseAssignment("hebei")).toEqual(["hebei"]);
    expect(t.parseAssignment(" a ,b")).toEqual(["a", "b"]);
    expect(t.assignmentExpected({ type: "enumList", value: [], values, label }, none)).toBe("a comma-separated list of beijing, hebei");
    expect(t.tsType(spec)).toBe('readonly ("beijing" | "hebei")[]');
    // beijing (7 + 1) + hebei (5 + 1) + 1: the list's brackets and commas
    expect(t.inputBound(spec)).toEqual({ int: 0, frac: 0, size: 15 });
    expect(t.factsJsonSchema(spec)).toStrictEqual({ type: "array", items: { type: "string", enum: ["beijing", "hebei"] } });
  });
});

describe("string", () => {
  const t = VALUE_TYPES.string;
  const spec = { type: "string" as const, label };
  it("the check: at most 200 characters, the pattern as a Unicode regular expression", () => {
    const accept = t.expectation(spec).accept;
    expect(accept("x".repeat(200))).toBe("x".repeat(200));
    expect(accept("x".repeat(201))).toBeUndefined();
    expect(accept(5)).toBeUndefined();
    const withPattern = t.expectation({ ...spec, pattern: "^\\p{Script=Han}+$" }).accept;
    expect(withPattern("石家庄")).toBe("石家庄");
    expect(withPattern("sjz")).toBeUndefined();
    // A pattern does not lift the length limit.
    expect(t.expectation({ ...spec, pattern: "^x*$" }).accept("x".repeat(201))).toBeUndefined();
  });
  it("the fast table of an ASCII-class pattern gives the same answers as the regular expression", () => {
    const plus = { ...spec, pattern: "^[a-c_]+$" };
    const read = t.slotReader(plus, t.expectation(plus)).read;
    expect(read("ab_c")).toBe("ab_c");
    expect(read("")).toBe(INVALID); // + needs one character
    expect(read("abd")).toBe(INVALID);
    expect(read("é")).toBe(INVALID); // not ASCII
    expect(read(1)).toBe(INVALID);
    expect(read("a".repeat(200))).toBe("a".repeat(200));
    expect(read("a".repeat(201))).toBe(INVALID);
    const star = { ...spec, pattern: "^[a-c]*$" };
    expect(t.slotReader(star, t.expectation(star)).read("")).toBe("");
    // Another pattern is read through the check itself.
    const other = { ...spec, pattern: "^[a-c]{2}$" };
    const readOther = t.slotReader(other, t.expectation(other)).read;
    expect(readOther("ab")).toBe("ab");
    expect(readOther("abc")).toBe(INVALID);
    expect(t.slotReader(spec, t.expectation(spec)).read("x".repeat(201))).toBe(INVALID);
  });
  it("texts, outcomes, a parameter, --set, types and bounds", () => {
    expect(t.outcomeText('a"b')).toBe('"a\\"b"');
    expect(t.explainText("a")).toEqual({ zh: "a", en: "a" });
    expect(t.caseText("a b")).toBe("a b");
    expect(t.pageText(false, "zh")).toBe("✗ 否");
    expect(t.deltaText(new Dec("1000"))).toBe("1,000");
    expect(t.factOf(new Dec("2"))).toBe("2");
    expect(t.formatOutcome(5, "f")).toBe("5");
    expect(t.parameterProblem({ type: "string", value: "x", label })).toBeUndefined();
    expect(t.parameterProblem({ type: "string", value: 5, label })?.message).toBe("a string parameter is a string, got 5");
    expect(t.parseAssignment("a,b")).toBe("a,b");
    expect(t.assignmentExpected({ type: "string", value: "", label }, none)).toBe("text");
    expect(t.tsType(spec)).toBe("string");
    expect(t.inputBound(spec)).toEqual({ int: 0, frac: 0, size: 200 });
    expect(t.factsJsonSchema(spec)).toStrictEqual({ type: "string", maxLength: 200 });
    expect(t.factsJsonSchema({ ...spec, pattern: "^[a-z]+$" })).toStrictEqual({ type: "string", maxLength: 200, pattern: "^[a-z]+$" });
  });
});

describe("asciiClassPattern: one class of ASCII letters, digits, _ - . repeated, as a table", () => {
  const allowed = (pattern: string) => {
    const t = asciiClassPattern(pattern);
    return t && { chars: [...t.allowed.keys()].filter((c) => t.allowed[c] === 1).map((c) => String.fromCharCode(c)).join(""), min: t.min };
  };
  it("ranges are inclusive at both ends; a '-' first or last is itself", () => {
    expect(allowed("^[a-d]+$")).toEqual({ chars: "abcd", min: 1 });
    expect(allowed("^[0-2x]*$")).toEqual({ chars: "012x", min: 0 });
    expect(allowed("^[A-C_.]+$")).toEqual({ chars: ".ABC_", min: 1 });
    expect(allowed("^[a-]+$")).toEqual({ chars: "-a", min: 1 });
    expect(allowed("^[-a]+$")).toEqual({ chars: "-a", min: 1 });
    expect(allowed("^[a-a]+$")).toEqual({ chars: "a", min: 1 });
    // Only a "-" between two characters makes a range: three letters are three letters.
    expect(allowed("^[cab]+$")).toEqual({ chars: "abc", min: 1 });
    expect(allowed("^[adz]+$")).toEqual({ chars: "adz", min: 1 });
  });
  it("a range backwards, or from or to a character that is not a letter or digit, is not such a pattern", () => {
    expect(asciiClassPattern("^[d-a]+$")).toBeUndefined();
    expect(asciiClassPattern("^[.-a]+$")).toBeUndefined();
    expect(asciiClassPattern("^[a-_]+$")).toBeUndefined();
    expect(asciiClassPattern("^[0-9:]+$")).toEqual(undefined); // ':' is not in the class
    expect(asciiClassPattern("^[/-9]+$")).toBeUndefined(); // '/' (47) is just below '0'
    expect(asciiClassPattern("^[0-@]+$")).toBeUndefined();
    expect(asciiClassPattern("^[@-Z]+$")).toBeUndefined();
    expect(asciiClassPattern("^[A-[]+$")).toBeUndefined();
    expect(asciiClassPattern("^[`-z]+$")).toBeUndefined();
    expect(asciiClassPattern("^[a-{]+$")).toBeUndefined();
    // "_" (95) lies between "Z" and "a" and after "9": it is no end of a range.
    expect(asciiClassPattern("^[0-_]+$")).toBeUndefined();
    expect(asciiClassPattern("^[A-_]+$")).toBeUndefined();
    expect(asciiClassPattern("^[_-z]+$")).toBeUndefined();
    expect(allowed("^[0-9A-Za-z]+$")?.chars).toBe("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
  });
  it("anything but one class with + or * between ^ and $ is not such a pattern", () => {
    for (const p of ["[a-z]+$", "^[a-z]+", "^[a-z]?$", "^[a-z]{2}$", "^[^a-z]+$", "^[a-z]+$x", "x^[a-z]+$", "^[]+$", "^[a z]+$"]) expect(asciiClassPattern(p), p).toBeUndefined();
  });
});

describe("the registry of value types (types/index.ts)", () => {
  it("valueType gives the module of each type, by its name", () => {
    for (const name of ["money", "decimal", "rate", "integer", "boolean", "date", "enum", "enumList", "string"] as const) {
      expect(valueType(name)).toBe(VALUE_TYPES[name]);
      expect(valueType(name).name).toBe(name);
    }
  });
});
