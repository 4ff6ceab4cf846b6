import { request as httpRequest } from "node:http";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, defaultEngine } from "../../src/api.js";
import { MAX_BODY_BYTES } from "../../src/server/index.js";
import { call, post, ResponseChecker, start, LICENCE_FACTS, SUBSIDY, type Running } from "./helpers.js";

const EVALUATE = `/v1/rules/${SUBSIDY}/evaluate`;
const ENCODED = `/v1/rules/${encodeURIComponent(SUBSIDY)}`;

let s: Running;
let checker: ResponseChecker;
let openapi: any;

beforeAll(async () => {
  s = await start();
  openapi = (await call(s.base, "/openapi.json")).body;
  checker = new ResponseChecker(openapi);
});
afterAll(async () => {
  await s.app.close();
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(openapi);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openapi.openapi).toBe("3.1.0");
  });

  it("has one request schema per rule, built from its declared inputs", () => {
    const ids = defaultEngine().ruleSet.ruleIds();
    for (const id of ids) {
      expect(openapi.paths[`/v1/rules/${id}/evaluate`]?.post, id).toBeDefined();
      const facts = openapi.components.schemas[`Facts.${id.replace("/", ".")}`];
      const inputs = Object.keys(defaultEngine().ruleSet.versions(id).at(-1)!.file.inputs);
      const described = facts.anyOf ? facts.anyOf.at(-1) : facts;
      expect(Object.keys(described.properties).sort(), id).toEqual(inputs.sort());
    }
    const subsidy = openapi.components.schemas["Facts.sjz-2025.absorption-subsidy"];
    expect(subsidy.properties.transferMode.enum).toContain("license");
    expect(subsidy.additionalProperties).toBe(false);
    expect(openapi.components.schemas.Problem.required).toContain("issues");
  });
});

describe("evaluate", () => {
  it("decides over HTTP as the library does, with the rule id's / as is or as %2F", async () => {
    const body = { facts: LICENCE_FACTS, on: "2025-06-01" };
    const plain = await post(s.base, EVALUATE, body);
    const encoded = await post(s.base, `${ENCODED}/evaluate`, body);
    expect(plain.status).toBe(200);
    expect(plain.body.outcome.amount).toBe("200000.00");
    expect(encoded.body).toEqual(plain.body);
    expect(plain.body).toEqual(JSON.parse(JSON.stringify(defaultEngine().evaluate(SUBSIDY, LICENCE_FACTS, { on: "2025-06-01" }))));
    checker.check("POST", EVALUATE, plain);
    const quiet = await post(s.base, EVALUATE, { ...body, explain: false, parameters: { cap: "100000" } });
    expect(quiet.body.explanation).toEqual([]);
    expect(quiet.body.outcome.amount).toBe(defaultEngine().evaluate(SUBSIDY, LICENCE_FACTS, { on: "2025-06-01", parameters: { cap: "100000" } }).outcome.amount);
    checker.check("POST", EVALUATE, quiet);
  });

  it("answers invalid facts with 422 and every issue (path, expected, received)", async () => {
    const a = await post(s.base, EVALUATE, { facts: { ...LICENCE_FACTS, contractAmount: "3,000,000", transferMode: "gift" }, on: "2025-06-01" });
    expect(a.status).toBe(422);
    expect(a.type).toMatch(/^application\/problem\+json/);
    expect(a.body.code).toBe("invalid_facts");
    let issues: unknown;
    try {
      defaultEngine().evaluate(SUBSIDY, { ...LICENCE_FACTS, contractAmount: "3,000,000", transferMode: "gift" }, { on: "2025-06-01" });
    } catch (e) {
      issues = (e as { issues: unknown }).issues;
    }
    expect(a.body.issues).toEqual(JSON.parse(JSON.stringify(issues)));
    expect(a.body.issues.map((i: any) => i.path)).toEqual(["contractAmount", "transferMode"]);
    expect(a.body.issues[0]).toMatchObject({ expected: expect.any(String), received: '"3,000,000"' });
    expect(a.body.title).toMatch(/事实/);
    checker.check("POST", EVALUATE, a);
  });

  it("answers a malformed envelope, option or parameter with 422 naming the field", async () => {
    const cases: [unknown, string][] = [
      [[1, 2], ""],
      [{ facts: LICENCE_FACTS, explian: false }, "explian"],
      [{ on: "2025-06-01" }, "facts"],
      [{ facts: LICENCE_FACTS, on: "2025-6-1" }, "on"],
      [{ facts: LICENCE_FACTS, explain: "no" }, "explain"],
      [{ facts: LICENCE_FACTS, parameters: { cap: "-5" } }, "parameters.cap"],
      [{ facts: LICENCE_FACTS, version: 9 }, "version"],
    ];
    for (const [body, path] of cases) {
      const a = await post(s.base, EVALUATE, body);
      expect(a.status, JSON.stringify(body)).toBe(422);
      expect(a.body.issues.map((i: any) => i.path), JSON.stringify(body)).toContain(path);
      checker.check("POST", EVALUATE, a);
    }
  });

  it("answers malformed JSON with 400, a wrong or missing content type with 415, an unknown rule with 404 and a suggestion", async () => {
    for (const text of ["{", '{"facts": }', "", '{"__proto__": {"x": 1}, "facts": {}}']) {
      const a = await call(s.base, EVALUATE, { body: text });
      expect(a.status, text).toBe(400);
      expect(a.body.code, text).toBe("malformed_json");
      checker.check("POST", EVALUATE, a);
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const a = await call(s.base, EVALUATE, { body: JSON.stringify({ facts: LICENCE_FACTS }), type });
      expect(a.status, String(type)).toBe(415);
      expect(a.body.code).toBe("unsupported_media_type");
      checker.check("POST", EVALUATE, a);
    }
    const unknown = await post(s.base, "/v1/rules/sjz-2025/absorption-subsidie/evaluate", { facts: LICENCE_FACTS });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "unknown_rule", suggestions: [SUBSIDY] });
    checker.check("POST", EVALUATE, unknown);
  });

  it("answers a body over the limit with 413, naming the limit", async () => {
    const big = JSON.stringify({ facts: { ...LICENCE_FACTS, pad: "x".repeat(MAX_BODY_BYTES) } });
    const a = await call(s.base, EVALUATE, { body: big });
    expect(a.status).toBe(413);
    expect(a.body.code).toBe("body_too_large");
    expect(a.body.detail).toContain(String(MAX_BODY_BYTES));
    checker.check("POST", EVALUATE, a);
    const small = await start({ bodyLimit: 100 });
    try {
      const b = await post(small.base, EVALUATE, { facts: LICENCE_FACTS, on: "2025-06-01" });
      expect(b.status).toBe(413);
    } finally {
      await small.app.close();
    }
  });

  it("never sends a stack trace: an internal error is a bare 500 problem", async () => {
    const engine = { ...createEngine(defaultEngine().ruleSet), evaluate: () => { throw new Error("secret detail at /home/x.js:1"); } };
    const reported: unknown[] = [];
    const broken = await start({ engine, onInternalError: (e) => reported.push(e) });
    try {
      const a = await post(broken.base, EVALUATE, { facts: LICENCE_FACTS });
      expect(a.status).toBe(500);
      expect(a.body.code).toBe("internal_error");
      expect(a.text).not.toMatch(/secret|\.js:|at /);
      expect(reported).toHaveLength(1);
    } finally {
      await broken.app.close();
    }
  });
});

