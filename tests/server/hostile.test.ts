import { afterAll, beforeAll, expect, it } from "vitest";
import { call, start, LICENCE_FACTS, SUBSIDY, type Running } from "./helpers.js";

let s: Running;
beforeAll(async () => {
  s = await start();
});
afterAll(async () => {
  await s.app.close();
});

const EVALUATE = `/v1/rules/${SUBSIDY}/evaluate`;

it.each([
  ["facts nested 400,000 deep", `{"facts":${"[".repeat(400_000)}${"]".repeat(400_000)}}`, 422],
  ["a fact nested 300,000 deep", `{"facts":{"contractAmount":${"[".repeat(300_000)}${"]".repeat(300_000)}}}`, 422],
  ["a constructor key over 100,000 nested objects", `{"constructor":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)},"facts":{}}`, 422],
  ["a __proto__ key", `{"facts":${JSON.stringify(LICENCE_FACTS)},"__proto__":{"polluted":true}}`, 400],
  ["a number of 100,000 digits", `{"facts":{"contractAmount":${"9".repeat(100_000)}}}`, 422],
])("%s: a problem document, and the service goes on", async (_name, body, status) => {
  const a = await call(s.base, EVALUATE, { body });
  expect(a.status).toBe(status);
  expect(a.type).toMatch(/^application\/problem\+json/);
  expect(a.text).not.toMatch(/\bat .*\.(js|ts):\d+/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((await call(s.base, "/healthz")).status).toBe(200);
}, 20_000);
