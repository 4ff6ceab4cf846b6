#!/usr/bin/env node
// npm run bench:server: load on the HTTP decision service over loopback (docs/server.md, "Load").
// The built CLI serves in a child process (`serve --port 0`, shipped rules, no decision log); autocannon
// drives it from this process with 64 connections, POST …/sjz-2025/absorption-subsidy/evaluate, no
// explanation. Phase A: valid bodies only, for BENCH_SECONDS (default 30); the server's resident memory
// is read at 5 s and at the end. Phase B: one body in ten invalid, for a third of that; every invalid
// one must get a 4xx problem document and every valid one a 200.
// Environment: BENCH_SECONDS (default 30), BENCH_CONNECTIONS (default 64). Bounded in time: each phase
// stops after its duration; the server is stopped with SIGTERM at the end.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const PATH = "/v1/rules/sjz-2025/absorption-subsidy/evaluate";
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const valid = JSON.stringify({ facts, on: "2025-06-01", explain: false });
const invalid = JSON.stringify({ facts: { ...facts, contractAmount: "3,000,000" }, on: "2025-06-01", explain: false });
const headers = { "content-type": "application/json" };

const server = spawn(process.execPath, [cli, "serve", "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
const base = await new Promise((resolve, reject) => {
  let text = "";
  server.stderr.setEncoding("utf8");
  server.stderr.on("data", (t) => {
    text += t;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
    if (m) resolve(m[1]);
  });
  server.once("exit", () => reject(new Error(`serve exited: ${text}`)));
});

/** The server's resident memory in MB, from /proc (Linux). */
function rssMb() {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

function run(options) {
  return new Promise((resolve, reject) => autocannon({ url: base, connections: CONNECTIONS, pipelining: 1, ...options }, (e, r) => (e ? reject(e) : resolve(r))));
}

// Warm-up: the first requests compile the rule's fast path and warm the JIT.
await run({ duration: 2, requests: [{ method: "POST", path: PATH, headers, body: valid }] });

let rssAt5 = NaN;
const sample = setTimeout(() => (rssAt5 = rssMb()), 5000);
const a = await run({ duration: SECONDS, requests: [{ method: "POST", path: PATH, headers, body: valid }] });
clearTimeout(sample);
const rssEnd = rssMb();

let wrong = 0;
let invalidSeen = 0;
const check = (expected) => (status, body) => {
  if (expected === 422) invalidSeen++;
  const ok = status === expected && (expected === 200 ? body.includes('"amount":"200000.00"') : body.includes('"code":"invalid_facts"'));
  if (!ok) wrong++;
};
const requests = [...Array(9).fill(null).map(() => ({ method: "POST", path: PATH, headers, body: valid, onResponse: check(200) })), { method: "POST", path: PATH, headers, body: invalid, onResponse: check(422) }];
const b = await run({ duration: Math.max(3, Math.round(SECONDS / 3)), requests });

server.kill("SIGTERM");
await new Promise((resolve) => server.once("exit", resolve));

const line = (name, r) =>
  `${name}: ${Math.round(r.requests.average)} req/s (${r.requests.total} in ${r.duration} s), latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`;
console.log(`bench:server on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${CONNECTIONS} connections, loopback, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log(line(`A valid only (${SECONDS} s)`, a));
console.log(`  server RSS ${rssAt5.toFixed(1)} MB at 5 s, ${rssEnd.toFixed(1)} MB at ${SECONDS} s (${(((rssEnd - rssAt5) / rssAt5) * 100).toFixed(1)}%)`);
console.log(line("B one in ten invalid", b));
console.log(`  invalid bodies answered: ${invalidSeen}; answers not as expected (a valid one not 200 with the amount, an invalid one not 422 invalid_facts): ${wrong}`);
process.exitCode = a.errors + a.timeouts + a.non2xx + b.errors + b.timeouts + wrong > 0 ? 1 : 0;
