import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { parseCommandArgs, ruleFolderOptions } from "../args.js";
import { formatBytes, parseByteLimit, printable } from "../limits.js";
import { parseCount } from "./diff.js";
import { MAX_BATCH_LINE_BYTES, MAX_BATCH_LINES, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from "../../server/limits.js";

/** `serve [--port 8080] [--host 127.0.0.1] [--rules <dir>] [--decision-log <file.jsonl>]`: the HTTP decision service. */
export const serveCommand: Command = {
  summary: "serve the rules over HTTP: decisions, batches, matching, diffs, OpenAPI at /openapi.json",
  usage: `Usage: jjj-policy-rules serve [--port 8080] [--host 127.0.0.1] [--rules <dir>] [--decision-log <file.jsonl>]

Starts the HTTP decision service (docs/server.md) and prints its address on stderr. The rules are loaded
once, at start; nothing over HTTP can load or change them. SIGTERM or SIGINT stops it gracefully: it stops
accepting connections, lets the requests in flight finish, flushes the decision log and exits 0.

Endpoints: GET /v1/rules, GET /v1/rules/{ruleId}, GET /v1/documents, POST /v1/rules/{ruleId}/evaluate,
POST /v1/rules/{ruleId}/evaluate-batch (NDJSON), POST /v1/match, POST /v1/diff, GET /healthz, /readyz,
/metrics, /openapi.json and /docs. A rule id's "/" is sent as is or as %2F.

Options:
  --port <N>               the TCP port (default 8080; 0 picks a free one)
  --host <address>         the address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for all)
  --rules <dir>            serve the rules of this folder instead of the shipped ones
  --decision-log <file>    append one JSON line per decision to this file (for "jjj-policy-rules replay")
  --cors <origin>          allow browser calls from this origin (repeatable; "*" for any). Default: CORS off
  --max-body-bytes <N>     the largest JSON body (default ${formatBytes(MAX_BODY_BYTES)}); more gets 413
  --request-timeout-ms <N> the most time to receive a request (default ${REQUEST_TIMEOUT_MS}); then 408
  --max-line-bytes <N>     the longest evaluate-batch line (default ${formatBytes(MAX_BATCH_LINE_BYTES)})
  --max-batch-lines <N>    the most lines of one evaluate-batch request (default ${MAX_BATCH_LINES})
  --max-rule-file-bytes <N>  the largest rule file under --rules

Exit codes: 0 stopped by a signal; 2 bad arguments, unreadable rules or the port in use.

Example:
  jjj-policy-rules serve --port 8080 --decision-log decisions.jsonl &
  curl -s -H 'content-type: application/json' \\
    -d '{"on":"2025-06-01","facts":{"contractAmount":"3000000","transferMode":"license","sourceRegion":"tianjin","enterpriseCity":"shijiazhuang"}}' \\
    http://127.0.0.1:8080/v1/rules/sjz-2025/absorption-subsidy/evaluate
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      port: { type: "string" },
      host: { type: "string" },
      "decision-log": { type: "string" },
      cors: { type: "string", multiple: true },
      "max-body-bytes": { type: "string" },
      "request-timeout-ms": { type: "string" },
      "max-line-bytes": { type: "string" },
      "max-batch-lines": { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    const port = parseCount(values.port, "--port") ?? 8080;
    if (port > 65535) throw new UsageError(`--port is at most 65535, got ${port} / --port 最大为 65535`);
    const host = values.host ?? "127.0.0.1";
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    // Loaded only here, so that the other commands do not pay for the HTTP framework at start-up.
    const { createServer } = await import("../../server/index.js");
    const app = createServer({
      engine,
      bodyLimit: parseByteLimit(values["max-body-bytes"], "--max-body-bytes", MAX_BODY_BYTES),
      requestTimeout: parseCount(values["request-timeout-ms"], "--request-timeout-ms") ?? REQUEST_TIMEOUT_MS,
      maxBatchLineBytes: parseByteLimit(values["max-line-bytes"], "--max-line-bytes", MAX_BATCH_LINE_BYTES),
      maxBatchLines: parseCount(values["max-batch-lines"], "--max-batch-lines") ?? MAX_BATCH_LINES,
      ...(values["decision-log"] !== undefined && { decisionLog: values["decision-log"] }),
      ...(values.cors !== undefined && { cors: values.cors }),
    });
    let address: string;
    try {
      address = await app.listen({ port, host });
    } catch (error) {
      await app.close();
      throw new UsageError(`cannot listen on ${printable(host)}:${port}: ${printable((error as Error).message)} / 无法监听该地址`);
    }
    io.stderr(`jjj-policy-rules serve: listening on ${address} (OpenAPI at ${address}/openapi.json, docs at ${address}/docs; rule set ${engine.ruleSet.hash})\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        io.stderr(`jjj-policy-rules serve: ${signal}: finishing the requests in flight, then stopping\n`);
        void app.close().then(() => resolve());
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
    io.stderr("jjj-policy-rules serve: stopped\n");
    return 0;
  },
};
