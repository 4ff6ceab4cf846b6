/*
 * The OpenAPI 3.1 document of the service, generated from the rule set and from the value-type modules
 * the engine checks facts with (each module's factsJsonSchema and outcomeJsonSchema): one request schema
 * per rule (its facts, per version where versions differ), one decision schema per rule (its outcome),
 * the generic decision, and the problem document.
 */
import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { RuleKindSchema } from "../schema/rule-file.js";
import { valueType } from "../types/index.js";
import type { JsonSchema } from "../types/value-type.js";
import { ENGINE_ID } from "../version.js";

/** The schema name of a rule (`sjz-2025/absorption-subsidy` → `sjz-2025.absorption-subsidy`): names allow no "/". */
export function schemaName(ruleId: string): string {
  return ruleId.replace(/[^A-Za-z0-9._-]/g, ".");
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const localized = { type: "object", required: ["zh", "en"], properties: { zh: { type: "string" }, en: { type: "string" } } };
const outcomeValue = { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "null" }, { type: "array", items: { type: "string" } }] };

/** The facts of one version: every declared input, typed by its value-type module; strict, as the engine is. */
function factsSchema(v: LoadedRuleVersion): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(v.file.inputs)) {
    properties[name] = { ...valueType(spec.type).factsJsonSchema(spec), title: spec.label.en };
    if (spec.default === undefined) required.push(name);
  }
  return { type: "object", properties, required, additionalProperties: false };
}

/** The outcome of one version: each field typed, null allowed (a field's logic may give null). */
function outcomeSchema(v: LoadedRuleVersion): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, spec] of Object.entries(v.file.outcome)) {
    properties[name] = { anyOf: [valueType(spec.type).outcomeJsonSchema, { type: "null" }], title: spec.label.en };
  }
  // When no version is in force, the engine adds `granted: false` (engine/not-in-force.ts).
  properties.granted = { const: false, description: "present, and false, only when no version is in force on the date" };
  return { type: "object", properties, additionalProperties: false };
}

/** One schema for all versions when they agree, otherwise anyOf the distinct ones. */
function acrossVersions(versions: readonly LoadedRuleVersion[], of: (v: LoadedRuleVersion) => JsonSchema): JsonSchema {
  const distinct = new Map<string, JsonSchema>();
  for (const v of versions) {
    const s = of(v);
    distinct.set(JSON.stringify(s), s);
  }
  const all = [...distinct.values()];
  return all.length === 1 ? all[0]! : { anyOf: all };
}

const problemSchema = {
  type: "object",
  description: "An RFC 9457 problem document. `issues` lists every problem, as InvalidFactsError does.",
  required: ["type", "title", "status", "detail", "code", "issues"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string" },
    issues: { type: "array", items: ref("Issue") },
    suggestions: { type: "array", items: { type: "string" } },
  },
};

const issueSchema = {
  type: "object",
  required: ["code", "path", "message"],
  properties: { code: { type: "string" }, path: { type: "string" }, message: { type: "string" }, expected: { type: "string" }, received: { type: "string" } },
};

