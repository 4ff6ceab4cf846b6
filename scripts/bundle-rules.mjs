#!/usr/bin/env node
// Bundles rules/**/*.json (documents and rule versions) into src/generated/rules.ts, so the core entry
// carries its rules without touching the file system and bundles for browsers. Files are bundled as the
// loader materialises them, by the loader's own code, in the loader's order: references to shared inputs
// (<document>/inputs.json) resolved (catalog/shared-inputs.ts), then a version written as an amendment
// ("extends": N) made the full version (catalog/extends.ts, with `amends: N`). The bundle holds the files
// exactly as the loader sees them, with the same hashes, so a trusted load takes every file as it is.
// Usage: node scripts/bundle-rules.mjs [--check]   (--check exits 1 when the bundle is out of date)
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { importSource } from "./generate-lib.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const rulesDir = join(root, "rules");
const outFile = join(root, "src", "generated", "rules.ts");

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const files = walk(rulesDir)
  .map((f) => relative(rulesDir, f).split(sep).join("/"))
  .filter((p) => /^[^/]+\/document\.json$/.test(p) || /^[^/]+\/[^/]+\/v\d+\.json$/.test(p));

// The same canonical form as src/engine/hash.ts (keys sorted at every level), so the bundled hashes equal
// what the loader would compute; tests/catalog/bundle.test.ts checks that they do.
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const shared = walk(rulesDir)
  .map((f) => relative(rulesDir, f).split(sep).join("/"))
  .filter((p) => /^[^/]+\/inputs\.json$/.test(p));
const { resolveSharedInputs } = await importSource(`export { resolveSharedInputs } from "./src/catalog/shared-inputs.ts";`);
const issues = [];
const readSource = (p) => ({ path: p, json: JSON.parse(readFileSync(join(rulesDir, p), "utf8")) });
const schemaIssues = (path, error) => error.issues.map((i) => ({ code: "schema", path: `${path}#/${i.path.join("/")}`, message: i.message }));
const read = resolveSharedInputs([...shared, ...files].map(readSource), issues, { trusted: false, maxNodes: Infinity, schemaIssues, maxIssuesPerFile: Infinity });
if (issues.length > 0) {
  console.error(`bundle-rules: the shared inputs do not resolve:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
  process.exit(1);
}
// Amendments become the full versions the loader would build (src/catalog/extends.ts, the loader's own code).
const full = new Map();
if (read.some((s) => s.json !== null && typeof s.json === "object" && Object.hasOwn(s.json, "extends"))) {
  const { materialiseAmendments } = await importSource(`export { materialiseAmendments } from "./src/catalog/extends.ts";`);
  const rules = read.filter((s) => !s.path.endsWith("/document.json"));
  for (const s of materialiseAmendments(rules, {}, { issues, maxFileNodes: Infinity, schemaIssues })) full.set(s.path, s);
  if (issues.length > 0) {
    console.error(`bundle-rules: amendment(s) in rules/ cannot be materialised:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n")}`);
    process.exit(1);
  }
}
const sources = read.map(({ path, json: written }) => {
  const { json, amends } = full.get(path) ?? { json: written };
  return { path, hash: createHash("sha256").update(canonicalJson(json)).digest("hex"), json, ...(amends !== undefined && { amends }) };
});
// The precompiled form (src/catalog/precompiled.ts): every file is loaded here with every check, as
// loadRuleSet loads files it does not trust, and each rule file is marked `checked`, so that a trusted load
// (the engine entry's loadBundledRules, the main entry's bundle) takes it without checking it again and
// rebuilds its typed logic trees without the checker (src/logic/rebuild.ts). A file that fails a check stops
// the build. tests/catalog/precompiled-trees.test.ts checks that the rebuilt trees are the checker's.
const { loadRuleSet } = await importSource(`export { loadRuleSet } from "./src/catalog/load.ts";`);
let checked;
try {
  checked = loadRuleSet(sources.map(({ path, json }) => ({ path, json })));
} catch (error) {
  console.error(`bundle-rules: rules/ does not load with every check:\n${(error.issues ?? [{ path: "", message: String(error) }]).map((i) => `  - ${i.path}: ${i.message}`).join("\n")}`);
  process.exit(1);
}
for (const s of sources) {
  if (s.path.endsWith("/document.json")) continue;
  const [doc, rule, file] = s.path.split("/");
  const version = checked.version(`${doc}/${rule}`, Number(file.slice(1, -".json".length)));
  if (version.hash !== s.hash) throw new Error(`bundle-rules: ${s.path} hashes differently when loaded (${version.hash} ≠ ${s.hash})`);
  s.checked = true;
}
// The worked examples, notes and change history (fields no decision reads, half of the bytes) go to
// src/generated/rule-details.json, read on first use (src/catalog/rule-details.ts); the bundle keeps each
// of them as `null` at its place in the key order, so that the lazy property serialises the file as
// published. The hashes above are of the whole file.
const DETAIL_FIELDS = ["examples", "notes", "changes"];
// The rule-set hash of the whole bundle, as the loader computes it (src/catalog/load-core.ts: the canonical JSON
// of the [path, hash] pairs sorted by path), so that loading it trusted does no SHA-256 (a cold one costs most of the load).
const setHash = createHash("sha256")
  .update(canonicalJson(sources.map((s) => [s.path, s.hash]).sort((a, b) => (a[0] < b[0] ? -1 : 1))))
  .digest("hex");
