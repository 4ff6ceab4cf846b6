/*
 * GET /docs: Swagger UI over /openapi.json, its files read from the swagger-ui-dist package on this
 * machine (no CDN, no network), each read once and kept.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The files of the page: name under /docs/ → media type. Nothing else of the package is served. */
export const DOCS_ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "init.js": "text/javascript; charset=utf-8",
};

/** The page itself: no inline script, so a strict Content-Security-Policy can serve it. */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>jjj-policy-rules decision service</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body>
</html>
`;

const INIT_JS = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });\n`;

const cache = new Map<string, Buffer | string>();

/**
 * The content of one asset of the page, or undefined for a name that is not one.
 *
 * @example
 * docsAsset("init.js")?.toString().includes("/openapi.json") //=> true
 */
export function docsAsset(name: string): Buffer | string | undefined {
  if (!Object.prototype.hasOwnProperty.call(DOCS_ASSETS, name)) return undefined;
  if (name === "init.js") return INIT_JS;
  let content = cache.get(name);
  if (content === undefined) {
    const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    content = readFileSync(join(dir, name));
    cache.set(name, content);
  }
  return content;
}
