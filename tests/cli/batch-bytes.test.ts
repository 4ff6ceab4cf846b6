import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import type { CliIo } from "../../src/cli/io.js";
import { ByteBlock, jsonLineInto, jsonText } from "../../src/cli/json-text.js";
import { EXIT_SOME_LINES_FAILED, jsonLine, lineTooLongMessage, runJsonlBatch, splitLines } from "../../src/cli/jsonl.js";
import { splitLineBatches } from "../../src/cli/line-batches.js";
import { printable } from "../../src/cli/limits.js";

/*
 * Issue #20: the JSON Lines batch reads a chunk at a time, answers its lines synchronously and writes
 * them in one write, and serialises decisions from per-shape plans (src/cli/line-batches.ts,
 * src/cli/json-text.ts). The contract is the output, byte for byte: here it is compared with a reference
 * written the plain way (the splitter the CLI had before, `JSON.parse` per line, `JSON.stringify` per
 * answer, the error record of docs/cli.md), on thousands of mixed lines cut into chunks at random places.
 */

const ID = "sjz-2025/absorption-subsidy";
const ON = "2025-06-01";
const engine = defaultEngine();

/** The splitter as it was before the chunked one (a `Buffer.concat`, decode and `\r` regex per line): the reference. */
async function* referenceLines(input: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<{ line: number; text?: string; tooLong?: true }> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const take = () => {
    line++;
    const out = tooLong ? { line, tooLong: true as const } : { line, text: Buffer.concat(parts, size).toString("utf8").replace(/\r$/, "") };
    parts = [];
    size = 0;
    tooLong = false;
    return out;
  };
  for await (const chunk of input) {
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!tooLong && end > start) {
        if (size + (end - start) > maxBytes) {
          tooLong = true;
          parts = [];
          size = 0;
        } else {
          parts.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (newline === -1) break;
      yield take();
      start = newline + 1;
    }
  }
  if (size > 0 || tooLong) yield take();
}

/** The error record of a failed line, as docs/cli.md describes it. */
function referenceError(line: number, error: unknown, code = "invalid_json"): unknown {
  if (error instanceof Error) {
    const issues = (error as { issues?: unknown }).issues;
    const own = (error as { code?: unknown }).code;
    return { line, error: { code: typeof own === "string" ? own : "error", message: error.message, ...(issues !== undefined && { issues }) } };
  }
  return { line, error: { code, message: String(error) } };
}

/** What the batch writes, computed the plain way. */
async function referenceOutput(each: (facts: unknown) => unknown, maxBytes: number, chunks: Buffer[]): Promise<string> {
  let out = "";
  for await (const l of referenceLines(Readable.from(chunks), maxBytes)) {
    if (l.tooLong) {
      out += JSON.stringify(referenceError(l.line, lineTooLongMessage(maxBytes), "line_too_long")) + "\n";
      continue;
    }
    if (l.text!.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(l.text!);
    } catch (error) {
      out += JSON.stringify(referenceError(l.line, `not valid JSON: ${printable((error as Error).message)}`)) + "\n";
      continue;
    }
    try {
      out += JSON.stringify(each(value)) + "\n";
    } catch (error) {
      out += JSON.stringify(referenceError(l.line, error)) + "\n";
    }
  }
  return out;
}

/** Thousands of mixed lines: valid facts (eligible or not), invalid facts, bad JSON, blank, CRLF, non-ASCII, huge. */
function mixedInput(seed: number, count: number): Buffer {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const facts = () => ({
    contractAmount: (Math.floor(rnd() * 300_000_001) / 100).toFixed(2),
    transferMode: pick(["transfer", "license", "development"]),
    sourceRegion: pick(["beijing", "tianjin", "hebei"]),
    enterpriseCity: pick(["shijiazhuang", "handan"]),
  });
  const kinds: (() => string)[] = [
    () => JSON.stringify(facts()),
    () => JSON.stringify(facts()),
    () => JSON.stringify(facts()),
    () => JSON.stringify(facts()) + "\r", // CRLF
    () => "  " + JSON.stringify(facts(), null, 1).replace(/\n/g, " ") + "\t", // padded
    () => JSON.stringify({ ...facts(), contractAmount: "-1" }), // invalid facts
    () => JSON.stringify({ ...facts(), transferMode: "技术转让" }), // invalid, non-ASCII
    () => JSON.stringify({ contractAmount: "1" }), // missing inputs
    () => "{oops", // not JSON
    () => "[1, 2", // not JSON
    () => "42", // JSON, not facts
    () => "null",
    () => "", // blank
    () => "   \u3000", // blank (ideographic space)
    () => "\r", // blank CRLF line
    () => JSON.stringify({ ...facts(), note: "x".repeat(3000) }), // long: over the small limit below
    () => JSON.stringify({ ...facts(), 备注: "成果" }), // an unknown input with a Chinese name
  ];
  const lines = Array.from({ length: count }, () => pick(kinds)());
  return Buffer.from(lines.join("\n") + (rnd() < 0.5 ? "\n" : ""), "utf8");
}

