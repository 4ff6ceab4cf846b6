/*
 * The decision log (opt-in), modelled on OPA's decision logs: one JSON line per decision, with what is
 * needed to replay it (rule, version, hashes, facts, options) and what was decided. `replay` reads it
 * back and re-evaluates each decision against the rules at hand.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import type { Engine } from "../api.js";
import type { Decision } from "../engine/decision.js";
import type { EvaluateOptions } from "../engine/evaluate-options.js";
import { PolicyError } from "../errors.js";

/**
 * One line of a decision log.
 *
 * @example
 * const r: DecisionRecord = { decisionId: "…", time: "2026-12-04T02:00:00.000Z", ruleId: "sjz-2025/absorption-subsidy", version: 1, on: "2025-06-01",
 *   ruleHash: "sha256:…", ruleSetHash: "sha256:…", facts: { … }, options: { on: "2025-06-01" }, inForce: true, applicable: true, outcome: { eligible: true, amount: "200000.00" } };
 */
export interface DecisionRecord {
  /** A random UUID naming this decision; the service also sends it as the `decision-id` header. */
  decisionId: string;
  /** When it was decided (ISO 8601, UTC). */
  time: string;
  /** The rule evaluated. */
  ruleId: string;
  /** The version used. */
  version: number;
  /** The evaluation date the engine used (the request's `on`, or today in Asia/Shanghai). */
  on: string;
  /** SHA-256 of the rule file (as the decision's provenance). */
  ruleHash: string;
  /** SHA-256 of the whole rule set. */
  ruleSetHash: string;
  /** The facts as received. */
  facts: unknown;
  /** The options as received (on, version, parameters, explain). */
  options: EvaluateOptions;
  /** Whether the version was in force on `on`. */
  inForce: boolean;
  /** Whether the measure concerned the subject. */
  applicable: boolean;
  /** What was decided. */
  outcome: Decision["outcome"];
}

/**
 * The log record of a decision.
 *
 * @example
 * decisionRecord(decision, facts, { on: "2025-06-01" }).ruleHash === decision.provenance.ruleHash //=> true
 */
export function decisionRecord(decision: Decision, facts: unknown, options: EvaluateOptions, decisionId: string = randomUUID()): DecisionRecord {
  return {
    decisionId,
    time: new Date().toISOString(),
    ruleId: decision.ruleId,
    version: decision.version,
    on: decision.on,
    ruleHash: decision.provenance.ruleHash,
    ruleSetHash: decision.provenance.ruleSetHash,
    facts,
    options,
    inForce: decision.inForce,
    applicable: decision.applicable,
    outcome: decision.outcome,
  };
}

/**
 * An append-only JSON Lines file of decision records. Writes are buffered by the stream; `close`
 * flushes them (the server closes it on shutdown).
 *
 * @example
 * const log = new DecisionLog("decisions.jsonl");
 * log.write(decisionRecord(decision, facts, options));
 * await log.close();
 */
export class DecisionLog {
  readonly #stream: WriteStream;
  constructor(path: string) {
    this.#stream = createWriteStream(path, { flags: "a" });
    // An unwritable log is reported by the first write's error event; the service keeps answering.
    this.#stream.on("error", (error) => process.emitWarning(`decision log ${path}: ${error.message}`));
  }
  /** Append one record as one line. */
  write(record: DecisionRecord): void {
    this.#stream.write(`${JSON.stringify(record)}\n`);
  }
  /** Flush and close the file. */
  close(): Promise<void> {
    return new Promise((resolve) => this.#stream.end(resolve));
  }
}

/**
 * What a replayed decision gives now, when it differs from what was logged.
 *
 * @example
 * const d: ReplayDifference = { line: 3, decisionId: "…", ruleId: "sjz-2025/absorption-subsidy", on: "2026-03-01",
 *   was: { version: 1, inForce: true, outcome: { eligible: true, amount: "200000.00" } }, now: { version: 2, inForce: true, outcome: { eligible: true, amount: "350000.00" } } };
 */
export interface ReplayDifference {
  /** The line of the log (1-based). */
  line: number;
  /** The logged decision's id, when the line is a decision record. */
  decisionId: string | null;
  /** The rule, when the line is a decision record. */
  ruleId: string | null;
  /** The date the decision was made for. */
  on: string | null;
  /** What was decided then (null when the line is not a decision record). */
  was: { version: number; inForce: boolean; applicable: boolean; outcome: unknown } | null;
  /** What the rules at hand decide now, or the error they give. */
  now: { version: number; inForce: boolean; applicable: boolean; outcome: unknown } | { error: { code: string; message: string } };
}

/**
 * Replay one logged line against an engine: the same rule, facts, parameters and version pin, on the
 * date the logged decision was made for (not "today", which has moved on). Returns undefined when the
 * decision is the same now (version, in force, applicable and outcome), otherwise what differs. A
 * line that is not a decision record is a difference with an error.
 *
 * @example
 * replayLine(engine, JSON.stringify(record), 1) //=> undefined when nothing changed
 */
export function replayLine(engine: Engine, text: string, line: number): ReplayDifference | undefined {
  let record: Partial<DecisionRecord>;
  try {
    record = JSON.parse(text) as Partial<DecisionRecord>;
  } catch {
    return { line, decisionId: null, ruleId: null, on: null, was: null, now: { error: { code: "malformed_json", message: "the line is not JSON / 该行不是 JSON" } } };
  }
  const isRecord = typeof record === "object" && record !== null && typeof record.ruleId === "string" && typeof record.on === "string" && typeof record.version === "number";
  if (!isRecord) {
    return { line, decisionId: null, ruleId: null, on: null, was: null, now: { error: { code: "not_a_decision_record", message: "the line is not a decision record (ruleId, version, on, facts, outcome) / 该行不是决策记录" } } };
  }
  const was = { version: record.version!, inForce: record.inForce === true, applicable: record.applicable === true, outcome: record.outcome };
  const head = { line, decisionId: typeof record.decisionId === "string" ? record.decisionId : null, ruleId: record.ruleId!, on: record.on!, was };
  const logged = (typeof record.options === "object" && record.options !== null ? record.options : {}) as EvaluateOptions;
  const options: EvaluateOptions = { on: record.on!, explain: false };
  if (logged.version !== undefined) options.version = logged.version;
  if (logged.parameters !== undefined) options.parameters = logged.parameters;
  try {
    const d = engine.evaluate(record.ruleId!, record.facts, options);
    const now = { version: d.version, inForce: d.inForce, applicable: d.applicable, outcome: d.outcome };
    return canonical(now) === canonical(was) ? undefined : { ...head, now };
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return { ...head, now: { error: { code: error.code, message: error.message } } };
  }
}

/** JSON with object keys sorted, so that a reordered outcome is not a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
