import { UsageError } from "./io.js";

/**
 * The language of what a command prints for people: English (with the Chinese terms in brackets, as
 * before `--lang` existed) or Chinese. JSON output carries both languages whatever this says.
 */
export type CliLang = "en" | "zh";

/**
 * `--lang zh|en` when given; otherwise Chinese when the locale (`LC_ALL`, then `LC_MESSAGES`, then
 * `LANG`, as POSIX orders them) is a Chinese one (`zh_CN.UTF-8`, `zh_TW`, `zh`), else English.
 *
 * @example
 * cliLang(undefined, { LANG: "zh_CN.UTF-8" }) //=> "zh"
 * cliLang("en", { LANG: "zh_CN.UTF-8" })      //=> "en"
 * cliLang(undefined, {})                       //=> "en"
 */
export function cliLang(option: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): CliLang {
  if (option !== undefined) {
    if (option === "en" || option === "zh") return option;
    throw new UsageError(`--lang must be zh or en, got "${option}" / --lang 只能是 zh 或 en`);
  }
  const locale = env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"] || "";
  return /^zh([_.@-]|$)/i.test(locale) ? "zh" : "en";
}
