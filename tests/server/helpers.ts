import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { createServer, type ServerOptions } from "../../src/server/index.js";

/** A service listening on 127.0.0.1 on a free port, and its base URL. */
export interface Running {
  app: FastifyInstance;
  base: string;
  port: number;
}

/** Start a service on 127.0.0.1, port 0 (a free one). The test stops it with `app.close()`. */
export async function start(options: ServerOptions = {}): Promise<Running> {
  const app = createServer(options);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  return { app, base: `http://127.0.0.1:${port}`, port };
}

/** One answer over real HTTP: status, media type, the text and the JSON when it is JSON. */
export interface Answer {
  status: number;
  type: string;
  text: string;
  body: any;
  headers: Headers;
}

/** A request over real HTTP (fetch, so a new connection pool per call is not needed). */
export async function call(base: string, path: string, init: { method?: string; body?: string; type?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.type !== null && init.body !== undefined) headers["content-type"] = init.type ?? "application/json";
  const res = await fetch(base + path, { method: init.method ?? (init.body !== undefined ? "POST" : "GET"), headers, ...(init.body !== undefined && { body: init.body }) });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  let body: unknown;
  if (/json/.test(type) && !/ndjson/.test(type)) body = JSON.parse(text);
  return { status: res.status, type, text, body, headers: res.headers };
}

/** POST a JSON value. */
export function post(base: string, path: string, value: unknown): Promise<Answer> {
  return call(base, path, { body: JSON.stringify(value) });
}

/**
 * Checks answers against an OpenAPI document: the schema of the operation's response for the status and
 * media type, compiled with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 */
export class ResponseChecker {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #doc: any;
  checked = 0;
  constructor(doc: any) {
    addFormats.default(this.#ajv);
    this.#doc = doc;
    this.#ajv.addSchema({ ...doc, $id: "https://openapi.test/doc.json" });
  }
  /** Assert that an answer to `method path` (an OpenAPI path key) fits the document. */
  check(method: string, pathKey: string, answer: Answer): void {
    const op = this.#doc.paths[pathKey]?.[method.toLowerCase()];
    expect(op, `${method} ${pathKey} in the OpenAPI document`).toBeDefined();
    const response = op.responses[String(answer.status)];
    expect(response, `${method} ${pathKey} documents status ${answer.status}`).toBeDefined();
    const mediaType = answer.type.split(";")[0]!.trim();
    const content = response.content?.[mediaType];
    expect(content, `${method} ${pathKey} ${answer.status} documents ${mediaType}`).toBeDefined();
    if (mediaType === "application/x-ndjson" || mediaType.startsWith("text/")) {
      expect(typeof answer.text).toBe("string");
    } else {
      const pointer = `#/paths/${pathKey.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/responses/${answer.status}/content/${mediaType.replace(/\//g, "~1")}/schema`;
      const validate = this.#ajv.getSchema(`https://openapi.test/doc.json${pointer}`) ?? this.#ajv.compile({ $ref: `https://openapi.test/doc.json${pointer}` });
      const ok = validate(answer.body);
      expect(ok, `${method} ${pathKey} ${answer.status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    this.checked++;
  }
}

export const SUBSIDY = "sjz-2025/absorption-subsidy";
export const LICENCE_FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;
