import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, languageOf, parseCommandArgs, ruleFolderOptions } from "../args.js";
import type { CliLang } from "../lang.js";
import { isIsoDate } from "../../schema/common.js";
import { todayInShanghai } from "../../engine/dates.js";
import { RuleKindSchema, type RuleKind } from "../../schema/rule-file.js";
import type { LoadedRuleVersion } from "../../engine/rule-version.js";

/** `list [--on D | --all] [--document X] [--kind K] [--json]`. */
export const listCommand: Command = {
  summary: "list the rules in force on a date (or all of them) with their validity",
  usage: `Usage: jjj-policy-rules list [--on YYYY-MM-DD | --all] [--document ID] [--kind KIND] [--json]

Lists the rule versions in force on a date (default: today in Asia/Shanghai), with their validity and
whether each end of it is stated in the text or inferred. --all lists every version of every rule, with
a count per document and kind.

Options:
  --on <YYYY-MM-DD>   the date (default: today in Asia/Shanghai)
  --all               every version, in force or not
  --document <ID>     only this document (sjz-2025, bth-2025, hd-2018, sjz-2018)
  --kind <KIND>       only benefit | target | obligation | guidance
  --json              print JSON instead of a table
  --lang <zh|en>      titles and headings in Chinese or English (default: from LANG)
  --rules <dir>       use the rules of this folder instead of the shipped ones
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      on: { type: "string" },
      all: { type: "boolean" },
      document: { type: "string" },
      kind: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    if (values.all && values.on !== undefined) throw new UsageError("give either --on or --all, not both");
    if (values.on !== undefined && !isIsoDate(values.on)) throw new UsageError(`--on must be a date YYYY-MM-DD, got "${values.on}"`);
    let kind: RuleKind | undefined;
    if (values.kind !== undefined) {
      const parsed = RuleKindSchema.safeParse(values.kind);
      if (!parsed.success) throw new UsageError(`--kind must be one of ${RuleKindSchema.options.join(", ")}`);
      kind = parsed.data;
    }
    const on = values.all ? undefined : (values.on ?? todayInShanghai());
    const set = io.engine(values.rules, ruleFolderOptions(values)).ruleSet;
    const rows = set.list({ ...(on && { on }), ...(values.document && { document: values.document }), ...(kind && { kind }) });
    if (values.json) {
      io.stdout(json({ on: on ?? null, count: rows.length, counts: counts(rows), rules: rows.map(row) }));
      return 0;
    }
    const lang = languageOf(values, io);
    const zh = lang === "zh";
    io.stdout(on ? (zh ? `${on} 有效的规则(${rows.length} 条):\n` : `Rules in force on ${on} (${rows.length}):\n`) : zh ? `全部规则(${rows.length} 个版本):\n` : `All rules (${rows.length} versions):\n`);
    io.stdout(table(rows, lang));
    if (!on) {
      io.stdout(zh ? "\n按文件和类别计数:\n" : "\nCount per document and kind:\n");
      for (const [doc, kinds] of Object.entries(counts(rows))) {
        const parts = [...RuleKindSchema.options, "total"].filter((k) => kinds[k] !== undefined).map((k) => `${zh ? KIND_ZH[k] : k} ${kinds[k]}`);
        io.stdout(`  ${doc.padEnd(10)} ${parts.join(", ")}\n`);
      }
    }
    return 0;
  },
};

function row(v: LoadedRuleVersion) {
  const f = v.file;
  return {
    id: f.id,
    version: f.version,
    kind: f.kind,
    document: f.document,
    clause: f.clause,
    title: f.title,
    validFrom: v.validFrom,
    validFromBasis: f.validity.from.basis,
    validTo: v.validTo,
    validToBasis: f.validity.to?.basis ?? null,
  };
}

function counts(rows: LoadedRuleVersion[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const v of rows) {
    const byKind = (out[v.file.document] ??= {});
    byKind[v.file.kind] = (byKind[v.file.kind] ?? 0) + 1;
    byKind["total"] = (byKind["total"] ?? 0) + 1;
  }
  return out;
}

/** The kinds and bases in Chinese, for `--lang zh`. */
const KIND_ZH: Readonly<Record<string, string>> = { benefit: "扶持", target: "目标", obligation: "义务", guidance: "指引", total: "合计" };
const BASIS_ZH: Readonly<Record<string, string>> = { stated: "原文明示", inferred: "推定" };

function table(rows: LoadedRuleVersion[], lang: CliLang = "en"): string {
  const lines = rows.map((v) => {
    const r = row(v);
    if (lang === "zh") {
      const from = `${r.validFrom}(${BASIS_ZH[r.validFromBasis]})`;
      const to = r.validTo ? `${r.validTo}${r.validToBasis ? `(${BASIS_ZH[r.validToBasis]})` : "(未定)"}` : "未定";
      return `  ${`${r.id}@${r.version}`.padEnd(48)} ${KIND_ZH[r.kind]} ${from} → ${to}  ${r.title.zh}`;
    }
    const from = `${r.validFrom} (${r.validFromBasis})`;
    const to = r.validTo ? `${r.validTo}${r.validToBasis ? ` (${r.validToBasis})` : " (open)"}` : "open";
    return `  ${`${r.id}@${r.version}`.padEnd(48)} ${r.kind.padEnd(10)} ${from} → ${to}  ${r.title.en}`;
  });
  return lines.join("\n") + (lines.length ? "\n" : "");
}
