/*
 * The HTTP decision service (`jjj-policy-rules/server`): createServer builds a Fastify instance over an
 * engine. Read-only: rules are loaded once, by the host; nothing over HTTP loads or changes them.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { defaultEngine, type Engine } from "../api.js";
import { diffRules, parseRuleVersionRef } from "../diff/rule-diff.js";
import type { EvaluateOptions } from "../engine/evaluate-options.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { PolicyError, type PolicyIssue } from "../errors.js";
import { answerBatch, ndjsonLines } from "./batch.js";
import { DecisionLog, decisionRecord } from "./decision-log.js";
import { DOCS_ASSETS, DOCS_HTML, docsAsset } from "./docs-page.js";
import { MAX_BATCH_LINE_BYTES, MAX_BATCH_LINES, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from "./limits.js";
import { Metrics } from "./metrics.js";
import { openApiDocument } from "./openapi.js";
import { PROBLEM_TYPE, problem, problemOf, type Problem } from "./problem.js";
import { readEvaluateBody, received, ruleIdOfPath } from "./request.js";

export { MAX_BATCH_LINE_BYTES, MAX_BATCH_LINES, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from "./limits.js";
export { openApiDocument } from "./openapi.js";
export { replayLine, decisionRecord, DecisionLog, type DecisionRecord, type ReplayDifference } from "./decision-log.js";
export type { Problem } from "./problem.js";

/**
 * Options of {@link createServer}; every one has a default.
 *
 * @example
 * const options: ServerOptions = { engine: createEngine(loadRuleSet(files)), decisionLog: "decisions.jsonl" };
 */
export interface ServerOptions {
  /** The engine to answer with (default: the shipped rules). */
  engine?: Engine;
  /** The largest JSON body in bytes (default {@link MAX_BODY_BYTES}); more gets 413. */
  bodyLimit?: number;
  /** The most milliseconds a client has to send a request (default {@link REQUEST_TIMEOUT_MS}); then 408. */
  requestTimeout?: number;
  /** The longest evaluate-batch line in bytes (default {@link MAX_BATCH_LINE_BYTES}). */
  maxBatchLineBytes?: number;
  /** The most lines of one evaluate-batch request (default {@link MAX_BATCH_LINES}). */
  maxBatchLines?: number;
  /** Append one JSON line per decision to this file (default: no log). */
  decisionLog?: string;
  /** Origins allowed to call the service from a browser (CORS); default none, so CORS is off. `"*"` allows any. */
  cors?: readonly string[];
  /** Where internal errors (never sent to the client) are reported; default: stderr. */
  onInternalError?: (error: unknown) => void;
}

interface Context {
  engine: Engine;
  metrics: Metrics;
  log: DecisionLog | undefined;
  maxBatchLineBytes: number;
  maxBatchLines: number;
  onInternalError: (error: unknown) => void;
}

/** The route label of a request for the metrics, set by the handlers under /v1/rules/. */
const routeLabels = new WeakMap<FastifyRequest, string>();

/**
 * A decision service over an engine: a Fastify instance, not yet listening. Call `listen({ port, host })`
 * to serve and `close()` to stop (in-flight requests finish; the decision log is flushed).
 *
 * @example
 * const app = createServer();
 * await app.listen({ port: 8080, host: "127.0.0.1" });
 * // POST /v1/rules/sjz-2025/absorption-subsidy/evaluate {"facts": {…}, "on": "2025-06-01"}
 * await app.close();
 */
