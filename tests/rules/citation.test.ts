import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";

// Explanations cite a clause as its document numbers it ("一(二)", "九", "(三)4"), never wrapped in a
// 第…条 that none of the four texts uses (issue 12: "hd-2018 第一(二)条" is not how 一(二) is cited).
const engine = defaultEngine();

describe("the clause citation in explanations", () => {
  it("cites hd-2018 一(二) as the plan numbers it", () => {
    const decision = engine.evaluate("hd-2018/technology-trade-value", { annualTechTradeValue: "4500000000" }, { on: "2020-06-30" });
    const first = decision.explanation[0]!;
    expect(first.zh).toContain("(hd-2018 一(二))");
    expect(first.zh).not.toContain("第一(二)条");
    expect(first.en).toContain("(hd-2018, clause 一(二))");
  });

  it("cites every shipped rule's clause verbatim, without 第…条", () => {
    for (const id of engine.ruleSet.ruleIds()) {
      const version = engine.ruleSet.version(id);
      const example = version.file.examples.find((e) => e.expected && e.expected.inForce !== false)!;
      const first = engine.evaluate(id, example.facts, { on: example.on }).explanation[0]!;
      expect(first.zh, id).toContain(`(${version.file.document} ${version.file.clause})`);
      expect(first.zh, id).not.toContain(`第${version.file.clause}条`);
    }
  });
});
