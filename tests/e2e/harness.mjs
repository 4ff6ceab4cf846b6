// What every e2e test of the page needs (the calculator, the page, the ranked match): where the built site
// is, a static file server for it on 127.0.0.1, Debian's Chromium launched headless with a fresh profile,
// and the rule for which requests count as local. One place, so that the three suites launch and serve alike.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** The built page; E2E_SITE_DIR: another build of it (e.g. of an older commit, to see a test fail there). */
export const site = process.env.E2E_SITE_DIR ? resolve(process.env.E2E_SITE_DIR) : join(root, "docs", "site");
/** Screenshots and traces the suites leave for a human to look at. */
export const artifacts = join(root, "artifacts");
export const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml" };

/** A static file server for `dir` on 127.0.0.1 and a free port; nothing outside `dir` is served. */
export function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/** Whether a URL stays on this machine: the local server, the file system, or inline data. */
export function isLocal(url) {
  const u = new URL(url);
  if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:" || u.protocol === "file:") return true;
  return (u.protocol === "http:" || u.protocol === "https:") && (u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]");
}

/** Chromium, headless; launch() gives it a new, empty profile of its own (removed on close). */
export function launchBrowser() {
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * The built site served and a browser launched: `{ base, browser, close }`. Fails with what to run when the
 * site is not built or Chromium is missing.
 */
export async function startSite() {
  assert.ok(existsSync(join(site, "index.html")) && existsSync(join(site, "app.js")), "docs/site/ is not built: run `npm run site` first");
  mkdirSync(artifacts, { recursive: true });
  const browser = await launchBrowser();
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}`;
  const close = async () => {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  };
  return { base, browser, close };
}
