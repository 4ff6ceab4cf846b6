import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { DocumentFile } from "../schema/document-file.js";
import { canonicalJson } from "../engine/hash.js";
import type { BehaviourOptions } from "./behaviour.js";
import { bilingual } from "./format.js";
import { diffLoadedVersions, summarize } from "./rule-diff.js";
import type { DiffChange, RuleChange, RuleSetDiff, RuleSetSummary, RuleSummary, RuleVersionChange } from "./types.js";

/**
 * Options of {@link diffRuleSets}.
 *
 * @category Diff
 * @example
 * diffRuleSets(before, after, { labels: { from: "0.1.0", to: "0.2.0" }, ruleId: "sjz-2025/absorption-subsidy" });
 */
export interface DiffRuleSetsOptions {
  /** Names for people of the two sets (a folder, `jjj-policy-rules-0.1.0.tgz`). */
  labels?: { from?: string; to?: string };
  /** Evaluate the versions that changed on the same cases (default true). */
  behaviour?: boolean;
  /** Only this rule. */
  ruleId?: string;
}

function setSummary(set: RuleSet, label: string, only?: string): RuleSetSummary {
  const ids = set.ruleIds().filter((id) => only === undefined || id === only);
  return { label, hash: set.hash, rules: ids.length, versions: ids.reduce((n, id) => n + set.versions(id).length, 0) };
}

function ruleSummary(set: RuleSet, id: string): RuleSummary {
  const versions = set.versions(id);
  return { ruleId: id, title: versions[versions.length - 1]!.file.title, versions: versions.map(summarize) };
}

const same = (a: LoadedRuleVersion, b: LoadedRuleVersion) => a.hash === b.hash && a.validFrom === b.validFrom && a.validTo === b.validTo;

/** The version an added version replaces: the one it supersedes, else the highest lower version of the new set. */
function predecessor(list: readonly LoadedRuleVersion[], v: LoadedRuleVersion): LoadedRuleVersion | undefined {
  const n = v.file.supersedes;
  if (n !== undefined) {
    const found = list.find((x) => x.file.version === n);
    if (found) return found;
  }
  const lower = list.filter((x) => x.file.version < v.file.version);
  return lower[lower.length - 1];
}

/** Stated or inferred, in Chinese. */
const BASIS_ZH: Readonly<Record<string, string>> = { stated: "原文明示", inferred: "推定" };

function diffDocument(a: DocumentFile, b: DocumentFile): DiffChange[] {
  const out: DiffChange[] = [];
  const field = (path: string, x: unknown, y: unknown, text: string, textZh: string) => {
    if (canonicalJson(x) !== canonicalJson(y)) out.push({ section: "metadata", path, change: "changed", from: x, to: y, text, textZh });
  };
  field("title", a.title, b.title, `title: “${bilingual(a.title)}” → “${bilingual(b.title)}”`, `标题:“${a.title.zh}” → “${b.title.zh}”`);
  field("issuer", a.issuer, b.issuer, `issuer: ${bilingual(a.issuer)} → ${bilingual(b.issuer)}`, `发文机关:${a.issuer.zh} → ${b.issuer.zh}`);
  field("date", a.date, b.date, `date of issue: ${a.date.date} (${a.date.basis}) → ${b.date.date} (${b.date.basis})`, `发文日期:${a.date.date}(${BASIS_ZH[a.date.basis]}) → ${b.date.date}(${BASIS_ZH[b.date.basis]})`);
  const span = (v: DocumentFile["validity"], open: string) => `${v.from?.date ?? "?"} – ${v.to?.date ?? open}`;
  field("validity", a.validity, b.validity, `validity: ${span(a.validity, "open")} → ${span(b.validity, "open")}`, `有效期:${span(a.validity, "未定")} → ${span(b.validity, "未定")}`);
  const ka = a.measures.map((m) => m.key);
  const kb = b.measures.map((m) => m.key);
  const added = kb.filter((k) => !ka.includes(k));
  const removed = ka.filter((k) => !kb.includes(k));
  field(
    "measures",
    ka,
    kb,
    `measures checklist: ${[added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean).join("; ") || "entries edited"}`,
    `措施清单:${[added.length ? `新增 ${added.join("、")}` : "", removed.length ? `删除 ${removed.join("、")}` : ""].filter(Boolean).join(";") || "条目已修改"}`,
  );
  if (canonicalJson(a.measures) !== canonicalJson(b.measures) && canonicalJson(ka) === canonicalJson(kb)) {
    out.push({ section: "metadata", path: "measures", change: "changed", text: "measures checklist: titles or kinds edited", textZh: "措施清单:标题或类别已修改" });
  }
  field("measuresDeclared", a.measuresDeclared, b.measuresDeclared, `measures declared: ${a.measuresDeclared} → ${b.measuresDeclared}`, `声明的措施数:${a.measuresDeclared} → ${b.measuresDeclared}`);
  field("notes", a.notes, b.notes, `data-quality notes: ${a.notes.length} → ${b.notes.length}`, `数据质量说明:${a.notes.length} → ${b.notes.length}`);
  field("seed", a.seed, b.seed, `seed: ${a.seed} → ${b.seed}`, `原始文件:${a.seed} → ${b.seed}`);
  return out;
}

