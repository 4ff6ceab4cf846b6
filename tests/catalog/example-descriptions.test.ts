import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/exact/decimal.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { canonicalJson, sha256Hex } from "../../src/engine/hash.js";
import { ExampleDescriptionSchema } from "../../src/schema/rule-file.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

/*
 * Issue #18: every worked example of every shipped rule (and of the test fixtures) is described in
 * Chinese and English. The Chinese was written by hand; this checks what a machine can: both are there,
 * the Chinese is Chinese and not the English again, and both say the same numbers.
 *
 * How numbers are compared. The numbers of a text are its digit sequences (with decimals), after
 * removing thousands separators (1,000,000.01 → 1000000.01) and reading an amount in 万 / 亿 / million /
 * billion as its value (50万元 → 500000, 5 billion → 5000000000), on both sides alike. Each number one side
 * writes in digits must be in the other's digits, or be spelled out there in words: English number words
 * (one … twelve, zero, single, first … fifth, month names: "one fen" is 1分, "29 February" is 2月29日), and
 * Chinese numerals (一 … 十, 两) or 万人 (per 10,000 people, 万人发明专利拥有量). The check is per
 * multiset: a number written twice on one side must be there twice on the other.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const MAGNITUDE: Record<string, string> = { 万: "1e4", 亿: "1e8", million: "1e6", billion: "1e9" };
const EN_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  single: 1, first: 1, second: 2, third: 3, fourth: 4, fifth: 5,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const ZH_WORDS: Record<string, number> = { 万人: 10000, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const HAN = /\p{Script=Han}/u;

/** The numbers a text writes in digits, as exact decimals (see the comment at the top). */
export function numbersIn(text: string): string[] {
  // A thousands separator is a comma between digit groups, not one after a decimal or a list's comma.
  const plain = text.replace(/(?<![\d.]|\d,)\d{1,3}(?:,\d{3})+(?!\d|,\d)/g, (m) => m.replaceAll(",", ""));
  const out: string[] = [];
  const rest = plain.replace(/(\d+(?:\.\d+)?)\s*(万(?!人)|亿|million|billion)/g, (_, n: string, m: string) => {
    out.push(new Dec(n).times(MAGNITUDE[m]!).toFixed());
    return " ";
  });
  for (const m of rest.matchAll(/\d+(?:\.\d+)?/g)) out.push(new Dec(m[0]).toFixed());
  return out;
}

/** The numbers a text spells out in words. */
function wordsIn(text: string, lang: "zh" | "en"): string[] {
  const out: string[] = [];
  if (lang === "en") {
    for (const m of text.toLowerCase().matchAll(/[a-z]+/g)) if (Object.hasOwn(EN_WORDS, m[0])) out.push(String(EN_WORDS[m[0]]));
    return out;
  }
  let rest = text;
  for (const [word, value] of Object.entries(ZH_WORDS)) {
    const parts = rest.split(word);
    for (let i = 1; i < parts.length; i++) out.push(String(value));
    rest = parts.join(" ");
  }
  return out;
}

/** a − b as multisets. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** What is wrong with the numbers of a description: [] when both texts say the same numbers. */
export function numberProblems(zh: string, en: string): string[] {
  const z = numbersIn(zh);
  const e = numbersIn(en);
  const problems: string[] = [];
  const notInZh = minus(minus(e, z), wordsIn(zh, "zh"));
  const notInEn = minus(minus(z, e), wordsIn(en, "en"));
  if (notInZh.length > 0) problems.push(`the English has ${notInZh.join(", ")}, the Chinese does not`);
  if (notInEn.length > 0) problems.push(`the Chinese has ${notInEn.join(", ")}, the English does not`);
  return problems;
}

/** Every problem of one description (as written in a file: a plain string is a problem here). */
function descriptionProblems(description: unknown): string[] {
  if (typeof description !== "object" || description === null) return [`not { zh, en }: ${JSON.stringify(description)}`];
  const { zh, en } = description as { zh?: unknown; en?: unknown };
  if (typeof zh !== "string" || zh.length === 0) return ["no Chinese"];
  if (typeof en !== "string" || en.length === 0) return ["no English"];
  const problems: string[] = [];
  if (!HAN.test(zh)) problems.push(`the Chinese has no Han character: ${zh}`);
  if (zh === en) problems.push(`the Chinese equals the English: ${en}`);
  return [...problems, ...numberProblems(zh, en).map((p) => `${p}: “${zh}” / “${en}”`)];
}

interface Described {
  where: string;
  description: unknown;
}

