#!/usr/bin/env node
// Builds the policy calculator page into docs/site/: site/app.ts bundled with esbuild (it imports the
// library's core entry, src/index.ts, which carries the rules), plus site/index.html and site/style.css.
// The output is a plain static folder: open docs/site/index.html as a file or serve it with any server.
// Run `npm run site` (it regenerates src/generated/rules.ts from rules/ first).
// Usage: node scripts/build-site.mjs [--out <dir>] [--no-minify]
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const { values: args } = parseArgs({ options: { out: { type: "string" }, "no-minify": { type: "boolean" } } });
const out = resolve(root, args.out ?? "docs/site");
const minify = !args["no-minify"];

// Hypothetical rule sets shown by the versions view, clearly labelled: test fixtures, not enacted texts.
const HYPOTHETICAL = ["amendment"];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function fixtureSources(name) {
  const dir = join(root, "tests", "fixtures", name, "rules");
  if (!existsSync(dir)) {
    console.warn(`build-site: no tests/fixtures/${name}/rules; the versions view will not offer it`);
    return undefined;
  }
  const sources = walk(dir)
    .map((f) => relative(dir, f).split(sep).join("/"))
    .filter((p) => /^[^/]+\/(document|inputs)\.json$/.test(p) || /^[^/]+\/[^/]+\/v\d+\.json$/.test(p))
    .map((p) => ({ path: p, json: JSON.parse(readFileSync(join(dir, p), "utf8")) }));
  return { name, sources };
}

const fixturesPlugin = {
  name: "site-fixtures",
  setup(b) {
    b.onResolve({ filter: /^virtual:site-fixtures$/ }, () => ({ path: "site-fixtures", namespace: "site-fixtures" }));
    b.onLoad({ filter: /.*/, namespace: "site-fixtures" }, () => {
      const fixtures = HYPOTHETICAL.map(fixtureSources).filter(Boolean);
      return {
        contents: `export const HYPOTHETICAL_FIXTURES = ${JSON.stringify(fixtures)};`,
        loader: "js",
        watchFiles: fixtures.flatMap((f) => f.sources.map((s) => join(root, "tests", "fixtures", f.name, "rules", s.path))),
      };
    });
  },
};

// Guard against cleaning anything but a folder of generated output.
if (out === root || !out.startsWith(root + sep) || out.startsWith(join(root, "src")) || out.startsWith(join(root, "site"))) {
  console.error(`build-site: refusing to write into ${out}`);
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(root, "site", "app.ts")],
  bundle: true,
  // A classic script, not a module: module scripts are refused on file:// pages.
  format: "iife",
  platform: "browser",
  target: ["es2022", "chrome100", "firefox100", "safari15.4"],
  charset: "utf8",
  minify,
  legalComments: "none",
  outfile: join(out, "app.js"),
  metafile: true,
  logLevel: "warning",
  plugins: [fixturesPlugin],
});

const nodeImports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((x) => x.path.startsWith("node:")));
if (nodeImports.length > 0) {
  console.error(`build-site: the page bundle imports Node modules: ${nodeImports.map((x) => x.path).join(", ")}`);
  process.exit(1);
}

for (const file of ["index.html", "style.css"]) copyFileSync(join(root, "site", file), join(out, file));

const inputs = Object.keys(result.metafile.inputs);
const fromSrc = inputs.filter((p) => p.startsWith("src/")).length;
console.log(`built ${relative(root, out)}/ from site/app.ts (${inputs.length} modules, ${fromSrc} from src/):`);
for (const file of readdirSync(out).sort()) console.log(`  ${file.padEnd(12)} ${(statSync(join(out, file)).size / 1024).toFixed(1)} kB`);
console.log(`open ${relative(process.cwd(), join(out, "index.html")) || "index.html"} in a browser, or serve the folder with any static server`);
