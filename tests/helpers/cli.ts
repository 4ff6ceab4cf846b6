import { defaultEngine, type Engine } from "../../src/api.js";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

/** What a CLI run printed and the exit code it ended with. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI in process on the shipped rules (or the engine given), with files served from memory: a record of path → text
 * (a path not in it is an unreadable file), or a function answering every path; `env` is the environment
 * the CLI sees (for `--lang`'s default), none by default.
 */
export function runCli(
  argv: string[],
  files: Record<string, string> | ((path: string) => string) = {},
  engine: () => Engine = defaultEngine,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readText: async (p) => {
      if (typeof files === "function") return files(p);
      if (!Object.prototype.hasOwnProperty.call(files, p)) throw new Error(`no file ${p}`);
      return files[p]!;
    },
    engine: (dir) => {
      if (dir !== undefined) throw new Error("runCli serves only its own engine; run the built CLI for --rules");
      return engine();
    },
    ...(env && { env }),
  };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}
