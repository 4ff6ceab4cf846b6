import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { UsageError } from "./io.js";
import { formatBytes, printable } from "./limits.js";

/*
 * Reading with a byte counter: every read stops as soon as the limit is passed, so a hostile input
 * (`cat /dev/zero | …`, a 5 GB file, a FIFO) costs at most the limit plus one chunk of memory.
 */

/** What a limit is called and how to raise it, for the error when an input passes it. */
export interface ByteLimit {
  /** The largest number of bytes accepted. */
  max: number;
  /** The option that raises it, e.g. `--max-input-bytes`. */
  option: string;
}

/**
 * The bilingual message for an input larger than its limit; without `what`, it starts with "is larger".
 *
 * @example
 * tooLargeMessage("stdin", { max: 10, option: "--max-input-bytes" }); // "stdin is larger than 10 bytes (the --max-input-bytes limit); …"
 */
export function tooLargeMessage(what: string | undefined, limit: ByteLimit): string {
  const subject = what === undefined ? "" : `${printable(what)} `;
  return (
    `${subject}is larger than ${formatBytes(limit.max)} (the ${limit.option} limit); raise it with ${limit.option} <bytes> if the input is genuine` +
    ` / ${subject}超过 ${formatBytes(limit.max)} 上限（${limit.option}），如确需读取请用 ${limit.option} <字节数> 调高`
  );
}

/**
 * Read a file, or stdin when `path` is `-`, as UTF-8 text, stopping with a {@link UsageError} as soon as
 * more than `limit.max` bytes have come. A FIFO or `/dev/stdin` is read like stdin (it is what
 * `--facts <(command)` gives); a device such as `/dev/zero` stops at the limit.
 *
 * @example
 * const text = await readTextBounded("facts.json", { max: MAX_INPUT_BYTES, option: "--max-input-bytes" });
 */
export async function readTextBounded(path: string, limit: ByteLimit, stdin?: AsyncIterable<unknown>): Promise<string> {
  const what = path === "-" ? "stdin" : path;
  const chunks: Buffer[] = [];
  let total = 0;
  const add = (chunk: Buffer) => {
    total += chunk.length;
    if (total > limit.max) throw new UsageError(tooLargeMessage(what, limit));
    chunks.push(chunk);
  };
  if (path === "-") {
    // Leaving the loop by the throw ends the iteration, which stops reading stdin.
    // process.stdin is read only here: its getter makes the stream (a pipe or a TTY), ~10 ms of every start.
    for await (const chunk of stdin ?? process.stdin) add(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  } else {
    let handle;
    try {
      handle = await open(path, "r");
    } catch (error) {
      throw new UsageError(`cannot read ${printable(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} / 无法读取 ${printable(path)}`);
    }
    try {
      if ((await handle.stat()).isDirectory()) throw new UsageError(`cannot read ${printable(path)}: it is a folder / 无法读取 ${printable(path)}：这是文件夹`);
      const buffer = Buffer.alloc(1 << 16);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        add(Buffer.from(buffer.subarray(0, bytesRead)));
      }
    } finally {
      await handle.close().catch(() => {});
    }
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/**
 * Why a file could not be read as a regular file within its limit.
 *
 * @example
 * try { readRegularFileBounded(path, limit); } catch (e) { if (e instanceof FileReadProblem) console.log(e.code); }
 */
export class FileReadProblem extends Error {
  override name = "FileReadProblem";
  /** `file_too_large`, or `not_regular_file` (missing, a link, a folder, a FIFO, a device). */
  readonly code: "file_too_large" | "not_regular_file";
  constructor(code: "file_too_large" | "not_regular_file", message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Read a regular file, at most `limit.max` bytes, without following a symbolic link and without ever
 * blocking: the file is opened with `O_NOFOLLOW | O_NONBLOCK` and checked with `fstat` after opening
 * (so it cannot be swapped for a FIFO or a device between a check and the open), and at most
 * `limit.max + 1` bytes are read. With `followLink`, a link given by the user (`latest.tgz`) is followed,
 * to a regular file only.
 *
 * @throws {FileReadProblem} the file is missing, a link, not a regular file, or larger than the limit
 * @example
 * const bytes = readRegularFileBounded("rules/sjz-2025/document.json", { max: MAX_RULE_FILE_BYTES, option: "--max-rule-file-bytes" });
 */
export function readRegularFileBounded(path: string, limit: ByteLimit, options: { followLink?: boolean } = {}): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (options.followLink ? 0 : (constants.O_NOFOLLOW ?? 0)) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new FileReadProblem("not_regular_file", "is a symbolic link, which is not followed / 是符号链接，不予跟随");
    throw new FileReadProblem("not_regular_file", `cannot be read: ${code ?? (error as Error).message} / 无法读取`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileReadProblem("not_regular_file", "is not a regular file (a folder, FIFO, socket or device) / 不是普通文件（文件夹、管道、套接字或设备）");
    if (stat.size > limit.max) throw new FileReadProblem("file_too_large", tooLargeMessage(undefined, limit));
    // Read at most max + 1 bytes: the file may grow after the fstat.
    let buffer = Buffer.alloc(Math.min(stat.size, limit.max) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const bigger = Buffer.alloc(Math.min(buffer.length * 2, limit.max + 1));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > limit.max) throw new FileReadProblem("file_too_large", tooLargeMessage(undefined, limit));
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}
