import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, type CliIo } from "./io.js";
import { cliLang, type CliLang } from "./lang.js";
import { MAX_RULE_FILE_BYTES, parseByteLimit, printable } from "./limits.js";

/**
 * Parse a command's arguments with node:util, turning its errors into usage errors. Every command also
 * takes `--rules <dir>`, `--max-rule-file-bytes <N>` (the rule files of that folder) and `--lang zh|en`
 * (read with {@link cliLang}). An option that
 * takes one value may be given once: a repeated `--on` is an error, not "the last one wins".
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  const all = { ...options, rules: { type: "string" }, "max-rule-file-bytes": { type: "string" }, lang: { type: "string" }, help: { type: "boolean", short: "h" } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args, options: all, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(printable((error as Error).message));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    const spec = (all as Record<string, { type: string; multiple?: boolean }>)[token.name];
    if (spec?.type !== "string" || spec.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once / --${token.name} 只能给一次`);
    seen.add(token.name);
  }
  // A bad --lang is refused by every command, also by those that print only JSON.
  cliLang((parsed.values as { lang?: string }).lang);
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Parse a JSON text, naming where it came from when it is not JSON. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${printable(where)} is not valid JSON: ${printable((error as Error).message)} / ${printable(where)} 不是有效的 JSON`);
  }
}

/** Print a value as indented JSON. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/**
 * The options for reading `--rules <dir>`: `--max-rule-file-bytes` when given.
 *
 * @example
 * io.engine(values.rules, ruleFolderOptions(values));
 */
export function ruleFolderOptions(values: { "max-rule-file-bytes"?: string | undefined }): { maxFileBytes?: number } {
  const text = values["max-rule-file-bytes"];
  return text === undefined ? {} : { maxFileBytes: parseByteLimit(text, "--max-rule-file-bytes", MAX_RULE_FILE_BYTES) };
}

/**
 * The language of a command's text for people: `--lang`, else the locale of `io.env`.
 *
 * @example
 * const lang = languageOf(values, io); // "zh" for --lang zh, or with LANG=zh_CN.UTF-8
 */
export function languageOf(values: { lang?: string | undefined }, io: CliIo): CliLang {
  return cliLang(values.lang, io.env);
}
