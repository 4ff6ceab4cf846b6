import { createEngine, defaultEngine, type Engine } from "../api.js";
import { PolicyError, RuleEvaluationError, didYouMean, formatIssue, type PolicyIssue } from "../errors.js";
import { ENGINE_ID } from "../version.js";
import { COMMANDS } from "./commands/index.js";
import { UsageError, type CliIo } from "./io.js";
import { loadRuleSetFromDir } from "./load-dir.js";
import { MAX_INPUT_BYTES, MAX_RULE_FILE_BYTES, formatBytes, printable } from "./limits.js";
import { readTextBounded } from "./read-bounded.js";

/** The text of `jjj-policy-rules --help`. */
export function helpText(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return `jjj-policy-rules — technology-transfer policies of Shijiazhuang, Handan and Beijing–Tianjin–Hebei (京津冀) as exact, explained rules

Usage: jjj-policy-rules <command> [options]

Commands:
${names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`).join("\n")}

Run "jjj-policy-rules <command> --help" for the options of a command. Every command that reads rules takes
--rules <dir> and --max-rule-file-bytes <N> (the largest rule file, default ${formatBytes(MAX_RULE_FILE_BYTES)}).
Every command takes --lang zh|en: the language of text for people (default: Chinese when LANG/LC_ALL is
a Chinese locale, else English; JSON output always carries both). 每个命令均可用 --lang zh 输出中文。
Dates are calendar dates YYYY-MM-DD; "today" is today in Asia/Shanghai. Money is yuan as decimal strings.
Exit codes: 0 success (a decision was made, eligible or not); 2 unknown rule, invalid facts or bad usage; 1 internal error.
${ENGINE_ID}
`;
}

/** The real process I/O: stdout, stderr, files and stdin, and rule folders. */
export function nodeIo(): CliIo {
  const engines = new Map<string, Engine>();
  return {
    stdout: (t) => process.stdout.write(t),
    stdoutBytes: (b) => process.stdout.write(b),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    readText: (path, maxBytes) => readTextBounded(path, { max: maxBytes ?? MAX_INPUT_BYTES, option: "--max-input-bytes" }),
    engine: (rulesDir, options = {}) => {
      if (rulesDir === undefined) return defaultEngine();
      const key = `${options.maxFileBytes ?? ""}\0${rulesDir}`;
      let engine = engines.get(key);
      if (!engine) {
        engine = createEngine(loadRuleSetFromDir(rulesDir, options));
        engines.set(key, engine);
      }
      return engine;
    },
  };
}

/**
 * Run the CLI on arguments (without `node` and the script) and return the exit code. In-process, so
 * tests call it with their own I/O.
 */
export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic !== undefined ? COMMANDS[topic] : undefined;
    io.stdout(command ? command.usage : helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${ENGINE_ID}\n`);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    const zh = `未知命令 "${name}"${hint ? `,是否要用 "${hint}"?` : ""}`;
    io.stderr(`jjj-policy-rules: unknown command "${name}"${hint ? `; did you mean "${hint}"?` : ""} (${zh}). Commands: ${Object.keys(COMMANDS).join(", ")}. See --help.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`jjj-policy-rules ${name}: ${printable(error.message)}\nRun "jjj-policy-rules ${name} --help" for usage.\n`);
      return 2;
    }
    if (error instanceof PolicyError) {
      // Messages may quote file names and contents: control characters are escaped, never printed raw.
      io.stderr(`jjj-policy-rules ${name}: ${printable(describeError(error))}\n`);
      // A rule that fails on valid facts is a defect of the rule, not of the caller's input.
      return error instanceof RuleEvaluationError ? 1 : 2;
    }
    io.stderr(`jjj-policy-rules ${name}: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

function describeError(error: PolicyError): string {
  const issues = (error as PolicyError & { issues?: readonly PolicyIssue[] }).issues;
  if (!issues) return error.message;
  const head = error.message.split("\n")[0];
  return `${head}\n${issues.map((i) => `  - ${formatIssue(i)}`).join("\n")}`;
}