const decisionSchema = {
  type: "object",
  required: ["ruleId", "version", "on", "kind", "title", "inForce", "applicable", "outcome", "conditions", "parameters", "explanation", "source", "responsibleUnits", "validity", "provenance"],
  properties: {
    ruleId: { type: "string" },
    version: { type: "integer" },
    on: { type: "string", format: "date" },
    kind: { type: "string", enum: RuleKindSchema.options },
    title: localized,
    inForce: { type: "boolean" },
    applicable: { type: "boolean" },
    outcome: { type: "object", additionalProperties: outcomeValue },
    conditions: { type: "array", items: { type: "object", required: ["id", "label", "holds"], properties: { id: { type: "string" }, label: localized, holds: { type: "boolean" } } } },
    parameters: { type: "object", additionalProperties: outcomeValue },
    explanation: { type: "array", items: localized },
    source: { type: "object", required: ["document", "clause", "quote"], properties: { document: { type: "string" }, clause: { type: "string" }, quote: { type: "string" } } },
    responsibleUnits: { type: "array", items: localized },
    validity: { type: "object", required: ["from", "to"], properties: { from: { type: "string" }, to: { type: ["string", "null"] } } },
    provenance: {
      type: "object",
      required: ["ruleId", "version", "on", "ruleHash", "ruleSetHash", "engine"],
      properties: {
        ruleId: { type: "string" },
        version: { type: "integer" },
        on: { type: "string" },
        ruleHash: { type: "string" },
        ruleSetHash: { type: "string" },
        overrides: { type: "object", additionalProperties: outcomeValue },
        engine: { type: "string" },
      },
    },
  },
};

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: STATUS_WORDS[s], content: { "application/problem+json": { schema: ref("Problem") } } }]));
const STATUS_WORDS: Record<number, string> = {
  400: "malformed JSON, query or path / JSON、查询参数或路径格式错误",
  404: "unknown rule (with suggestions) / 未知规则",
  413: "body over the body limit / 请求体过大",
  415: "not application/json / 内容类型不支持",
  422: "invalid facts, options or parameters; every issue listed / 事实或选项无效",
  500: "the rule could not be evaluated for these facts / 规则无法求值",
};
const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema } } });
const ruleIdParam = {
  name: "ruleId",
  in: "path",
  required: true,
  description: 'A rule id, its "/" sent as is or as %2F: sjz-2025/absorption-subsidy or sjz-2025%2Fabsorption-subsidy',
  schema: { type: "string" },
};

/**
 * The OpenAPI 3.1 document of a service over a rule set.
 *
 * @example
 * openApiDocument(defaultEngine().ruleSet).paths["/v1/rules/sjz-2025/absorption-subsidy/evaluate"].post.requestBody
 */
