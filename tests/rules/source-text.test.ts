import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { locateQuote, paragraphsOf, quotePieces, repairText, sourceWords } from "./source-quote.js";

// Every rule's quote against the text of its document as published, shipped in rules/<document>/ with its
// SHA-256 in document.json (issue 12). A quote is contiguous (whitespace aside); "……" elides, and the pieces
// around it lie in order inside one paragraph; a quote running over paragraphs breaks its lines there.
const set = defaultEngine().ruleSet;
const rulesDir = new URL("../../rules/", import.meta.url);

const texts = new Map(
  set.documents().map((d) => {
    const bytes = readFileSync(new URL(`${d.id}/${d.text!.file}`, rulesDir));
    const raw = bytes.toString("utf8");
    return [d.id, { bytes, raw, plain: paragraphsOf(raw), repaired: paragraphsOf(repairText(raw, d.text!.repairs ?? [])) }];
  }),
);

describe("the published texts", () => {
  for (const d of set.documents()) {
    it(`${d.id}: ships its text, whose SHA-256 is the one document.json records`, () => {
      expect(d.text, d.id).toBeDefined();
      expect(createHash("sha256").update(texts.get(d.id)!.bytes).digest("hex")).toBe(d.text!.sha256);
    });
    it(`${d.id}: every listed repair reads a garbled string the text contains`, () => {
      for (const r of d.text!.repairs ?? []) expect(texts.get(d.id)!.raw, r.garbled).toContain(r.garbled);
    });
  }
});

describe("quotes and source words", () => {
  for (const id of set.ruleIds()) {
    for (const version of set.versions(id)) {
      const file = version.file;
      it(`${id} v${file.version}: the quote occurs contiguously in the text, and every parameter's source words in a quote`, () => {
        const text = texts.get(file.document)!;
        const paragraphs = file.source.repaired ? text.repaired : text.plain;
        expect(locateQuote(paragraphs, file.source.quote), `quote of ${id}`).not.toBeNull();
        // A rule that says it repairs the text must need it: its quote is not in the text as printed.
        if (file.source.repaired) expect(locateQuote(text.plain, file.source.quote), `${id} says repaired`).toBeNull();
        const pieces = quotePieces(file.source.quote);
        for (const [name, p] of Object.entries(file.parameters)) {
          if (p.sourceText === undefined) continue;
          const further = p.sourceQuote === undefined ? [] : quotePieces(p.sourceQuote);
          if (p.sourceQuote !== undefined) expect(locateQuote(paragraphs, p.sourceQuote), `sourceQuote of ${name}`).not.toBeNull();
          for (const w of sourceWords(p.sourceText)) {
            expect([...pieces, ...further].some((q) => q.includes(w)), `${name}: “${w}” in the quote or the parameter's sourceQuote`).toBe(true);
          }
        }
      });
    }
  }
});

describe("the quote check can fail", () => {
  const sjz2025 = texts.get("sjz-2025")!.plain;
  it("rejects the corrupted quote of technology-broker-system (pieces from the lead and from 九)", () => {
    const corrupted =
      "持续深入落实《石家庄市人民政府办公室关于建立完善技术经纪服务体系促进科技成果转化的实施方案》(石政办函〔2022〕10号),不断培育壮大技术经纪人队伍和技术转移机构。……〔2022〕10号),不断培育壮大技术经纪人队伍和技术转移机构。支持企业吸纳转化成果,";
    expect(locateQuote(sjz2025, corrupted)).toBeNull();
  });
  it("rejects words out of order, a changed figure, and an elision that elides nothing", () => {
    expect(locateQuote(sjz2025, "每项最高补助50万元。……支持企业吸纳转化成果")).toBeNull();
    expect(locateQuote(sjz2025, "每项最高补助60万元")).toBeNull();
    expect(locateQuote(sjz2025, "每项最高补助……50万元")).toBeNull();
  });
  it("accepts stray spaces, an elision inside one paragraph, and paragraphs joined by an elided break", () => {
    expect(locateQuote(sjz2025, "不断培育壮大技术 经纪人队伍")).not.toBeNull();
    expect(locateQuote(sjz2025, "支持企业吸纳转化成果,……每项最高补助50万元。")).not.toBeNull();
    expect(locateQuote(sjz2025, "一、建立常态化成果供需捕捉机制。……\n……本措施自印发之日起施行")).not.toBeNull();
    expect(locateQuote(sjz2025, "一、建立常态化成果供需捕捉机制。\n本措施自印发之日起施行")).toBeNull();
  });
  it("reads the bth-2025 text only through its listed repairs", () => {
    const quote = "將聚焦專業能力推進跨區域轉化生態建設。《措施》強調提升技術轉移機構市場化能力";
    expect(locateQuote(texts.get("bth-2025")!.plain, quote)).toBeNull();
    expect(locateQuote(texts.get("bth-2025")!.repaired, quote)).not.toBeNull();
  });
  it("finds source words only inside the quote's pieces", () => {
    expect(sourceWords("直接转化收益分别达到5000万元…以上的;副高级")).toEqual(["直接转化收益分别达到5000万元", "以上的", "副高级"]);
  });
});