const details = {};
// A document's data-quality notes and source-text reference likewise (issue #15: a tenth of the gzipped
// bundled data, read by no decision; src/catalog/rule-details.ts DOCUMENT_DETAIL_FIELDS).
const DOCUMENT_DETAIL_FIELDS = ["notes", "text"];
const runtime = sources.map((s) => {
  const json = { ...s.json };
  for (const field of s.path.endsWith("/document.json") ? DOCUMENT_DETAIL_FIELDS : DETAIL_FIELDS) {
    if (!Object.hasOwn(json, field)) continue;
    (details[s.path] ??= {})[field] = json[field];
    json[field] = null;
  }
  return { ...s, json };
});
// Each file's JSON text apart, parsed on its first read (src/catalog/shipped-sources.ts): a trusted load of the
// whole list reads no rule file (issue #20). V8 parses JSON much faster than the same data as an object literal.
// What a load needs before reading a file is in ENTRIES: its path, hash, amendment, mark and validity.
const entries = runtime.map(({ path, hash, json, amends, checked }) => ({
  path,
  hash,
  ...(amends !== undefined && { amends }),
  ...(checked !== undefined && { checked }),
  ...(!path.endsWith("/document.json") && { validity: [json.validity.from.date, json.validity.to?.date ?? null] }),
}));
// The texts apart from the rest (issue #15): each distinct bilingual pair ({ zh, en }: labels, titles, notes)
// once, in two lists, Chinese beside Chinese and English beside English, and every other string with Chinese
// in it (source quotes, measure ids) once at the end of the Chinese list. In its place a file's text has a
// marker string: U+E000 and the pair's number, or U+E001 and the Chinese text's number after the pairs, in
// base 36; shippedSources (src/catalog/shipped-sources.ts) reads them back when the file is read. gzip finds
// the repeats of one language within its 32 KB window: the bundled texts gzip ~11 KB smaller. A data string
// that begins with a marker character would be misread, so it stops the build.
const PAIR_MARK = "\uE000";
const CHINESE_MARK = "\uE001";
const HAS_CHINESE = /[\u3000-\u9fff\uff00-\uffef]/;
const zhTexts = [];
const enTexts = [];
const chineseTexts = [];
const numbers = new Map();
const numbered = (list, key, push) => {
  if (!numbers.has(key)) {
    numbers.set(key, list.length);
    push();
  }
  return numbers.get(key).toString(36);
};
const withMarkers = (value) => {
  if (Array.isArray(value)) return value.map(withMarkers);
  if (typeof value === "string") {
    if (value.startsWith(PAIR_MARK) || value.startsWith(CHINESE_MARK)) throw new Error(`bundle-rules: a string in rules/ begins with U+E000 or U+E001, the bundle's markers: ${JSON.stringify(value.slice(0, 40))}`);
    return HAS_CHINESE.test(value) ? CHINESE_MARK + numbered(chineseTexts, `c${value}`, () => chineseTexts.push(value)) : value;
  }
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  if (keys.length === 2 && keys[0] === "zh" && keys[1] === "en" && typeof value.zh === "string" && typeof value.en === "string") {
    return PAIR_MARK + numbered(zhTexts, `p${JSON.stringify([value.zh, value.en])}`, () => (zhTexts.push(value.zh), enTexts.push(value.en)));
  }
  return Object.fromEntries(keys.map((k) => [k, withMarkers(value[k])]));
};
const texts = runtime.map((s) => JSON.stringify(withMarkers(s.json)));
const text = `// Generated by scripts/bundle-rules.mjs from rules/. Do not edit: run \`npm run rules:generate\`.
import type { RuleSource } from "../catalog/load.js";
import { shippedSources, type ShippedEntry } from "../catalog/shipped-sources.js";
import { withBuiltSetHash } from "../catalog/precompiled.js";

const ENTRIES: readonly ShippedEntry[] = /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(entries))});
const TEXTS: readonly string[] = ${JSON.stringify(texts)};
const ZH: readonly string[] = ${JSON.stringify([...zhTexts, ...chineseTexts])};
const EN: readonly string[] = ${JSON.stringify(enTexts)};

/**
 * Every document and rule file of the rules/ folder, as shipped with this package, with the SHA-256 of each
 * (of the whole file). Each file's JSON is parsed on its first read; the examples, notes and changes of the rule
 * files are read from rule-details.json on first use.
 */
export const BUNDLED_RULES: readonly RuleSource[] = /* @__PURE__ */ withBuiltSetHash(/* @__PURE__ */ shippedSources(ENTRIES, TEXTS, { zh: ZH, en: EN }), ${JSON.stringify(setHash)});
`;
const detailsFile = join(root, "src", "generated", "rule-details.json");
const detailsText = JSON.stringify(details) + "\n";

if (process.argv.includes("--check")) {
  const current = existsSync(outFile) ? readFileSync(outFile, "utf8") : "";
  const currentDetails = existsSync(detailsFile) ? readFileSync(detailsFile, "utf8") : "";
  if (current !== text || currentDetails !== detailsText) {
    console.error("src/generated/rules.ts or rule-details.json is out of date with rules/: run `npm run rules:bundle`");
    process.exit(1);
  }
  console.log(`src/generated/rules.ts is up to date (${files.length} files)`);
} else {
  writeFileSync(outFile, text);
  writeFileSync(detailsFile, detailsText);
  console.log(`bundled ${files.length} files into src/generated/rules.ts and their examples, notes and changes into src/generated/rule-details.json`);
}