function examplesOf(where: string, json: unknown): Described[] {
  const examples = (json as { examples?: { description?: unknown }[] }).examples;
  return Array.isArray(examples) ? examples.map((e, i) => ({ where: `${where} #${i + 1}`, description: e.description })) : [];
}

/** The rule files under a fixture folder (v<N>.json), as written. */
function fixtureFiles(dir: string): { path: string; json: unknown }[] {
  const out: { path: string; json: unknown }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...fixtureFiles(path));
    else if (/^v\d+\.json$/.test(name)) out.push({ path, json: JSON.parse(readFileSync(path, "utf8")) });
  }
  return out;
}

describe("worked-example descriptions in Chinese and English (issue #18)", () => {
  const shipped = BUNDLED_RULES.filter((s) => !s.path.endsWith("/document.json") && !s.path.endsWith("/inputs.json")).flatMap((s) => examplesOf(s.path, s.json));

  it("every example of every shipped rule file has { zh, en }: Chinese with Han characters, not the English, with the same numbers", () => {
    expect(shipped.length).toBeGreaterThanOrEqual(952);
    const problems = shipped.flatMap((d) => descriptionProblems(d.description).map((p) => `${d.where}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("so do the fixtures' rule files, except the frozen 0.1.0 release, which keeps its English strings", () => {
    const fixtures = join(root, "tests/fixtures");
    const files = readdirSync(fixtures)
      .filter((name) => name !== "release-0.1.0")
      .flatMap((name) => (statSync(join(fixtures, name)).isDirectory() ? fixtureFiles(join(fixtures, name)) : []));
    const described = files.flatMap((f) => examplesOf(f.path.slice(root.length + 1), f.json));
    expect(described.length).toBeGreaterThan(0);
    expect(described.flatMap((d) => descriptionProblems(d.description).map((p) => `${d.where}: ${p}`))).toEqual([]);
    const release = fixtureFiles(join(fixtures, "release-0.1.0")).flatMap((f) => examplesOf(f.path, f.json));
    expect(release.length).toBeGreaterThan(0);
    expect(release.every((d) => typeof d.description === "string")).toBe(true);
  });

  it("the number check finds a changed, a missing and an extra number, and accepts words and 万", () => {
    expect(numberProblems("来自天津的499,999.99元技术许可,比50万元(含)差1分:不予补助", "A 499,999.99 yuan licence from Tianjin, one fen below 50万元(含), gets nothing")).toEqual([]);
    expect(numberProblems("来自天津的499,999.98元技术许可,比50万元(含)差1分", "A 499,999.99 yuan licence from Tianjin, one fen below 50万元(含)")).toHaveLength(2);
    expect(numberProblems("技术许可,比50万元(含)差1分", "A 499,999.99 yuan licence, one fen below 50万元(含)")).toEqual(["the English has 499999.99, the Chinese does not"]);
    expect(numberProblems("关键核心技术99项:尚差2项", "99 key core technologies: 1 short")).toHaveLength(2);
    expect(numberProblems("技术交易额50亿元:差50亿元", "Technology trade of 5 billion yuan: 5 billion short")).toEqual([]);
    expect(numberProblems("技术交易额5亿元", "Technology trade of 5 billion yuan")).toHaveLength(2);
    expect(numberProblems("2016年2月29日离岗", "Left on 29 February 2016")).toEqual([]);
    expect(numberProblems("期限当日(2020-12-31),期限未过", "On the deadline, 2020-12-31, the deadline has not passed")).toEqual([]);
    expect(numberProblems("显示为150.00,而150.00不受限制", "shows as 150.00, and 150.00 is exempt")).toEqual([]);
    expect(numberProblems("显示为150.00", "shows as 150.00, and 150.00 is exempt")).toHaveLength(1);
    expect(descriptionProblems({ zh: "Exactly 100", en: "Exactly 100" })).toHaveLength(2);
    expect(descriptionProblems("Exactly 100")).toHaveLength(1);
  });

  it("a plain string in a rule file of your own is read as the same text in both languages; the hash is the file's as written", () => {
    expect(ExampleDescriptionSchema.parse("A missing amount is rejected")).toEqual({ zh: "A missing amount is rejected", en: "A missing amount is rejected" });
    expect(ExampleDescriptionSchema.safeParse("").success).toBe(false);
    expect(ExampleDescriptionSchema.safeParse({ en: "only English" }).success).toBe(false);
    const rule = minimalRule();
    expect(rule.examples[0].description).toBe("x");
    const set = loadRules(rule);
    expect(set.version("sjz-2025/test-rule").file.examples[0]!.description).toEqual({ zh: "x", en: "x" });
    expect(set.version("sjz-2025/test-rule").hash).toBe(sha256Hex(canonicalJson(rule)));
  });
});
