import type { CliIo } from "./io.js";

/*
 * Bytes to stdout for the DuckDB batch (issue #19): rows are copied into one buffer (constant parts
 * as pre-encoded bytes, values as ASCII or UTF-8) and the buffer is written whole, so a decision line
 * costs a few memory copies instead of building and re-encoding a string. Writes go through
 * `io.stdoutBytes` when the CLI has it (the real process), else are decoded for `io.stdout` (tests);
 * the buffer is cut only between rows, so no character is ever split.
 */

/** Bytes collected before a write (a row longer than this gets a buffer of its own size). */
const SINK_CHUNK_BYTES = 1 << 20;

/**
 * An append-only byte buffer written to the CLI's stdout, with backpressure (waits for `drain`) and a
 * quiet stop when the reader goes away (EPIPE).
 *
 * @example
 * const sink = new ByteSink(io);
 * sink.ascii("1,true\n");
 * if (sink.full) await sink.flush();
 * await sink.flush(); sink.close();
 */
export class ByteSink {
  #buf = Buffer.allocUnsafe(SINK_CHUNK_BYTES * 2);
  #at = 0;
  #closed = false;
  readonly #io: CliIo;
  readonly #stream: NodeJS.WritableStream | undefined;
  readonly #onError = (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") this.#closed = true;
    else throw error;
  };

  constructor(io: CliIo) {
    this.#io = io;
    this.#stream = io.stdoutBytes ? process.stdout : undefined;
    this.#stream?.on("error", this.#onError);
  }

  /** Whether the reader of stdout has gone away: nothing more is written. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Whether a write is due (call {@link flush} between rows). */
  get full(): boolean {
    return this.#at >= SINK_CHUNK_BYTES;
  }

  #room(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#at + n));
    this.#buf.copy(bigger, 0, 0, this.#at);
    this.#buf = bigger;
  }

  /** Append bytes. */
  bytes(b: Buffer): void {
    this.#room(b.length);
    this.#at += b.copy(this.#buf, this.#at);
  }

  /** Append a string of ASCII characters only (digits, signs, points). */
  ascii(s: string): void {
    this.#room(s.length);
    this.#at += this.#buf.write(s, this.#at, "latin1");
  }

  /** Append any string as UTF-8. */
  utf8(s: string): void {
    this.#room(s.length * 3);
    this.#at += this.#buf.write(s, this.#at, "utf8");
  }

  /** Write what is collected; wait for `drain` if stdout asked for it. */
  async flush(): Promise<void> {
    if (this.#at === 0 || this.#closed) return;
    const out = this.#buf.subarray(0, this.#at);
    this.#at = 0;
    const stdoutBytes = this.#io.stdoutBytes;
    if (stdoutBytes === undefined) {
      this.#io.stdout(out.toString("utf8")); // a copy: the buffer is free again
      return;
    }
    const ok = stdoutBytes(out);
    // A stream that still holds the bytes (a pipe it could not write at once) keeps this buffer: take
    // a new one. Written through (a file, /dev/null, a pipe with room): the buffer is reused.
    if (this.#stream === undefined || (this.#stream as { writableLength?: number }).writableLength !== 0) this.#buf = Buffer.allocUnsafe(this.#buf.length);
    if (ok === false && this.#stream && !this.#closed) {
      const stream = this.#stream;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("error", done);
          resolve();
        };
        stream.on("drain", done);
        stream.on("error", done);
      });
    }
  }

  /** Stop listening to stdout (call {@link flush} first). */
  close(): void {
    this.#stream?.off("error", this.#onError);
  }
}
