import { defineConfig } from "tsup";

// One config, so the two entries never race on `clean`.
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli/bin.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  shims: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
