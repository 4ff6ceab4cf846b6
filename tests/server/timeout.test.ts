import { connect } from "node:net";
import { expect, it } from "vitest";
import { REQUEST_TIMEOUT_MS } from "../../src/server/index.js";
import { start } from "./helpers.js";

/** Open a connection, send part of a request and never the rest; resolve with what the server sent before closing. */
function slowClient(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let got = "";
    socket.setEncoding("utf8");
    socket.on("data", (t: string) => (got += t));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
    socket.write("POST /v1/rules/sjz-2025/absorption-subsidy/evaluate HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"facts\":");
  });
}

it("a client that does not finish its request within the request time limit gets 408 and is disconnected", async () => {
  expect(REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
  const s = await start({ requestTimeout: 400 });
  try {
    // No wall-clock assertion: the connection must be closed by the server (the test's own timeout
    // fails it otherwise, at the default limit it would take 10 s and more).
    const answer = await slowClient(s.port);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  } finally {
    await s.app.close();
  }
}, 8_000);