export function createServer(options: ServerOptions = {}): FastifyInstance {
  const engine = options.engine ?? defaultEngine();
  const ctx: Context = {
    engine,
    metrics: new Metrics(),
    log: options.decisionLog !== undefined ? new DecisionLog(options.decisionLog) : undefined,
    maxBatchLineBytes: options.maxBatchLineBytes ?? MAX_BATCH_LINE_BYTES,
    maxBatchLines: options.maxBatchLines ?? MAX_BATCH_LINES,
    onInternalError: options.onInternalError ?? ((error) => process.stderr.write(`jjj-policy-rules serve: internal error: ${(error as Error)?.stack ?? String(error)}\n`)),
  };
  const requestTimeout = options.requestTimeout ?? REQUEST_TIMEOUT_MS;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? MAX_BODY_BYTES,
    requestTimeout,
    // Node checks the time limits of open connections only every connectionsCheckingInterval (30 s by
    // default): checked four times per limit here (at most once a second), a slow client is cut close
    // to the limit. headersTimeout (60 s by default) would otherwise outlast a shorter request limit.
    http: { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))) },
    logger: false,
    return503OnClosing: true,
    // Rule ids with their "/" encoded stay one path segment; long ones are still ids, not a reason to 414.
    routerOptions: { maxParamLength: 1000 },
    // Errors met before routing (a URL that is not valid percent-encoding) are problem documents too.
    frameworkErrors: (_error, _request, reply) => sendProblem(ctx, reply, malformedPath()),
  });
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onClose", async () => {
    await ctx.log?.close();
  });

  // Only JSON (the default parser, which refuses __proto__ keys) and NDJSON for the batch, read as a
  // stream; text/plain and anything else get 415.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser("application/x-ndjson", (_req, payload, done) => done(null, payload));

  app.setErrorHandler((error, request, reply) => sendProblem(ctx, reply, problemOfFramework(ctx, error, request)));
  app.setNotFoundHandler((request, reply) => sendProblem(ctx, reply, problem(404, "not_found", `no such endpoint: ${request.method} ${request.url.split("?")[0]} (see /openapi.json) / 无此接口`)));
  app.addHook("onResponse", async (request, reply) => {
    const route = routeLabels.get(request) ?? request.routeOptions.url ?? "unmatched";
    ctx.metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  if (options.cors && options.cors.length > 0) allowCors(app, options.cors);

  const documentText = JSON.stringify(openApiDocument(engine.ruleSet));
  app.get("/openapi.json", (_request, reply) => reply.type("application/json; charset=utf-8").send(documentText));
  app.get("/docs", (_request, reply) => reply.type("text/html; charset=utf-8").send(DOCS_HTML));
  app.get("/docs/:asset", (request, reply) => {
    const name = (request.params as { asset: string }).asset;
    const content = docsAsset(name);
    if (content === undefined) return sendProblem(ctx, reply, problem(404, "not_found", `no such file: /docs/${name} / 无此文件`));
    return reply.type(DOCS_ASSETS[name]!).header("cache-control", "public, max-age=86400").send(content);
  });
  app.get("/healthz", () => ({ status: "ok" }));
  app.get("/readyz", (_request, reply) =>
    closing ? sendProblem(ctx, reply, problem(503, "shutting_down", "the service is shutting down / 服务正在关闭")) : { status: "ready" },
  );
  app.get("/metrics", (_request, reply) => reply.type("text/plain; version=0.0.4; charset=utf-8").send(ctx.metrics.text()));

  app.get("/v1/rules", (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const unknown = Object.keys(q).filter((k) => !["on", "document", "kind"].includes(k));
    if (unknown.length > 0) return sendProblem(ctx, reply, problem(400, "invalid_request", `unknown query parameters: ${unknown.join(", ")}; they are on, document, kind / 未知查询参数`, unknown.map((k) => ({ code: "unrecognized_key", path: k, message: "unknown query parameter" }))));
    try {
      const rows = engine.ruleSet.list({ ...(q.on !== undefined && { on: q.on }), ...(q.document !== undefined && { document: q.document }), ...(q.kind !== undefined && { kind: q.kind as never }) });
      return { on: q.on ?? null, count: rows.length, rules: rows.map(summary) };
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      return sendProblem(ctx, reply, { ...problemOf(error), status: 400 });
    }
  });
  app.get("/v1/documents", () => ({ documents: engine.ruleSet.documents() }));
  app.get("/v1/rules/*", (request, reply) => {
    const target = ruleIdOfPath(request.url, "GET");
    routeLabels.set(request, "/v1/rules/{ruleId}");
    if (!target) return sendProblem(ctx, reply, malformedPath());
    const versions = engine.ruleSet.versions(target.ruleId);
    return { id: target.ruleId, versions: versions.map((v) => ({ ...summary(v), file: v.file })) };
  });
  app.post("/v1/rules/*", (request, reply) => {
    const target = ruleIdOfPath(request.url, "POST");
    if (!target || target.action === "show") {
      return sendProblem(ctx, reply, problem(404, "not_found", `no such endpoint: POST ${request.url.split("?")[0]}; POST …/evaluate or …/evaluate-batch / 无此接口`));
    }
    routeLabels.set(request, `/v1/rules/{ruleId}/${target.action}`);
    if (target.action === "evaluate") return evaluateOne(ctx, request, reply, target.ruleId);
    return evaluateBatch(ctx, request, reply, target.ruleId);
  });
  app.post("/v1/match", (request, reply) => {
    if (!isJson(request)) return sendProblem(ctx, reply, unsupported("application/json"));
    const body = objectBody(request.body, ["profile", "on"], ["profile"]);
    if (!body.ok) return sendProblem(ctx, reply, problem(422, "invalid_request", "the body is { profile, on? } / 请求体须为 { profile, on? }", body.issues));
    return engine.match(body.value.profile, body.value.on !== undefined ? { on: body.value.on as string } : undefined);
  });
  app.post("/v1/diff", (request, reply) => {
    if (!isJson(request)) return sendProblem(ctx, reply, unsupported("application/json"));
    const body = objectBody(request.body, ["from", "to", "behaviour"], ["from", "to"]);
    if (!body.ok) return sendProblem(ctx, reply, problem(422, "invalid_request", "the body is { from, to, behaviour? }, e.g. from \"sjz-2025/absorption-subsidy@1\" / 请求体须为 { from, to }", body.issues));
    const { from, to, behaviour } = body.value;
    const issues: PolicyIssue[] = [];
    for (const [key, v] of [["from", from], ["to", to]] as const) {
      if (typeof v !== "string") issues.push({ code: "invalid_type", path: key, message: "a rule version reference <ruleId>@<version>", expected: "string", received: received(v) });
    }
    if (behaviour !== undefined && typeof behaviour !== "boolean") issues.push({ code: "invalid_type", path: "behaviour", message: "true or false", expected: "boolean", received: received(behaviour) });
    if (issues.length > 0) return sendProblem(ctx, reply, problem(422, "invalid_request", "the body is { from, to, behaviour? } / 请求体无效", issues));
    const a = parseRuleVersionRef(from as string);
    const b = parseRuleVersionRef(to as string);
    return diffRules({ ruleSet: engine.ruleSet, ...a }, { ruleSet: engine.ruleSet, ...b }, { behaviour: behaviour !== false });
  });
  return app;
}

function evaluateOne(ctx: Context, request: FastifyRequest, reply: FastifyReply, ruleId: string) {
  if (!isJson(request)) return sendProblem(ctx, reply, unsupported("application/json"));
  const body = readEvaluateBody(request.body);
  if (!body.ok) return sendProblem(ctx, reply, problem(422, "invalid_request", "the body is { facts, on?, version?, parameters?, explain? } / 请求体无效", body.issues));
  const decision = ctx.engine.evaluate(ruleId, body.facts, body.options);
  ctx.metrics.decisions(decision.ruleId);
  if (ctx.log) {
    const id = randomUUID();
    ctx.log.write(decisionRecord(decision, body.facts, body.options, id));
    reply.header("decision-id", id);
  }
  return decision;
}

function evaluateBatch(ctx: Context, request: FastifyRequest, reply: FastifyReply, ruleId: string) {
  const input = request.body;
  if (!(input instanceof Readable)) return sendProblem(ctx, reply, unsupported("application/x-ndjson"));
  const options = batchOptions(request.query as Record<string, string>);
  // The rule and the options are checked before a line is read: a problem here is one 404 or 422.
  if (!options.ok) {
    input.resume();
    return sendProblem(ctx, reply, problem(422, "invalid_request", "the query is ?on=YYYY-MM-DD&version=N&explain=true|false / 查询参数无效", options.issues));
  }
  try {
    ctx.engine.evaluateMany(ruleId, [], options.value);
  } catch (error) {
    input.resume();
    throw error;
  }
  const batch = options.value;
  const body = input;
  const hooks = {
    decided: (decision: ReturnType<Engine["evaluate"]>, facts: unknown) => {
      ctx.metrics.decisions(decision.ruleId);
      ctx.log?.write(decisionRecord(decision, facts, batch));
    },
    failed: (code: string) => ctx.metrics.error(code),
  };
  // The body is read through an iterator that does not destroy it when the answer stops early, so the
  // answer is not cut with the socket; what is left of the body is then drained.
  const lines = ndjsonLines(input.iterator({ destroyOnReturn: false }), ctx.maxBatchLineBytes);
  async function* answer() {
    try {
      yield* answerBatch(ctx.engine, ruleId, batch, lines, ctx.maxBatchLines, hooks);
    } finally {
      body.resume();
    }
  }
  return reply.type("application/x-ndjson; charset=utf-8").send(Readable.from(answer()));
}

function batchOptions(query: Record<string, string>): { ok: true; value: EvaluateOptions } | { ok: false; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  const value: EvaluateOptions = {};
  for (const [key, text] of Object.entries(query)) {
    if (key === "on") value.on = text;
    else if (key === "version") {
      if (/^[1-9][0-9]{0,8}$/.test(text)) value.version = Number(text);
      else issues.push({ code: "invalid_type", path: key, message: "a version is a positive whole number", expected: "integer", received: received(text) });
    } else if (key === "explain") {
      if (text === "true" || text === "false") value.explain = text === "true";
      else issues.push({ code: "invalid_type", path: key, message: "explain is true or false", expected: "boolean", received: received(text) });
    } else issues.push({ code: "unrecognized_key", path: key, message: "unknown query parameter; they are on, version, explain", received: received(key) });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

function summary(v: LoadedRuleVersion) {
  const f = v.file;
  return { id: f.id, version: f.version, kind: f.kind, document: f.document, clause: f.clause, title: f.title, validFrom: v.validFrom, validTo: v.validTo, hash: v.hash };
}

function objectBody(body: unknown, allowed: string[], required: string[]): { ok: true; value: Record<string, unknown> } | { ok: false; issues: PolicyIssue[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ code: "invalid_type", path: "", message: "the body is a JSON object", expected: "object", received: received(body) }] };
  }
  const record = body as Record<string, unknown>;
  const issues: PolicyIssue[] = [
    ...Object.keys(record).filter((k) => !allowed.includes(k)).map((k) => ({ code: "unrecognized_key", path: k, message: `unknown field; the fields are ${allowed.join(", ")}`, received: JSON.stringify(k) })),
    ...required.filter((k) => record[k] === undefined).map((k) => ({ code: "missing_field", path: k, message: `${k} is required / 缺少 ${k}` })),
  ];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: record };
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers["content-type"];
  return typeof type === "string" && /^application\/json\s*(;|$)/i.test(type);
}

