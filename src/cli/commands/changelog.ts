import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { readRuleSetFrom } from "../read-rule-set.js";
import { MAX_UNPACKED_BYTES } from "../tar.js";
import { diffRuleSets } from "../../diff/set-diff.js";
import { changelogMarkdown } from "../../diff/text.js";
import { parseCount } from "./diff.js";
import { MAX_RULE_FILE_BYTES, formatBytes, parseByteLimit } from "../limits.js";

/** `changelog --from <dir|tgz> [--to <dir|tgz>]`: Markdown release notes of the rule set. */
export const changelogCommand: Command = {
  summary: "Markdown release notes of the rule set between two releases (rules added, removed, changed)",
  usage: `Usage: jjj-policy-rules changelog --from <dir | package.tgz> [--to <dir | package.tgz>] [--title TEXT] [--examples N] [--json]

Prints Markdown release notes of the rules: documents and rules added, removed and changed; for each
changed or added version, the parameter and validity changes in words, how many changes there are to
inputs, logic and metadata, and how many cases give a different outcome (with the first few).

Options:
  --from <dir|tgz>    the previous release: a rules folder, a package folder, or a package .tgz from npm pack
  --to <dir|tgz>      the new release (default: the rules of --rules, or the shipped rules)
  --title <TEXT>      the heading (default: "Rule set changes")
  --examples <N>      changed cases quoted per version (default 5)
  --json              print the underlying rule-set diff as JSON instead
  --rules <dir>       the new release when --to is not given
  --max-archive-bytes <N>    the largest package .tgz, packed or unpacked (default ${formatBytes(MAX_UNPACKED_BYTES)})
  --max-rule-file-bytes <N>  the largest rule file, in a folder or a .tgz (default ${formatBytes(MAX_RULE_FILE_BYTES)})

Example:
  npm pack jjj-policy-rules@0.1.0 && jjj-policy-rules changelog --from jjj-policy-rules-0.1.0.tgz --to rules --title "Rules 0.2.0"
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: "string" },
      to: { type: "string" },
      title: { type: "string" },
      examples: { type: "string" },
      json: { type: "boolean" },
      "max-archive-bytes": { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    if (values.from === undefined) throw new UsageError("changelog needs --from <dir | package.tgz>");
    const examples = parseCount(values.examples, "--examples");
    const limits = { ...ruleFolderOptions(values), maxArchiveBytes: parseByteLimit(values["max-archive-bytes"], "--max-archive-bytes", MAX_UNPACKED_BYTES) };
    const from = await readRuleSetFrom(values.from, limits);
    const to =
      values.to !== undefined
        ? await readRuleSetFrom(values.to, limits)
        : { label: values.rules ?? "the shipped rules", ruleSet: io.engine(values.rules, ruleFolderOptions(values)).ruleSet };
    const diff = diffRuleSets(from.ruleSet, to.ruleSet, { labels: { from: from.label, to: to.label } });
    if (values.json) {
      io.stdout(json(diff));
      return 0;
    }
    io.stdout(
      changelogMarkdown(diff, {
        ...(values.title !== undefined && { title: values.title }),
        ...(examples !== undefined && { examples }),
      }),
    );
    return 0;
  },
};
