// Mutation testing (issue #13): `npm run test:mutation`. Not part of `npm test` nor of `.ci/run`: it is slow
// and its score is a guide for writing tests, not a gate. See docs/testing.md, "Mutation testing".
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  // The modules issue #13 names: operations, value types, the logic tree, the loader and the validators,
  // and the first set of pure modules. A full run is long; `npx stryker run --mutate "src/ops/**/*.ts"`
  // runs one group.
  mutate: [
    "src/ops/**/*.ts",
    "src/types/**/*.ts",
    "src/logic/**/*.ts",
    "src/logic/check.ts",
    "src/engine/facts.ts",
    "src/catalog/load.ts",
    "src/catalog/extends.ts",
    "src/catalog/shared-inputs.ts",
    "src/exact/decimal.ts",
    "src/engine/version-choice.ts",
    "src/engine/parameters.ts",
    "src/catalog/parse-json.ts",
    "src/format/values.ts",
    "src/exact/limits.ts",
  ],
  testRunner: "vitest",
  vitest: {
    // Only the in-process tests that reach these modules (see the comment in that file).
    configFile: "vitest.mutation.config.ts",
  },
  // Run, for each mutant, only the tests that executed its code.
  coverageAnalysis: "perTest",
  // A static mutant (code run only when a module is imported: descriptor literals, the arguments of a
  // descriptor factory) would need the whole suite in a fresh module graph for each mutant (about a minute
  // each here); they are reported as Ignored and left out of the score. A test that imports src/ inside a
  // test body makes them "hybrid" instead, run against that test only with the mutant switched on after
  // the import: false survivors (vitest.mutation.config.ts leaves such a test out; docs/testing.md).
  ignoreStatic: true,
  // The machine has 2 cores, often shared with a CI run: one or two test processes, and a tolerant timeout.
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 3,
  reporters: ["clear-text", "html", "progress"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
