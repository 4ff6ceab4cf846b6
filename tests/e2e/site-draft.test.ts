// Unit tests of the page's draft loader (site/draft-load.ts): pure, no browser, so they run with the
// default `npm test`; the browser test of the draft panel is tests/e2e/page.e2e.mjs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine } from "../../src/api.js";
import { MAX_RULE_FILE_BYTES } from "../../src/catalog/parse-json.js";
import { RuleFileError } from "../../src/errors.js";
import { DraftError, loadDraft, replacementDraft } from "../../site/draft-load.js";
import { fixturePath, fixtureSet, LICENCE, SUBSIDY } from "../diff/helpers.js";

const V2 = readFileSync(fixturePath("amendment", "rules", "sjz-2025", "absorption-subsidy", "v2.json"), "utf8");
const SHIPPED_V1 = readFileSync(new URL("../../rules/sjz-2025/absorption-subsidy/v1.json", import.meta.url), "utf8");

describe("loadDraft: a draft loaded as the CLI's --rules loads rule files", () => {
  it("runs the loader's checks on the draft with the shipped files: an amendment overlapping the shipped version is refused", () => {
    expect(() => loadDraft(V2)).toThrow(/overlaps v1/);
  });

  it("loads a replacement of the shipped version and decides as the amendment loaded from disk", () => {
    const fixture = fixtureSet("amendment");
    const text = replacementDraft(fixture.versions(SUBSIDY)[1]!, defaultEngine().ruleSet.versions(SUBSIDY)[0]!);
    const draft = loadDraft(text);
    expect([draft.version.file.id, draft.version.file.version]).toEqual([SUBSIDY, 1]);
    const fromDisk = createEngine(fixture);
    for (const amount of ["299999.99", "300000", "450000", "1000000", "14000000"]) {
      const facts = { contractAmount: amount, ...LICENCE };
      const draftDecision = createEngine(draft.set).evaluate(SUBSIDY, facts, { on: "2026-06-01", explain: false });
      const diskDecision = fromDisk.evaluate(SUBSIDY, facts, { on: "2026-06-01", version: 2, explain: false });
      expect(draftDecision.outcome, amount).toEqual(diskDecision.outcome);
    }
  });

  it("replaces a shipped file of the same version", () => {
    const edited = SHIPPED_V1.replace('"500000"', '"400000"');
    expect(edited).not.toBe(SHIPPED_V1);
    const draft = loadDraft(edited);
    expect(draft.set.versions(SUBSIDY).length).toBe(1);
  });

  it("refuses a file past MAX_RULE_FILE_BYTES before parsing it, naming the limit in both languages", () => {
    const big = `{"id": "sjz-2025/absorption-subsidy", "version": 2, "pad": "${"x".repeat(MAX_RULE_FILE_BYTES)}"}`;
    const error = (() => {
      try {
        loadDraft(big);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DraftError);
    expect((error as DraftError).en).toContain("MAX_RULE_FILE_BYTES");
    expect((error as DraftError).zh).toContain("超过规则文件上限");
  });

  it("refuses duplicate keys, a missing id, and a file the loader's checks reject", () => {
    expect(() => loadDraft('{"id": "a/b", "id": "a/c", "version": 1}')).toThrow(RuleFileError);
    expect(() => loadDraft('{"version": 2}')).toThrow(DraftError);
    expect(() => loadDraft("[1, 2]")).toThrow(DraftError);
    // A schema error: the whole loader runs on the draft.
    expect(() => loadDraft(V2.replace('"extends": 1', '"extends": "one"'))).toThrow(RuleFileError);
  });
});
