import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/*
 * Run the built CLI (dist/cli.js, or $JJJ_CLI to try another build) in a child process, for hostile
 * inputs that must not hang or exhaust the process: the child is killed after `timeoutMs` (a hang then
 * fails the test instead of blocking it) and reports its peak resident memory (maxRSS) on exit.
 */

export const CLI = process.env["JJJ_CLI"] ?? fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const WRAPPER = fileURLToPath(new URL("./rss-wrapper.mjs", import.meta.url));

export interface CliRun {
  /** The exit code, or null when the child was killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, in MB (NaN when it did not exit normally). */
  maxRssMb: number;
  timedOut: boolean;
}

export interface SpawnOptions {
  /** Bytes for stdin, or a function that writes to it (it must end it), or nothing (stdin closed). */
  stdin?: string | Uint8Array | ((stdin: NodeJS.WritableStream) => void);
  timeoutMs?: number;
  cwd?: string;
}

/** Run `jjj-policy-rules <args>` in a child process. */
export function runCli(args: string[], options: SpawnOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRAPPER, ...args], {
      env: { ...process.env, JJJ_CLI_PATH: CLI },
      cwd: options.cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => void (stdout.length < 1_000_000 && (stdout += d)));
    child.stderr.setEncoding("utf8").on("data", (d: string) => void (stderr.length < 1_000_000 && (stderr += d)));
    child.stdin.on("error", () => {}); // the child stopped reading (EPIPE): expected
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const m = /\n@@maxrss (\d+)\n/.exec(stderr);
      resolve({ code, stdout, stderr: stderr.replace(/\n@@maxrss \d+\n/, ""), maxRssMb: m ? Number(m[1]) / 1024 : NaN, timedOut });
    });
    const input = options.stdin;
    if (typeof input === "function") input(child.stdin);
    else child.stdin.end(input ?? "");
  });
}

/** Write `before`, `total` bytes of zeros in 1 MB chunks (respecting back-pressure), then `after`, and end. */
export function writeZeros(total: number, before = "", after = ""): (stdin: NodeJS.WritableStream) => void {
  return (stdin) => {
    if (before) stdin.write(before);
    const chunk = Buffer.alloc(1 << 20);
    let left = total;
    let stopped = false;
    stdin.on("error", () => void (stopped = true));
    stdin.on("close", () => void (stopped = true));
    const pump = () => {
      while (!stopped && left > 0) {
        left -= chunk.length;
        if (!stdin.write(chunk)) return void stdin.once("drain", pump);
      }
      if (!stopped) stdin.end(after);
    };
    pump();
  };
}

/** Whether a text holds a control character other than newline, tab or the carriage return of a progress line. */
export function hasRawControlBytes(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}
