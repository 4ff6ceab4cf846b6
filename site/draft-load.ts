/**
 * Loading a draft rule file on the page (the draft panel, views/draft.ts) with the library's own loader,
 * as the CLI's --rules loads a rules folder: the same byte limit (MAX_RULE_FILE_BYTES), strict JSON
 * (parseRuleJson: UTF-8, no duplicate keys, bounded nesting), the schema, the logic profile and the
 * worked examples (loadRuleSet). No DOM here, so it is unit-tested without a browser.
 */
import { loadRuleSet, MAX_RULE_FILE_BYTES, parseRuleJson, type LoadedRuleVersion, type RuleSet, type RuleSource } from "../src/index.js";
import { BUNDLED_RULES } from "../src/generated/rules.js";
import { pt } from "./page-text.js";

/** A loaded draft: its rule set (the shipped files of its document with the draft in place), its version. */
export interface LoadedDraft {
  set: RuleSet;
  version: LoadedRuleVersion;
}

/** A problem of the draft itself, shown in both languages. */
export class DraftError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(`${en} / ${zh}`);
  }
}

/**
 * Load a draft rule file as the CLI's --rules would load it: at most MAX_RULE_FILE_BYTES, strict JSON with
 * no duplicate keys (parseRuleJson), then the whole loader (loadRuleSet) over the shipped files of its
 * document with the draft as `<id>/v<version>.json` (replacing a shipped file of that version).
 */
export function loadDraft(text: string): LoadedDraft {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_RULE_FILE_BYTES) {
    throw new DraftError(pt("draftTooLarge", "zh", { n: bytes.length, max: MAX_RULE_FILE_BYTES }), pt("draftTooLarge", "en", { n: bytes.length, max: MAX_RULE_FILE_BYTES }));
  }
  const head = parseRuleJson(bytes, "draft.json") as { id?: unknown; version?: unknown } | null;
  const id = head && typeof head === "object" ? head.id : undefined;
  const version = head && typeof head === "object" ? head.version : undefined;
  if (typeof id !== "string" || !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id) || typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) {
    throw new DraftError(pt("draftNoId", "zh"), pt("draftNoId", "en"));
  }
  const path = `${id}/v${version}.json`;
  const documentId = id.slice(0, id.indexOf("/"));
  const sources: RuleSource[] = BUNDLED_RULES.filter((s) => s.path.startsWith(`${documentId}/`) && s.path !== path).map((s) => ({ path: s.path, json: s.json }));
  sources.push({ path, json: parseRuleJson(bytes, path) });
  const set = loadRuleSet(sources);
  const loaded = set.versions(id).find((v) => v.file.version === version);
  if (!loaded) throw new DraftError(pt("draftNoId", "zh"), pt("draftNoId", "en"));
  return { set, version: loaded };
}


/**
 * A sample draft for the panel: version `from` of a rule in another rule set (a hypothetical amendment,
 * materialised by the loader), written as a replacement of the shipped version `shipped`: its number and
 * validity, everything else the amendment's. Loading it with {@link loadDraft} and diffing it against
 * the shipped version shows the amendment's changes.
 */
export function replacementDraft(from: LoadedRuleVersion, shipped: LoadedRuleVersion): string {
  const file = structuredClone(from.file) as unknown as Record<string, unknown>;
  delete file["extends"];
  delete file["supersedes"];
  file["$schema"] = shipped.file.$schema;
  file["version"] = shipped.file.version;
  file["validity"] = structuredClone(shipped.file.validity);
  return JSON.stringify(file, null, 2);
}
