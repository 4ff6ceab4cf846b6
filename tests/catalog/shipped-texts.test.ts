import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseShippedText, shippedSources } from "../../src/catalog/shipped-sources.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";

// The bundled texts keep their bilingual pairs and Chinese strings in two lists apart (issue #15,
// scripts/bundle-rules.mjs); parseShippedText reads a file's text back.
describe("the shipped texts and their table", () => {
  const table = { zh: ["补助", "技术许可", "原文一句"], en: ["subsidy", "technology licence"] };

  it("reads a pair marker as a { zh, en } object and a Chinese marker as the string after the pairs", () => {
    const text = JSON.stringify({ title: "\uE0000", list: ["\uE0001", "\uE0010", "plain"], n: 1, deep: { label: "\uE0001" } });
    expect(parseShippedText(text, table)).toEqual({
      title: { zh: "补助", en: "subsidy" },
      list: [{ zh: "技术许可", en: "technology licence" }, "原文一句", "plain"],
      n: 1,
      deep: { label: { zh: "技术许可", en: "technology licence" } },
    });
  });

  it("gives each place its own object, in the key order zh, en", () => {
    const read = parseShippedText(JSON.stringify(["\uE0000", "\uE0000"]), table) as object[];
    expect(read[0]).not.toBe(read[1]);
    expect(Object.keys(read[0]!)).toEqual(["zh", "en"]);
  });

  it("refuses a marker the table does not hold rather than reading it as text", () => {
    expect(() => parseShippedText(JSON.stringify({ a: "\uE0002" }), table)).toThrow(/no text/);
    expect(() => parseShippedText(JSON.stringify({ a: "\uE0011" }), table)).toThrow(/no text/);
  });

  it("reads plain JSON without a table, markers and all", () => {
    expect(parseShippedText(JSON.stringify({ a: "\uE0000" }), undefined)).toEqual({ a: "\uE0000" });
  });

  it("gives a source the table's texts in its frozen json", () => {
    const [source] = shippedSources([{ path: "a/document.json", hash: "0".repeat(64) }], [JSON.stringify({ id: "a", title: "\uE0000" })], table);
    expect(source!.json).toEqual({ id: "a", title: { zh: "补助", en: "subsidy" } });
    expect(Object.isFrozen((source!.json as { title: object }).title)).toBe(true);
  });

  it("every shipped file reads back as written in rules/, but for the detail fields the bundle leaves null", () => {
    let compared = 0;
    for (const s of BUNDLED_RULES) {
      const written = JSON.parse(readFileSync(`rules/${s.path}`, "utf8")) as Record<string, unknown>;
      const read = s.json as Record<string, unknown>;
      // Amendments and shared inputs are materialised by the build (their hashes are checked in bundle.test.ts).
      if ("extends" in written || JSON.stringify(written).includes('"shared":')) continue;
      expect(Object.keys(read), s.path).toEqual(Object.keys(written));
      for (const key of Object.keys(written)) {
        if (["examples", "notes", "changes", "text"].includes(key)) continue;
        expect(read[key], `${s.path} ${key}`).toEqual(written[key]);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
});