describe("the catalogue", () => {
  it("lists rules, filtered by on, document and kind, as the library does", async () => {
    const all = await call(s.base, "/v1/rules");
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(defaultEngine().listRules().length);
    checker.check("GET", "/v1/rules", all);
    const some = await call(s.base, "/v1/rules?on=2025-06-01&document=sjz-2025&kind=benefit");
    expect(some.body.rules.map((r: any) => r.id)).toEqual(defaultEngine().listRules({ on: "2025-06-01", document: "sjz-2025", kind: "benefit" }).map((r) => r.id));
    expect(some.body.rules.length).toBeGreaterThan(0);
    checker.check("GET", "/v1/rules", some);
    for (const q of ["?kind=gift", "?on=2025-13-01", "?colour=red"]) {
      const bad = await call(s.base, `/v1/rules${q}`);
      expect(bad.status, q).toBe(400);
      checker.check("GET", "/v1/rules", bad);
    }
  });

  it("shows one rule with its versions under both encodings; 404 with a suggestion for an unknown one", async () => {
    const a = await call(s.base, `/v1/rules/${SUBSIDY}`);
    const b = await call(s.base, ENCODED);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body.versions.map((v: any) => v.version)).toEqual(defaultEngine().ruleSet.versions(SUBSIDY).map((v) => v.file.version));
    expect(a.body.versions[0].file.id).toBe(SUBSIDY);
    checker.check("GET", "/v1/rules/{ruleId}", a);
    const malformed = await call(s.base, "/v1/rules/sjz-2025%E0%A4%A");
    expect(malformed.status).toBe(400);
    expect(malformed.type).toMatch(/^application\/problem\+json/);
    checker.check("GET", "/v1/rules/{ruleId}", malformed);
    const unknown = await call(s.base, `${ENCODED}x`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.suggestions).toEqual([SUBSIDY]);
    checker.check("GET", "/v1/rules/{ruleId}", unknown);
  });

  it("lists the documents", async () => {
    const a = await call(s.base, "/v1/documents");
    expect(a.body.documents.map((d: any) => d.id)).toEqual(defaultEngine().ruleSet.documents().map((d) => d.id));
    checker.check("GET", "/v1/documents", a);
  });
});

