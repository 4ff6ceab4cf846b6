import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "./rule-ids.js";

/*
 * Issue #15: an editor completes rule ids. Asks the TypeScript language service (what tsserver runs in
 * editors) for completions inside `evaluate("` in a consumer file that imports the package's source, and
 * for the diagnostics of a misspelt id.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const consumer = `${root}tests/types/__consumer__.ts`;

function service(text: string): ts.LanguageService {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [consumer],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (f === consumer ? ts.ScriptSnapshot.fromString(text) : ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(readFileSync(f, "utf8")) : undefined),
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === consumer || ts.sys.fileExists(f),
    readFile: (f) => (f === consumer ? text : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

const header = `import { evaluate, getRule } from "../../src/index.js";\n`;

describe("rule ids in an editor", () => {
  it("completes every shipped rule id inside evaluate(\" and getRule(\"", () => {
    for (const call of ['evaluate("', 'getRule("']) {
      const text = `${header}${call}`;
      const completions = service(text).getCompletionsAtPosition(consumer, text.length, {});
      const names = (completions?.entries ?? []).map((e) => e.name).sort();
      expect(names, call).toEqual([...RULE_IDS].sort());
    }
  }, 60_000);

  it("completes the ids of a set of rule modules inside evaluateIn(rules, \" (engine entry), and only those", () => {
    const ids = ["sjz-2025/absorption-subsidy", "hd-2018/trading-subsidy"];
    const text =
      `import { evaluateIn, loadBundledRules, type RuleModule, type ShippedRules } from "../../src/engine-entry.js";\n` +
      `declare const A: RuleModule<ShippedRules<${JSON.stringify(ids[0])}>>;\n` +
      `declare const B: RuleModule<ShippedRules<${JSON.stringify(ids[1])}>>;\n` +
      `evaluateIn(loadBundledRules(A, B), "`;
    const completions = service(text).getCompletionsAtPosition(consumer, text.length, {});
    expect((completions?.entries ?? []).map((e) => e.name).sort()).toEqual([...ids].sort());
    const misspelt = text.replace(/"$/, '"hd-2018/trading-subsidi", {});\n');
    const diagnostics = service(misspelt).getSemanticDiagnostics(consumer).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toContain('"hd-2018/trading-subsidi"');
  }, 60_000);

  it("reports a misspelt id as an error naming the parameter type", () => {
    const text = `${header}evaluate("sjz-2025/absorption-subsidi", {});\n`;
    const diagnostics = service(text).getSemanticDiagnostics(consumer).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toContain('"sjz-2025/absorption-subsidi"');
  }, 60_000);
});
