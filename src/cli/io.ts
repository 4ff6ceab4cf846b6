import type { Engine } from "../api.js";

/** What a CLI command may touch: streams, files and the engine. Tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  /**
   * Write bytes (UTF-8 text) on stdout, where the I/O can: the batches (JSON Lines, DuckDB) write their
   * output this way; returns false when the stream is full (wait for drain). Absent (tests), the batch
   * writes the same text through {@link stdout}. The bytes are the function's only until it returns (the
   * batch writes over them once stdout holds nothing): keep a copy, or write them.
   */
  stdoutBytes?: (bytes: Uint8Array) => boolean;
  stderr: (text: string) => void;
  /** Read a file, or stdin when the path is `-`, refusing more than `maxBytes` (`--max-input-bytes`). */
  readText: (path: string, maxBytes?: number) => Promise<string>;
  /** The engine: the bundled rules, or those of `--rules <dir>` (rule files of at most `maxFileBytes`). */
  engine: (rulesDir?: string, options?: { maxFileBytes?: number }) => Engine;
  /** The environment, for the default of `--lang` (`LANG`, `LC_ALL`); absent in tests means English. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A usage error: the message is printed with a pointer to `--help`, and the exit code is 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** One CLI command. */
export interface Command {
  /** One line for the command list in `--help`. */
  summary: string;
  /** The full help text of the command. */
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}