function unsupported(wanted: string): Problem {
  return problem(415, "unsupported_media_type", `send the body as Content-Type: ${wanted} / 请以 Content-Type: ${wanted} 发送请求体`);
}

function malformedPath(): Problem {
  return problem(400, "invalid_request", "the path is not valid percent-encoding / 路径编码无效");
}

/** Fastify's own errors (parsing, limits) and the library's, as problem documents. */
function problemOfFramework(ctx: Context, error: unknown, request: FastifyRequest): Problem {
  const code = (error as { code?: string })?.code;
  const status = (error as { statusCode?: number })?.statusCode;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return problem(413, "body_too_large", `the body is larger than the limit of ${request.routeOptions.bodyLimit ?? MAX_BODY_BYTES} bytes (raise bodyLimit / serve --max-body-bytes) / 请求体超过上限`);
  }
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return unsupported("application/json");
  if (code === "FST_ERR_CTP_EMPTY_JSON_BODY") return problem(400, "malformed_json", "the body is empty; send a JSON object / 请求体为空");
  if (error instanceof SyntaxError || code === "FST_ERR_CTP_INVALID_JSON_BODY" || (error as Error)?.message?.includes("prototype property")) {
    return problem(400, "malformed_json", "the body is not valid JSON / 请求体不是有效的 JSON");
  }
  if (!(error instanceof PolicyError) && typeof status === "number" && status >= 400 && status < 500) {
    return problem(status, "invalid_request", "the request could not be read / 请求无法读取");
  }
  const p = problemOf(error);
  if (p.status >= 500 && !(error instanceof PolicyError)) ctx.onInternalError(error);
  return p;
}

function sendProblem(ctx: Context, reply: FastifyReply, p: Problem) {
  ctx.metrics.error(p.code);
  return reply.code(p.status).type(PROBLEM_TYPE).send(JSON.stringify(p));
}

function allowCors(app: FastifyInstance, origins: readonly string[]): void {
  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !(origins.includes("*") || origins.includes(origin))) return;
    reply.header("access-control-allow-origin", origins.includes("*") ? "*" : origin);
    reply.header("vary", "Origin");
    reply.header("access-control-expose-headers", "decision-id");
  });
  app.options("/*", (_request, reply) =>
    reply.code(204).header("access-control-allow-methods", "GET, POST").header("access-control-allow-headers", "content-type").header("access-control-max-age", "600").send(),
  );
}
