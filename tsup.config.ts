import { build, defineConfig, type Options } from "tsup";

// One config, so the entries never race on `clean`. `testing` is the `jjj-policy-rules/testing` entry,
// `analysis` the `jjj-policy-rules/analysis` entry (the exact analysis, kept out of the core entry);
// `server` the `jjj-policy-rules/server` entry (the HTTP service; fastify stays an external dependency);
// `engine` the `jjj-policy-rules/engine` entry (the engine with no rules and no zod), `schema` the
// `jjj-policy-rules/schema` entry (the zod schemas). The rule modules (`jjj-policy-rules/rules/*`) are plain
// data written into dist/rules/ after tsup by scripts/build-rule-modules.mjs. `verify` the
// `jjj-policy-rules/verify` entry (proofs with z3-solver, an external dependency loaded on first use).
// `chart` the `jjj-policy-rules/chart` entry (SVG charts of the exact curves; no chart library).
// `sql` the `jjj-policy-rules/sql` entry (rules compiled to SQL; @duckdb/node-api loaded on first run).
/**
 * The CLI (`dist/cli.js`, the package's `bin`), built after the library entries (so their `clean` never
 * races with it) as a program of its own: its chunks are `dist/cli-chunk-*.js` (at dist/'s level, where
 * `../rule-details.json` is the package root's file), each command a chunk imported when it runs
 * (src/cli/commands/index.ts), and date-fns bundled in (tree-shaken): importing the `date-fns` package
 * resolves and reads its ~250 modules, a third of a single `eval`'s start on this machine (issue #20,
 * docs/performance.md).
 */
const cli: Options = {
  entry: { cli: "src/cli/bin.ts" },
  format: ["esm", "cjs"],
  shims: true,
  clean: false,
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
    options.chunkNames = "cli-[name]-[hash]";
  },
  target: "node20",
  noExternal: ["zod", "date-fns", "@date-fns/utc", "@noble/hashes"],
  config: false,
};

export default defineConfig({
  entry: {
    index: "src/index.ts",
    engine: "src/engine-entry.ts",
    schema: "src/schema-entry.ts",
    testing: "src/testing/index.ts",
    analysis: "src/analysis/index.ts",
    chart: "src/chart/index.ts",
    sql: "src/sql/index.ts",
    verify: "src/verify/index.ts",
    server: "src/server/index.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/index.ts",
      engine: "src/engine-entry.ts",
      schema: "src/schema-entry.ts",
      testing: "src/testing/index.ts",
      analysis: "src/analysis/index.ts",
    chart: "src/chart/index.ts",
      sql: "src/sql/index.ts",
      verify: "src/verify/index.ts",
      server: "src/server/index.ts",
    },
  },
  shims: true,
  clean: true,
  sourcemap: true,
  // The maps give file and line numbers without embedding the sources again: the bundled rules alone
  // would add a megabyte to every map.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  target: "node20",
  // zod is compiled into dist/: importing it as a package costs ~50 ms (it is a graph of ~100 modules),
  // bundled ~25 ms, which keeps "import + load every rule" under 100 ms. It stays a dependency, for the
  // types in the .d.ts files; no zod object crosses the API except the exported schemas.
  // date-fns, @date-fns/utc and @noble/hashes likewise (tree-shaken: three date functions, SHA-256): as
  // packages they were 12 modules to resolve and read at every import (issue #20); they stay dependencies.
  noExternal: ["zod", "date-fns", "@date-fns/utc", "@noble/hashes"],
  async onSuccess() {
    await build(cli);
  },
});
