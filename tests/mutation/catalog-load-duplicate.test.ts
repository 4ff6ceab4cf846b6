import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/catalog/load.js";
import { ruleSourcesFromTarball } from "../../src/cli/read-rule-set.js";
import { tarEntry, tarOf } from "../helpers/tar-writer.js";
import { minimalRule, withDocument } from "../helpers/fixtures.js";
import { at, issues } from "./load-helpers.js";

// A rule set (a folder read by a reader, a tar archive, a list of sources) that gives one document's
// document.json twice is refused: which of the two is the document is not for the loader to guess. The
// shared inputs (inputs.json) are refused the same way, with the same code (src/catalog/shared-inputs.ts).

const duplicateMessage = "duplicate_file sjz-2025/document.json#: sjz-2025/document.json is given twice / sjz-2025/document.json 重复出现";

describe("a document.json given twice", () => {
  it("is refused with duplicate_file, even when both copies are the same", () => {
    const [doc] = withDocument();
    expect(issues([doc!, { ...doc! }, at(minimalRule())])).toEqual([duplicateMessage]);
  });

  it("is refused when the second copy differs (no copy silently wins)", () => {
    const [doc] = withDocument();
    const other = { path: doc!.path, json: { ...(doc!.json as Record<string, unknown>), title: { zh: "另一份", en: "another" } } };
    expect(issues([doc!, other, at(minimalRule())])).toEqual([duplicateMessage]);
  });

  it("is refused even when the first copy is itself invalid, and reported once per extra copy", () => {
    const [doc] = withDocument();
    const bad = { path: doc!.path, json: { ...(doc!.json as Record<string, unknown>), id: "other-doc" } };
    const found = issues([bad, doc!, doc!, at(minimalRule())]);
    expect(found.filter((i) => i === duplicateMessage)).toHaveLength(2);
  });

  it("two different documents are not duplicates", () => {
    const set = loadRuleSet(withDocument(at(minimalRule())));
    expect(set.ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });
});

describe("an archive that holds a document.json twice", () => {
  it("gives both copies to the loader, which refuses the set", async () => {
    const [doc] = withDocument();
    const rule = minimalRule();
    const text = (json: unknown) => JSON.stringify(json);
    const archive = gzipSync(
      tarOf([
        tarEntry("package/rules/sjz-2025/document.json", text(doc!.json)),
        tarEntry("package/rules/sjz-2025/test-rule/v1.json", text(rule)),
        tarEntry("package/rules/sjz-2025/document.json", text({ ...(doc!.json as Record<string, unknown>), title: { zh: "另一份", en: "another" } })),
      ]),
    );
    const sources = await ruleSourcesFromTarball(archive, "p.tgz");
    expect(sources.map((s) => s.path)).toEqual(["sjz-2025/document.json", "sjz-2025/document.json", "sjz-2025/test-rule/v1.json"]);
    expect(issues(sources)).toEqual([duplicateMessage]);
  });
});
