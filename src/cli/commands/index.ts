import type { Command } from "../io.js";
import { evalCommand } from "./eval.js";
import { listCommand } from "./list.js";
import { matchCommand } from "./match.js";
import { showCommand } from "./show.js";
import { diffCommand } from "./diff.js";
import { impactCommand } from "./impact.js";
import { changelogCommand } from "./changelog.js";
import { serveCommand } from "./serve.js";
import { replayCommand } from "./replay.js";
import { coverageCommand } from "./coverage.js";
import { vectorsCommand } from "./vectors.js";
import { verifyCommand } from "./verify.js";
import { chartCommand } from "./chart.js";
import { sqlCommand } from "./sql.js";

/** Every CLI command by name. A new command is one file in this folder and one line here. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  eval: evalCommand,
  list: listCommand,
  match: matchCommand,
  show: showCommand,
  diff: diffCommand,
  impact: impactCommand,
  changelog: changelogCommand,
  serve: serveCommand,
  replay: replayCommand,
  coverage: coverageCommand,
  vectors: vectorsCommand,
  verify: verifyCommand,
  chart: chartCommand,
  sql: sqlCommand,
};