export function openApiDocument(set: RuleSet): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Problem: problemSchema, Issue: issueSchema, Decision: decisionSchema, LocalizedText: localized };
  const paths: Record<string, unknown> = {};
  const ruleSummary = {
    type: "object",
    required: ["id", "version", "kind", "document", "clause", "title", "validFrom", "validTo", "hash"],
    properties: {
      id: { type: "string" }, version: { type: "integer" }, kind: { type: "string" }, document: { type: "string" }, clause: { type: "string" },
      title: localized, validFrom: { type: "string" }, validTo: { type: ["string", "null"] }, hash: { type: "string" },
    },
  };
  schemas.RuleSummary = ruleSummary;
  paths["/v1/rules"] = {
    get: {
      operationId: "listRules",
      summary: "List rule versions: with `on`, those in force then; otherwise every version",
      parameters: [
        { name: "on", in: "query", schema: { type: "string", format: "date" } },
        { name: "document", in: "query", schema: { type: "string" } },
        { name: "kind", in: "query", schema: { type: "string", enum: RuleKindSchema.options } },
      ],
      responses: {
        "200": json({ type: "object", required: ["on", "count", "rules"], properties: { on: { type: ["string", "null"] }, count: { type: "integer" }, rules: { type: "array", items: ref("RuleSummary") } } }, "the rule versions"),
        ...problems(400),
      },
    },
  };
  paths["/v1/rules/{ruleId}"] = {
    get: {
      operationId: "getRule",
      summary: "One rule with every version: validity, hash and the rule file",
      parameters: [ruleIdParam],
      responses: {
        "200": json({ type: "object", required: ["id", "versions"], properties: { id: { type: "string" }, versions: { type: "array", items: { allOf: [ref("RuleSummary"), { type: "object", required: ["file"], properties: { file: { type: "object" } } }] } } } }, "the rule"),
        ...problems(400, 404),
      },
    },
  };
  paths["/v1/rules/{ruleId}/evaluate-batch"] = {
    post: {
      operationId: "evaluateBatch",
      summary: "Evaluate one rule for many subjects: NDJSON facts in, one decision or error record per line out, streamed",
      parameters: [
        ruleIdParam,
        { name: "on", in: "query", schema: { type: "string", format: "date" } },
        { name: "version", in: "query", schema: { type: "integer" } },
        { name: "explain", in: "query", schema: { type: "boolean" } },
      ],
      requestBody: { required: true, content: { "application/x-ndjson": { schema: { type: "string", description: "one facts object per line" } } } },
      responses: {
        "200": { description: "one decision or {line, error} record per input line, in order", content: { "application/x-ndjson": { schema: { type: "string" } } } },
        ...problems(404, 415, 422),
      },
    },
  };
  for (const id of set.ruleIds()) {
    const versions = set.versions(id);
    const name = schemaName(id);
    const latest = versions[versions.length - 1]!.file;
    schemas[`Facts.${name}`] = acrossVersions(versions, factsSchema);
    schemas[`Outcome.${name}`] = acrossVersions(versions, outcomeSchema);
    schemas[`EvaluateRequest.${name}`] = {
      type: "object",
      required: ["facts"],
      additionalProperties: false,
      properties: {
        facts: ref(`Facts.${name}`),
        on: { type: "string", format: "date", description: "the event date (default: today in Asia/Shanghai)" },
        version: { type: "integer", enum: versions.map((v) => v.file.version) },
        parameters: { type: "object", description: "what-if overrides of the rule's parameters", properties: Object.fromEntries(Object.keys(latest.parameters).map((p) => [p, outcomeValue])) },
        explain: { type: "boolean", default: true },
      },
    };
    schemas[`Decision.${name}`] = { allOf: [ref("Decision"), { type: "object", properties: { outcome: ref(`Outcome.${name}`) } }] };
    paths[`/v1/rules/${id}/evaluate`] = {
      post: {
        operationId: `evaluate.${name}`,
        summary: `${latest.title.en} / ${latest.title.zh}`,
        tags: [latest.document],
        requestBody: { required: true, content: { "application/json": { schema: ref(`EvaluateRequest.${name}`) } } },
        responses: { "200": json(ref(`Decision.${name}`), "the decision (eligible or not)"), ...problems(400, 404, 413, 415, 422, 500) },
      },
    };
  }
  paths["/v1/documents"] = {
    get: { operationId: "listDocuments", summary: "The policy documents", responses: { "200": json({ type: "object", required: ["documents"], properties: { documents: { type: "array", items: { type: "object" } } } }, "the documents") } },
  };
  paths["/v1/match"] = {
    post: {
      operationId: "match",
      summary: "Every measure in force that concerns a subject profile, with outcomes where its facts decide them",
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["profile"], additionalProperties: false, properties: { profile: { type: "object" }, on: { type: "string", format: "date" } } } } } },
      responses: { "200": json({ type: "object", required: ["on", "measures"], properties: { on: { type: "string" }, measures: { type: "array" } } }, "the match result"), ...problems(400, 413, 415, 422) },
    },
  };
  paths["/v1/diff"] = {
    post: {
      operationId: "diff",
      summary: "Compare two versions of rules of this service: parameters, validity, logic and the cases that change",
      requestBody: {
        required: true,
        content: { "application/json": { schema: { type: "object", required: ["from", "to"], additionalProperties: false, properties: { from: { type: "string", examples: ["sjz-2025/absorption-subsidy@1"] }, to: { type: "string" }, behaviour: { type: "boolean", default: true } } } } },
      },
      responses: { "200": json({ type: "object" }, "the diff"), ...problems(400, 404, 413, 415, 422) },
    },
  };
  const status = json({ type: "object", required: ["status"], properties: { status: { type: "string" } } }, "status");
  paths["/healthz"] = { get: { operationId: "health", summary: "The process is up", responses: { "200": status } } };
  paths["/readyz"] = { get: { operationId: "ready", summary: "Rules loaded and not shutting down", responses: { "200": status, "503": { description: "shutting down", content: { "application/problem+json": { schema: ref("Problem") } } } } } };
  paths["/metrics"] = { get: { operationId: "metrics", summary: "Prometheus metrics", responses: { "200": { description: "text exposition format", content: { "text/plain": { schema: { type: "string" } } } } } } };
  return {
    openapi: "3.1.0",
    info: {
      title: "jjj-policy-rules decision service",
      version: ENGINE_ID.slice(ENGINE_ID.lastIndexOf("@") + 1),
      description: `Technology-transfer policies of Shijiazhuang, Handan and Beijing–Tianjin–Hebei as exact, explained decisions (${ENGINE_ID}; rule set ${set.hash}). Money is yuan as decimal strings.`,
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: { schemas },
  };
}
