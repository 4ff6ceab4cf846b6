/*
 * The CSV layout of `eval --batch --format csv`: one row per input row, shared by every writer of decisions
 * as CSV (the JSON Lines batch and the `--engine duckdb` path write exactly these columns):
 *
 *   line,ruleId,version,on,inForce,applicable,outcome.<field>…,error.code,error.message
 *
 * - `line`: the input's physical line (the first line of a CSV record), as the JSON Lines errors say it;
 * - one `outcome.<field>` column per outcome field, in the order the rule declares them;
 * - booleans `true`/`false`; money and decimals as the exact strings the engine prints ("140000.00");
 *   integers in digits; a list as its values joined by `,`; a null or absent value: an empty cell;
 * - a failed row: `line`, then empty cells, then `error.code` (`invalid_facts`, `invalid_json`,
 *   `invalid_csv`, `line_too_long` …) and `error.message` (its first line and issues).
 */

/** The shape of a decision this layout reads (a `Decision` has more; only these are written). */
export interface DecisionLike {
  ruleId: string;
  version: number;
  on: string;
  inForce: boolean;
  applicable: boolean;
  outcome: Readonly<Record<string, unknown>>;
}

/** The columns before the outcome fields. */
export const DECISION_CSV_LEAD = ["line", "ruleId", "version", "on", "inForce", "applicable"] as const;
/** The columns after the outcome fields. */
export const DECISION_CSV_TAIL = ["error.code", "error.message"] as const;

/**
 * The header of the decision CSV for a rule whose outcome fields are these (in declared order).
 *
 * @example
 * decisionCsvColumns(["eligible", "amount"])
 * //=> ["line", "ruleId", "version", "on", "inForce", "applicable", "outcome.eligible", "outcome.amount", "error.code", "error.message"]
 */
export function decisionCsvColumns(outcomeFields: readonly string[]): string[] {
  return [...DECISION_CSV_LEAD, ...outcomeFields.map((f) => `outcome.${f}`), ...DECISION_CSV_TAIL];
}

/**
 * One value as a CSV cell: booleans `true`/`false`, strings as they are (exact decimals), numbers in
 * digits, a list joined by `,`, null or undefined empty.
 *
 * @example
 * csvCell(true) //=> "true"
 * csvCell("140000.00") //=> "140000.00"
 * csvCell(["a", "b"]) //=> "a,b"
 * csvCell(null) //=> ""
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(csvCell).join(",");
  return JSON.stringify(value);
}

/**
 * The row of one decision, in the order of {@link decisionCsvColumns}.
 *
 * @example
 * decisionCsvRow(3, decision, ["eligible", "amount"])
 * //=> ["3", "sjz-2025/absorption-subsidy", "1", "2025-06-01", "true", "true", "true", "140000.00", "", ""]
 */
export function decisionCsvRow(line: number, decision: DecisionLike, outcomeFields: readonly string[]): string[] {
  const row = [String(line), decision.ruleId, String(decision.version), decision.on, csvCell(decision.inForce), csvCell(decision.applicable)];
  for (const f of outcomeFields) row.push(csvCell(Object.prototype.hasOwnProperty.call(decision.outcome, f) ? decision.outcome[f] : undefined));
  row.push("", "");
  return row;
}

/**
 * The row of a failed input row: its line, empty decision cells, the error's code and message.
 *
 * @example
 * decisionCsvErrorRow(7, ["eligible", "amount"], "invalid_facts", "contractAmount: expected money …")
 * //=> ["7", "", "", "", "", "", "", "", "invalid_facts", "contractAmount: expected money …"]
 */
export function decisionCsvErrorRow(line: number, outcomeFields: readonly string[], code: string, message: string): string[] {
  return [String(line), ...new Array<string>(DECISION_CSV_LEAD.length - 1 + outcomeFields.length).fill(""), code, message];
}
