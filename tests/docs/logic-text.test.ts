import { describe, expect, it } from "vitest";
// @ts-expect-error a plain .mjs module of the generators, without declarations
import { definitionText, logicText, namesOf } from "../../scripts/generate-logic-text.mjs";

// The catalogue writes JSON-logic as formulas an analyst reads; these pin the notation.
const v = (name: string) => ({ var: name });
const p = (name: string) => ({ "jjj.param": name });

describe("logic as formulas in the rule catalogue", () => {
  it("writes references by name and decimals bare", () => {
    expect(logicText({ "jjj.gte": [v("contractAmount"), p("threshold")] })).toBe("contractAmount ≥ threshold");
    expect(logicText({ "jjj.max": ["0", { "jjj.sub": [v("a"), p("b")] }] })).toBe("max(0, a − b)");
    expect(logicText({ "===": [v("city"), "shijiazhuang"] })).toBe('city = "shijiazhuang"');
    expect(logicText({ "jjj.dateGt": [{ "jjj.on": [] }, p("deadline")] })).toBe("evaluationDate after deadline");
  });

  it("puts parentheses only where precedence needs them", () => {
    expect(logicText({ "jjj.mul": [p("rate"), { "jjj.add": [v("a"), v("b")] }] })).toBe("rate × (a + b)");
    expect(logicText({ "jjj.add": [{ "jjj.mul": [p("r"), v("a")] }, v("b")] })).toBe("r × a + b");
    expect(logicText({ "jjj.sub": [v("a"), { "jjj.sub": [v("b"), v("c")] }] })).toBe("a − (b − c)");
    expect(logicText({ and: [{ or: [v("x"), v("y")] }, { "!": v("z") }] })).toBe("(x OR y) AND NOT z");
  });

  it("writes if/else chains and the sample of the brief", () => {
    const amount = {
      if: [
        { "jjj.outcome": "eligible" },
        { "jjj.min": [p("cap"), { "jjj.add": [{ "jjj.mul": [p("lowerBandRate"), { "jjj.min": [v("contractAmount"), p("lowerBandLimit")] }] }, v("extra")] }] },
        "0",
      ],
    };
    expect(logicText(amount)).toBe("IF eligible THEN min(cap, lowerBandRate × min(contractAmount, lowerBandLimit) + extra) ELSE 0");
    expect(logicText({ if: [v("a"), "1", v("b"), "2", "3"] })).toBe("IF a THEN 1 ELSE IF b THEN 2 ELSE 3");
  });

  it("says which thing a name means when a rule uses it twice", () => {
    const rule = { inputs: { city: {} }, parameters: { city: {}, deadline: {} }, conditions: [{ id: "met" }], outcome: { met: {}, deadline: {} } };
    const names = namesOf(rule);
    expect(logicText({ "===": [v("city"), p("city")] }, names)).toBe("city (input) = city (parameter)");
    expect(definitionText("met", { "jjj.condition": "met" }, names)).toBe("met = met (condition)");
  });

  it("breaks a long AND over lines and brackets an equality on the right of a definition", () => {
    const long = { and: ["enterpriseInShijiazhuang", "modeIsTransferOrLicense", "sourceIsBeijingOrTianjin", "amountAtLeastThreshold"].map((c) => ({ "jjj.condition": c })) };
    expect(definitionText("eligible", long)).toBe(
      ["eligible = enterpriseInShijiazhuang", "           AND modeIsTransferOrLicense", "           AND sourceIsBeijingOrTianjin", "           AND amountAtLeastThreshold"].join("\n"),
    );
    expect(definitionText("inCity", { "===": [v("enterpriseCity"), p("city")] })).toBe("inCity = (enterpriseCity = city)");
  });

  it("writes calendar arithmetic in words", () => {
    expect(logicText({ "jjj.dateAddYears": [v("acceptanceDate"), p("retentionYears")] })).toBe("acceptanceDate + retentionYears years");
  });
});