/** `bytes` cut into chunks of random sizes (1 byte to 70 KB), some cuts inside UTF-8 characters. */
function cut(bytes: Buffer, seed: number): Buffer[] {
  const chunks: Buffer[] = [];
  let s = seed;
  for (let at = 0; at < bytes.length; ) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const size = 1 + (s % (s % 3 === 0 ? 17 : 70_000));
    chunks.push(Buffer.from(bytes.subarray(at, at + size)));
    at += size;
  }
  return chunks;
}

/** Run the batch on `chunks`; with `bytes`, the I/O takes bytes (as the CLI's does), else text (as tests' I/O does). */
async function runBatch(chunks: Buffer[], each: (facts: unknown) => unknown, maxLineBytes: number, bytes = true) {
  let stdout = "";
  const writes: (string | Uint8Array)[] = [];
  const parts: Buffer[] = [];
  const io: CliIo = {
    stdout: (t) => {
      writes.push(t);
      parts.push(Buffer.from(t, "utf8"));
    },
    ...(bytes && {
      stdoutBytes: (b: Uint8Array) => {
        writes.push(b);
        parts.push(Buffer.from(b));
        return true;
      },
    }),
    stderr: () => {},
    readText: async () => "",
    engine: () => engine,
  };
  const code = await runJsonlBatch({ command: "eval", input: "-", io, stdin: Readable.from(chunks), each, maxLineBytes, progress: false });
  stdout = Buffer.concat(parts).toString("utf8");
  return { code, stdout, writes };
}

describe("eval --batch output, byte for byte", () => {
  const cases = [
    { name: "decisions without explanation", options: { on: ON, explain: false } },
    { name: "decisions with explanation", options: { on: ON } },
    { name: "outcomes only", options: { on: ON, explain: false }, outcome: true },
  ];
  for (const [k, c] of [...cases.map((c) => ({ ...c, bytes: true })), { ...cases[0]!, bytes: false }].entries()) {
    it(`${c.name}, written as ${c.bytes ? "bytes" : "text"}: 3,000 mixed lines in random chunks equal the plain reference`, async () => {
      const bytes = mixedInput(20 + k, 3000);
      const chunks = cut(bytes, 7 + k);
      const each = c.outcome ? (f: unknown) => engine.evaluate(ID, f as never, c.options).outcome : (f: unknown) => engine.evaluate(ID, f as never, c.options);
      const maxLineBytes = 2048; // the long lines pass it
      const expected = await referenceOutput(each, maxLineBytes, chunks);
      const got = await runBatch(chunks, each, maxLineBytes, c.bytes);
      expect(got.code).toBe(EXIT_SOME_LINES_FAILED);
      expect(got.stdout.split("\n").length).toBeGreaterThan(2000);
      expect(got.stdout).toContain('"code":"line_too_long"');
      expect(got.stdout).toContain('"code":"invalid_facts"');
      expect(got.stdout).toContain('"code":"invalid_json"');
      expect(got.stdout === expected).toBe(true);
    }, 60_000);
  }

  it("writes the answers of one input chunk in one write (not one per 64 KB of output)", async () => {
    const line = JSON.stringify({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });
    // Ten chunks of 100 lines: about 200 KB of decisions each.
    const chunks = Array.from({ length: 10 }, () => Buffer.from(Array.from({ length: 100 }, () => line).join("\n") + "\n"));
    const got = await runBatch(chunks, (f) => engine.evaluate(ID, f as never, { on: ON, explain: false }), 1 << 20);
    expect(got.code).toBe(0);
    expect(got.stdout.split("\n")).toHaveLength(1001);
    expect(got.writes).toHaveLength(10);
  });
});

