import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { start, type Running } from "./helpers.js";

const run = promisify(execFile);
const client = fileURLToPath(new URL("./client.py", import.meta.url));
let s: Running;

beforeAll(async () => {
  s = await start();
});
afterAll(async () => {
  await s.app.close();
});

it("the Python client of docs/server.md (standard library only) gets 200000.00 for the Tianjin licence", async () => {
  const { stdout } = await run("python3", [client, s.base], { timeout: 30_000 });
  const [amount, problem] = stdout.trimEnd().split("\n");
  expect(amount).toBe("200000.00");
  // The problem document's issues, read by the client: the path and what was received.
  expect(problem).toMatch(/^422 invalid_facts: contractAmount: expected .*received "3,000,000"/);
}, 40_000);

it("docs/server.md shows that client as it is", () => {
  const doc = readFileSync(fileURLToPath(new URL("../../docs/server.md", import.meta.url)), "utf8");
  expect(doc).toContain("```python\n" + readFileSync(client, "utf8") + "```");
});