/**
 * Compare two rule sets (two releases of the rules): documents and rules added, removed and changed.
 * For a rule in both, every version whose file differs is diffed with its namesake, and every added
 * version is diffed against the version it supersedes, with the behavioural comparison of
 * {@link diffRules}. A set diffed against itself reports no change.
 *
 * @category Diff
 * @example
 * const diff = diffRuleSets(loadRuleSet(previousRelease), loadRuleSet(proposed), { labels: { from: "0.1.0", to: "proposed" } });
 * diff.identical //=> false
 * diff.changed.map((r) => [r.ruleId, r.versionsAdded]) //=> [["sjz-2025/absorption-subsidy", [2]]]
 * formatRuleSetDiff(diff) // the same in words
 */
export function diffRuleSets(from: RuleSet, to: RuleSet, options: DiffRuleSetsOptions = {}): RuleSetDiff {
  const only = options.ruleId;
  const behaviour: BehaviourOptions & { behaviour?: boolean } = options.behaviour === false ? { behaviour: false } : {};
  const idsA = from.ruleIds().filter((id) => only === undefined || id === only);
  const idsB = to.ruleIds().filter((id) => only === undefined || id === only);

  const docsA = new Map(from.documents().map((d) => [d.id, d]));
  const docsB = new Map(to.documents().map((d) => [d.id, d]));
  const documents: RuleSetDiff["documents"] = { added: [], removed: [], changed: [] };
  if (only === undefined) {
    for (const id of docsB.keys()) if (!docsA.has(id)) documents.added.push(id);
    for (const id of docsA.keys()) if (!docsB.has(id)) documents.removed.push(id);
    for (const [id, b] of docsB) {
      const a = docsA.get(id);
      if (!a) continue;
      const changes = diffDocument(a, b);
      if (changes.length) documents.changed.push({ id, changes });
    }
  }

  const added = idsB.filter((id) => !idsA.includes(id)).map((id) => ruleSummary(to, id));
  const removed = idsA.filter((id) => !idsB.includes(id)).map((id) => ruleSummary(from, id));
  const changed: RuleChange[] = [];
  let unchanged = 0;
  for (const id of idsB) {
    if (!idsA.includes(id)) continue;
    const va = from.versions(id);
    const vb = to.versions(id);
    const numbersA = va.map((v) => v.file.version);
    const numbersB = vb.map((v) => v.file.version);
    const versions: RuleVersionChange[] = [];
    for (const v of vb) {
      const old = va.find((x) => x.file.version === v.file.version);
      if (old) {
        if (!same(old, v)) versions.push({ kind: "changed", version: v.file.version, diff: diffLoadedVersions({ set: from, version: old }, { set: to, version: v }, behaviour) });
        continue;
      }
      const prev = predecessor(vb, v);
      versions.push({ kind: "added", version: v.file.version, diff: prev ? diffLoadedVersions({ set: to, version: prev }, { set: to, version: v }, behaviour) : null });
    }
    const versionsAdded = numbersB.filter((n) => !numbersA.includes(n));
    const versionsRemoved = numbersA.filter((n) => !numbersB.includes(n));
    if (versions.length === 0 && versionsRemoved.length === 0) {
      unchanged++;
      continue;
    }
    changed.push({ ruleId: id, title: vb[vb.length - 1]!.file.title, versionsAdded, versionsRemoved, versions });
  }

  const identical = only === undefined ? from.hash === to.hash : added.length + removed.length + changed.length === 0;
  return {
    from: setSummary(from, options.labels?.from ?? "from", only),
    to: setSummary(to, options.labels?.to ?? "to", only),
    identical: identical && added.length + removed.length + changed.length + documents.added.length + documents.removed.length + documents.changed.length === 0,
    documents,
    added,
    removed,
    changed,
    unchanged,
  };
}