describe("match and diff", () => {
  it("matches a profile as matchPolicies does", async () => {
    const profile = { type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin" } };
    const a = await post(s.base, "/v1/match", { profile, on: "2025-06-01" });
    expect(a.status).toBe(200);
    expect(a.body).toEqual(JSON.parse(JSON.stringify(defaultEngine().match(profile, { on: "2025-06-01" }))));
    checker.check("POST", "/v1/match", a);
    const bad = await post(s.base, "/v1/match", { profile: { type: 5 } });
    expect(bad.status).toBe(422);
    checker.check("POST", "/v1/match", bad);
    const missing = await post(s.base, "/v1/match", { on: "2025-06-01" });
    expect(missing.status).toBe(422);
    expect(missing.body.issues.map((i: any) => i.path)).toEqual(["profile"]);
  });

  it("diffs two versions of a rule of the service's set", async () => {
    const a = await post(s.base, "/v1/diff", { from: `${SUBSIDY}@1`, to: `${SUBSIDY}@1`, behaviour: false });
    expect(a.status).toBe(200);
    expect(a.body.ruleId ?? a.body.from).toBeDefined();
    checker.check("POST", "/v1/diff", a);
    for (const [body, status] of [[{ from: "nope/nope@1", to: `${SUBSIDY}@1` }, 404], [{ from: `${SUBSIDY}@x`, to: `${SUBSIDY}@1` }, 422], [{ from: 1, to: 2 }, 422]] as const) {
      const b = await post(s.base, "/v1/diff", body);
      expect(b.status, JSON.stringify(body)).toBe(status);
      checker.check("POST", "/v1/diff", b);
    }
  });
});

describe("evaluate-batch", () => {
  const line = (facts: unknown) => JSON.stringify(facts);

  it("answers each line in order: a decision or an error record; bad lines do not stop it", async () => {
    const input = [line(LICENCE_FACTS), "not json", "", line({ ...LICENCE_FACTS, contractAmount: "-1" }), line({ ...LICENCE_FACTS, contractAmount: "600000" })].join("\n");
    const a = await call(s.base, `${ENCODED}/evaluate-batch?on=2025-06-01&explain=false`, { body: input, type: "application/x-ndjson" });
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^application\/x-ndjson/);
    const out = a.text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].outcome.amount).toBe("200000.00");
    expect(out[1]).toMatchObject({ line: 2, error: { code: "malformed_json" } });
    expect(out[2]).toMatchObject({ line: 4, error: { code: "invalid_facts", issues: [{ path: "contractAmount" }] } });
    expect(out[3].outcome).toEqual(defaultEngine().evaluate(SUBSIDY, { ...LICENCE_FACTS, contractAmount: "600000" }, { on: "2025-06-01" }).outcome);
    checker.check("POST", "/v1/rules/{ruleId}/evaluate-batch", a);
  });

  it("reports the rule, the query and the content type before reading a line", async () => {
    const unknown = await call(s.base, "/v1/rules/nope%2Fnope/evaluate-batch", { body: line(LICENCE_FACTS), type: "application/x-ndjson" });
    expect(unknown.status).toBe(404);
    checker.check("POST", "/v1/rules/{ruleId}/evaluate-batch", unknown);
    const badQuery = await call(s.base, `${ENCODED}/evaluate-batch?version=x&colour=red`, { body: line(LICENCE_FACTS), type: "application/x-ndjson" });
    expect(badQuery.status).toBe(422);
    expect(badQuery.body.issues.map((i: any) => i.path)).toEqual(["version", "colour"]);
    const json = await call(s.base, `${ENCODED}/evaluate-batch`, { body: line(LICENCE_FACTS) });
    expect(json.status).toBe(415);
    checker.check("POST", "/v1/rules/{ruleId}/evaluate-batch", json);
  });

  it("bounds lines and line counts: an over-long line gets line_too_long, past the line limit one batch_too_large record ends it", async () => {
    const bounded = await start({ maxBatchLineBytes: 200, maxBatchLines: 3 });
    try {
      const input = [line(LICENCE_FACTS), `{"pad":"${"x".repeat(500)}"}`, line(LICENCE_FACTS), line(LICENCE_FACTS), line(LICENCE_FACTS)].join("\n");
      const a = await call(bounded.base, `${ENCODED}/evaluate-batch?on=2025-06-01&explain=false`, { body: input, type: "application/x-ndjson" });
      const out = a.text.trimEnd().split("\n").map((l) => JSON.parse(l));
      expect(out.map((o) => o.error?.code ?? "decision")).toEqual(["decision", "line_too_long", "decision", "batch_too_large"]);
    } finally {
      await bounded.app.close();
    }
  });

  it("streams: the first answer arrives while the request body is still open", async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${s.base}${ENCODED}/evaluate-batch?on=2025-06-01&explain=false`, { method: "POST", headers: { "content-type": "application/x-ndjson" } }, (res) => {
        res.setEncoding("utf8");
        res.once("data", (chunk: string) => {
          resolve(chunk);
          req.end(); // only now is the body finished
          res.resume();
        });
      });
      req.on("error", reject);
      req.write(`${line(LICENCE_FACTS)}\n`);
      req.flushHeaders();
    });
    expect(JSON.parse(first.split("\n")[0]!).outcome.amount).toBe("200000.00");
  });
});

describe("operations", () => {
  it("serves health, readiness and Prometheus metrics counting requests, decisions and errors", async () => {
    const health = await call(s.base, "/healthz");
    expect(health.body).toEqual({ status: "ok" });
    checker.check("GET", "/healthz", health);
    const ready = await call(s.base, "/readyz");
    expect(ready.body).toEqual({ status: "ready" });
    checker.check("GET", "/readyz", ready);
    const before = await call(s.base, "/metrics");
    const decisionsOf = (text: string) => Number(/jjj_decisions_total\{rule="sjz-2025\/absorption-subsidy"\} (\d+)/.exec(text)?.[1] ?? 0);
    const errorsOf = (text: string) => Number(/jjj_errors_total\{code="invalid_facts"\} (\d+)/.exec(text)?.[1] ?? 0);
    await post(s.base, EVALUATE, { facts: LICENCE_FACTS, on: "2025-06-01" });
    await post(s.base, EVALUATE, { facts: {}, on: "2025-06-01" });
    const after = await call(s.base, "/metrics");
    expect(after.type).toMatch(/^text\/plain/);
    expect(decisionsOf(after.text) - decisionsOf(before.text)).toBe(1);
    expect(errorsOf(after.text) - errorsOf(before.text)).toBe(1);
    expect(after.text).toMatch(/jjj_http_requests_total\{method="POST",route="\/v1\/rules\/\{ruleId\}\/evaluate",status="200"\} \d+/);
    expect(after.text).toMatch(/jjj_http_request_duration_seconds_bucket\{route="\/v1\/rules\/\{ruleId\}\/evaluate",le="\+Inf"\} \d+/);
    checker.check("GET", "/metrics", after);
  });

  it("serves the docs page and its files from the package, nothing from elsewhere", async () => {
    const page = await call(s.base, "/docs");
    expect(page.type).toMatch(/^text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(1);
    for (const src of sources) {
      expect(src.startsWith("/docs/"), src).toBe(true);
      const asset = await call(s.base, src);
      expect(asset.status, src).toBe(200);
      expect(asset.text.length, src).toBeGreaterThan(0);
    }
    expect((await call(s.base, "/docs/package.json")).status).toBe(404);
    expect((await call(s.base, "/docs/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("has CORS off by default, on for the origins asked", async () => {
    const off = await fetch(`${s.base}/healthz`, { headers: { origin: "https://portal.example" } });
    expect(off.headers.get("access-control-allow-origin")).toBeNull();
    const cors = await start({ cors: ["https://portal.example"] });
    try {
      const on = await fetch(`${cors.base}/healthz`, { headers: { origin: "https://portal.example" } });
      expect(on.headers.get("access-control-allow-origin")).toBe("https://portal.example");
      const other = await fetch(`${cors.base}/healthz`, { headers: { origin: "https://evil.example" } });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await cors.app.close();
    }
  });

  it("answers an unknown endpoint with a 404 problem and offers no way to change rules", async () => {
    for (const [method, path] of [["GET", "/v2/rules"], ["PUT", `/v1/rules/${SUBSIDY}`], ["DELETE", `/v1/rules/${SUBSIDY}`], ["POST", `/v1/rules/${SUBSIDY}`]] as const) {
      const a = await call(s.base, path, { method, ...(method !== "GET" && method !== "DELETE" && { body: "{}" }) });
      expect(a.status, `${method} ${path}`).toBe(404);
      expect(a.type).toMatch(/^application\/problem\+json/);
    }
  });

  it("checked every answer above against the OpenAPI document", () => {
    expect(checker.checked).toBeGreaterThan(30);
  });
});
