import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, beforeAll } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A temporary folder holding the engine (src/index.ts) bundled as one ES module, for a child process. */
export interface EngineBundle {
  /** The folder (removed after the file's tests): children may write their inputs here. */
  readonly dir: string;
  /** The bundled engine, `engine.mjs` in {@link dir}: pass it to the child, which imports it. */
  readonly file: string;
}

/**
 * Bundle the engine before the tests of the calling file (or describe block) and remove it after, for
 * hostile reproductions run in a child process with a small heap and a timeout, so that a regression
 * fails the test instead of exhausting the test runner. The fields are set once `beforeAll` has run.
 */
export function useEngineBundle(prefix: string): EngineBundle {
  const state = { dir: "", file: "" };
  beforeAll(() => {
    state.dir = mkdtempSync(join(tmpdir(), prefix));
    state.file = join(state.dir, "engine.mjs");
    buildSync({ entryPoints: [join(root, "src/index.ts")], bundle: true, platform: "node", format: "esm", outfile: state.file, logLevel: "error" });
  });
  afterAll(() => {
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