describe("splitLineBatches", () => {
  it("gives the lines of the per-line splitter, whatever the chunks and the limit", async () => {
    const piece = fc.constantFrom("a", "b", "{}", "\n", "\r", "\r\n", "技", "\u{1f600}", "\n\n", " ");
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 200 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), async (pieces, sizes, max, invalid) => {
        let bytes = Buffer.from(pieces.join(""), "utf8");
        if (invalid && bytes.length > 2) bytes = Buffer.concat([bytes.subarray(0, 2), Buffer.from([0xe6, 0x0a, 0x80]), bytes.subarray(2)]); // broken UTF-8 around a newline
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = sizes[i % sizes.length]!;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const expected: string[] = [];
        for await (const l of referenceLines(Readable.from(chunks), max)) expected.push(l.tooLong ? `#${l.line} too long` : `#${l.line} ${l.text}`);
        const got: string[] = [];
        for await (const { first, texts } of splitLineBatches(Readable.from(chunks), max)) texts.forEach((t, i) => got.push(t === null ? `#${first + i} too long` : `#${first + i} ${t}`));
        const wrapped: string[] = [];
        for await (const l of splitLines(Readable.from(chunks), max)) wrapped.push(l.tooLong ? `#${l.line} too long` : `#${l.line} ${l.text}`);
        expect(got).toEqual(expected);
        expect(wrapped).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("gives one batch per chunk that ends a line, with the whole lines of a 64 KB chunk decoded together", async () => {
    const line = "x".repeat(99);
    const chunk = Buffer.from(Array.from({ length: 600 }, () => line).join("\n") + "\n"); // 60,000 bytes
    const batches = [];
    for await (const b of splitLineBatches(Readable.from([chunk, Buffer.from("tail"), chunk]), 1 << 20)) batches.push(b);
    expect(batches.map((b) => [b.first, b.texts.length])).toEqual([
      [1, 600],
      [601, 600],
    ]);
    expect(batches[1]!.texts[0]).toBe("tail" + line);
  });
});

describe("jsonText (the plans of json-text.ts)", () => {
  const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

  it("writes what JSON.stringify writes for random JSON values, also after a plan of another shape", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 5 }), { minLength: 1, maxLength: 8 }), (values) => {
        for (const v of values) expect(jsonText(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it("writes a decision whose members changed (other values, other frozen parts, left-out and added keys) as JSON.stringify does", () => {
    const decision = engine.evaluate(ID, facts, { on: ON, explain: false }) as unknown as Record<string, unknown>;
    expect(jsonLine(decision)).toBe(JSON.stringify(decision)); // makes the plan
    const variants: Record<string, unknown>[] = [
      { ...decision, inForce: false, version: 2, on: "2025-06-02" },
      { ...decision, title: Object.freeze({ zh: "另一个", en: "another" }) },
      { ...decision, title: { zh: "可变", en: "mutable" } },
      { ...decision, source: undefined },
      { ...decision, kind: () => 1 },
      { ...decision, kind: Symbol("s") },
      { ...decision, validity: { toJSON: () => "custom" } },
      { ...decision, outcome: new Date(0) },
      { ...decision, version: Number.NaN },
      { ...decision, version: -0 },
      { ...decision, extra: 1 },
      Object.fromEntries(Object.entries(decision).reverse()),
      Object.assign(Object.create(null), decision),
      engine.evaluate(ID, { ...facts, contractAmount: "700000" }, { on: ON, explain: false }) as unknown as Record<string, unknown>,
      engine.evaluate(ID, facts, { on: ON }) as unknown as Record<string, unknown>,
    ];
    const bytesOf = (v: unknown) => {
      const block = new ByteBlock(16); // small: it grows
      jsonLineInto(v, block);
      return block.take().toString("utf8");
    };
    expect(bytesOf(decision)).toBe(JSON.stringify(decision) + "\n");
    for (const v of variants) {
      expect(jsonLine(v)).toBe(JSON.stringify(v));
      expect(bytesOf(v)).toBe(JSON.stringify(v) + "\n");
    }
    // The shared frozen parts cannot change, but a caller's copy can: its text follows it.
    const copy = structuredClone(decision);
    expect(jsonLine(copy)).toBe(JSON.stringify(copy));
    (copy.title as { zh: string }).zh = "改了";
    expect(jsonLine(copy)).toBe(JSON.stringify(copy));
  });

  /** `jsonLineInto` into a fresh small block (it grows), as text. */
  const lineBytes = (v: unknown): string => {
    const block = new ByteBlock(16);
    jsonLineInto(v, block);
    return block.take().toString("utf8");
  };

  it("appends the UTF-8 of any text to a ByteBlock (text collected and encoded when bytes follow or are read), between bytes", () => {
    // Units biased to ASCII, with Chinese, surrogate pairs and lone surrogates (U+FFFD, as Buffer.from
    // writes them). Consecutive text is one text: a pair split between two calls is one character.
    const unit = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xffff }), fc.constantFrom(0xd83d, 0xde00, 0x4e2d, 0x7f, 0x80));
    const piece = fc.oneof(
      fc.array(unit, { maxLength: 200 }).map((units) => ({ text: String.fromCharCode(...units) })),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => ({ bytes: Buffer.from(bytes) })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 64 }), (pieces, capacity) => {
        const block = new ByteBlock(capacity);
        for (const p of pieces) if ("text" in p) block.text(p.text);
        else block.bytes(p.bytes);
        const parts: Buffer[] = [];
        let text = "";
        for (const p of pieces) {
          if ("text" in p) text += p.text;
          else {
            parts.push(Buffer.from(text, "utf8"), p.bytes);
            text = "";
          }
        }
        const expected = Buffer.concat([...parts, Buffer.from(text, "utf8")]);
        expect(block.length).toBe(expected.length);
        expect(block.take().equals(expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("writes as bytes what JSON.stringify writes for random JSON values, and for objects of one shape whose values change", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 5 }), { minLength: 1, maxLength: 8 }), (values) => {
        for (const v of values) expect(lineBytes(v)).toBe(JSON.stringify(v) + "\n");
      }),
      { numRuns: 300 },
    );
    // One shape, many values (a plan made by the first, reused by the others: same values, changed ones,
    // nested objects of one shape, Chinese and lone surrogates in strings): the outcome-only answers of a batch.
    const leaf = fc.oneof(fc.boolean(), fc.string(), fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("0.00", "中文", "\ud800", 'a"b\\'), fc.integer(), fc.double(), fc.constant(null));
    const record = fc.record({ eligible: fc.boolean(), amount: leaf, inner: fc.record({ x: leaf, y: leaf }), list: fc.array(leaf, { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 20 }), (records) => {
        for (const r of records) {
          expect(lineBytes(r)).toBe(JSON.stringify(r) + "\n");
          expect(jsonText(r)).toBe(JSON.stringify(r));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads each value of a planned object once, as JSON.stringify does (a getter counting its reads)", () => {
    const counted = (start: number) => {
      let reads = start;
      return Object.defineProperties({} as Record<string, unknown>, {
        eligible: { enumerable: true, get: () => reads++ % 2 === 0 },
        amount: { enumerable: true, get: () => String(reads++) },
      });
    };
    for (let i = 0; i < 4; i++) {
      // The first makes the plan, the others are written from it (values other than the plan's): each gives
      // JSON.stringify's text of a fresh one.
      const start = i * 10;
      expect(lineBytes(counted(start))).toBe(JSON.stringify(counted(start)) + "\n");
      expect(jsonText(counted(start))).toBe(JSON.stringify(counted(start)));
      expect(jsonText({ outcome: counted(start) })).toBe(JSON.stringify({ outcome: counted(start) }));
    }
  });

  it("falls back when a key is inherited (a polluted prototype), as JSON.stringify leaves it out", () => {
    const shape = { a: 1, b: "x" };
    expect(jsonText(shape)).toBe(JSON.stringify(shape));
    (Object.prototype as Record<string, unknown>)["polluted"] = 1;
    try {
      expect(jsonText({ a: 2, b: "y" })).toBe(JSON.stringify({ a: 2, b: "y" }));
      expect(jsonText({ c: [1] })).toBe(JSON.stringify({ c: [1] }));
    } finally {
      delete (Object.prototype as Record<string, unknown>)["polluted"];
    }
  });
});
