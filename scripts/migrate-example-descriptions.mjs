#!/usr/bin/env node
// One-off migration of issue #18: rewrite each worked example's `"description": "<English>"` in the given
// rule files as `{ "zh": …, "en": … }`, the Chinese from the hand-written table
// scripts/example-descriptions-zh.json (keyed by the English text: many descriptions repeat across
// versions). Only the description lines change; the rest of each file keeps its bytes. The script checks
// that the rewritten file parses to the old one with the descriptions replaced, and nothing else.
// Usage: node scripts/migrate-example-descriptions.mjs <file.json>…   (prints what it changed)
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

const table = JSON.parse(readFileSync(new URL("./example-descriptions-zh.json", import.meta.url), "utf8"));
const LINE = /^(\s*)"description": ("(?:[^"\\]|\\.)*")(,?)$/;

let total = 0;
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8");
  const before = JSON.parse(text);
  if (!Array.isArray(before.examples)) continue;
  let changed = 0;
  const lines = text.split("\n").flatMap((line) => {
    const m = LINE.exec(line);
    if (!m) return [line];
    const en = JSON.parse(m[2]);
    const zh = table[en];
    if (zh === undefined) throw new Error(`${path}: no Chinese for "${en}"`);
    changed++;
    const [indent, , comma] = m.slice(1);
    return [`${indent}"description": {`, `${indent}  "zh": ${JSON.stringify(zh)},`, `${indent}  "en": ${JSON.stringify(en)}`, `${indent}}${comma}`];
  });
  const out = lines.join("\n");
  const expected = { ...before, examples: before.examples.map((e) => ({ ...e, description: typeof e.description === "string" ? { zh: table[e.description], en: e.description } : e.description })) };
  if (!isDeepStrictEqual(JSON.parse(out), expected)) throw new Error(`${path}: the rewrite changed more than the examples' descriptions`);
  if (changed !== before.examples.filter((e) => typeof e.description === "string").length) throw new Error(`${path}: ${changed} lines rewritten for ${before.examples.length} examples`);
  if (changed > 0) writeFileSync(path, out);
  total += changed;
  console.log(`${path}: ${changed}`);
}
console.log(`${total} descriptions`);
