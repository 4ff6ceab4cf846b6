import type { Command } from "../io.js";

/**
 * Every CLI command by name, each imported only when it runs (or when `--help` lists them): a single
 * `eval` does not pay for the analysis, the diffs, the charts, SQL, DuckDB, the server or CSV (issue #20,
 * docs/performance.md). A new command is one file in this folder and one line here.
 *
 * @example
 * const command = await COMMANDS.eval!();
 * await command.run(["sjz-2025/absorption-subsidy", "--facts", "facts.json"], io);
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  eval: async () => (await import("./eval.js")).evalCommand,
  list: async () => (await import("./list.js")).listCommand,
  match: async () => (await import("./match.js")).matchCommand,
  show: async () => (await import("./show.js")).showCommand,
  diff: async () => (await import("./diff.js")).diffCommand,
  impact: async () => (await import("./impact.js")).impactCommand,
  changelog: async () => (await import("./changelog.js")).changelogCommand,
  serve: async () => (await import("./serve.js")).serveCommand,
  replay: async () => (await import("./replay.js")).replayCommand,
  coverage: async () => (await import("./coverage.js")).coverageCommand,
  vectors: async () => (await import("./vectors.js")).vectorsCommand,
  verify: async () => (await import("./verify.js")).verifyCommand,
  chart: async () => (await import("./chart.js")).chartCommand,
  sql: async () => (await import("./sql.js")).sqlCommand,
};
