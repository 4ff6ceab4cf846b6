import { defineConfig } from "tsup";

// One config, so the entries never race on `clean`. `testing` is the `jjj-policy-rules/testing` entry.
export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts", cli: "src/cli/bin.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", testing: "src/testing/index.ts" } },
  shims: true,
  clean: true,
  sourcemap: true,
  // The maps give file and line numbers without embedding the sources again: the bundled rules alone
  // would add a megabyte to every map.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  target: "node20",
});
