import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLI } from "../hostile/spawn-cli.js";
import { runCli } from "../helpers/cli.js";
import { LICENCE_FACTS, SUBSIDY } from "./helpers.js";

it("serve --help explains the options; bad arguments exit 2 with a message", async () => {
  const help = await runCli(["serve", "--help"]);
  expect(help.code).toBe(0);
  for (const option of ["--port", "--host", "--rules", "--decision-log", "--cors", "--max-body-bytes", "--request-timeout-ms"]) expect(help.stdout).toContain(option);
  const bad = await runCli(["serve", "--port", "http"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--port must be a whole number.*须为整数/);
  const far = await runCli(["serve", "--port", "70000"]);
  expect(far.code).toBe(2);
});

it("the built CLI serves on 127.0.0.1 and, on SIGTERM, lets a request in flight finish, flushes the log and exits 0", async () => {
  expect(existsSync(CLI), "npm run build first").toBe(true);
  const log = join(mkdtempSync(join(tmpdir(), "jjj-serve-")), "decisions.jsonl");
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--decision-log", log], { stdio: ["ignore", "pipe", "pipe"] });
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000); // a hang fails the test rather than blocking it
  let stderr = "";
  child.stderr.setEncoding("utf8");
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (t: string) => {
      stderr += t;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once("exit", () => reject(new Error(`serve exited: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  // A batch in flight: one line sent and answered, the body still open when SIGTERM arrives.
  const line = `${JSON.stringify(LICENCE_FACTS)}\n`;
  let answer = "";
  const done = new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${base}/v1/rules/${SUBSIDY}/evaluate-batch?on=2025-06-01&explain=false`, { method: "POST", headers: { "content-type": "application/x-ndjson" } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (t: string) => {
        if (answer === "") {
          child.kill("SIGTERM");
          setTimeout(() => req.end(line), 300); // the rest of the body comes after the signal
        }
        answer += t;
      });
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.write(line);
    req.flushHeaders();
  });
  expect(await done).toBe(200);
  expect(answer.trimEnd().split("\n").map((l) => JSON.parse(l).outcome.amount)).toEqual(["200000.00", "200000.00"]);
  expect(await exited).toBe(0);
  clearTimeout(killer);
  expect(stderr).toMatch(/SIGTERM: finishing the requests in flight/);
  expect(readFileSync(log, "utf8").trimEnd().split("\n")).toHaveLength(2);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // nothing listens any more
}, 40_000);
