import type { Engine } from "../api.js";
import type { EvaluateOptions } from "../engine/evaluate.js";
import type { CliIo } from "./io.js";
import { runBatch, type BatchFormats } from "./batch-io.js";
import { factsOfRow, ruleInputTypes } from "./csv-cells.js";
import { decisionCsvColumns, decisionCsvErrorRow, decisionCsvRow, type DecisionLike } from "./decision-csv.js";
import { templateVersion } from "./set-parameters.js";

/**
 * `eval --batch` with CSV in or out (JSON Lines both ways is the JSON Lines batch): facts from CSV rows by
 * the rule's input types (csv-cells.ts), decisions as JSON lines or as the decision CSV (decision-csv.ts).
 *
 * @example
 * return evalBatch({ engine, ruleId, options, formats, input: "cases.csv", io, maxLineBytes });
 */
export function evalBatch(run: {
  engine: Engine;
  ruleId: string;
  options: EvaluateOptions;
  formats: BatchFormats;
  input: string;
  io: CliIo;
  maxLineBytes: number;
  stdin?: NodeJS.ReadableStream;
}): Promise<number> {
  const { engine, ruleId, options } = run;
  const template = templateVersion(engine.ruleSet, ruleId, options.version, options.on);
  const types = ruleInputTypes(engine.ruleSet, ruleId, template);
  const fields = Object.keys(template.file.outcome);
  return runBatch({
    command: "eval",
    input: run.input,
    io: run.io,
    formats: run.formats,
    maxLineBytes: run.maxLineBytes,
    ...(run.stdin && { stdin: run.stdin }),
    fromCsv: (cells) => factsOfRow(cells, types),
    each: (facts) => engine.evaluate(ruleId, facts, options),
    csv: {
      header: decisionCsvColumns(fields),
      rows: (decision, line) => [decisionCsvRow(line, decision as DecisionLike, fields)],
      errorRow: (line, code, message) => decisionCsvErrorRow(line, fields, code, message),
    },
  });
}
