import { gunzipSync } from "node:zlib";
import { unpackTar } from "modern-tar";
import { formatBytes, printable } from "./limits.js";

/** One entry of a tar archive. */
export interface TarEntry {
  /** The path inside the archive, `/`-separated, as written (e.g. `package/rules/sjz-2025/document.json`). */
  path: string;
  /** `file`, `directory`, or `other` (links, devices… never followed). */
  type: "file" | "directory" | "other";
  data: Uint8Array;
}

/** A malformed archive. */
export class TarError extends Error {
  override name = "TarError";
}

/**
 * Largest archive, in bytes, both as read (the `.tgz` file) and once gunzipped: 64 MiB. The package
 * from `npm pack` is about 2 MB packed and 9 MB unpacked. gunzip stops as soon as its output passes
 * it, so a gzip bomb costs at most this much memory. Raise it with `--max-archive-bytes <N>` (diff,
 * changelog).
 *
 * @example
 * MAX_UNPACKED_BYTES; // 67108864
 */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/**
 * Most entries (headers) read from an archive: 20,000. The package from `npm pack` has about a hundred.
 * Not an option: an archive with more is not a rules package.
 *
 * @example
 * MAX_TAR_ENTRIES; // 20000
 */
export const MAX_TAR_ENTRIES = 20_000;

/** What {@link readTar} and {@link readTarball} accept at most. */
export interface TarLimits {
  /** Largest archive, packed or unpacked, in bytes (default {@link MAX_UNPACKED_BYTES}). */
  maxBytes?: number;
  /** Most entries (default {@link MAX_TAR_ENTRIES}). */
  maxEntries?: number;
}

/** The entry types of modern-tar's headers that are ours: everything else (links, devices…) is `other`. */
function entryType(type: string | undefined): TarEntry["type"] {
  return type === undefined || type === "file" ? "file" : type === "directory" ? "directory" : "other";
}

/**
 * Read a tar archive (ustar, with pax and GNU long-name extensions, as `npm pack` and GNU tar write
 * them) with modern-tar, in its strict mode: header checksums are verified and a truncated archive is
 * an error. Links are listed as `other` and never followed; nothing is extracted.
 *
 * @throws {TarError} a bad header, an entry past the end, or more than `limits.maxEntries` entries
 * @example
 * (await readTar(archive)).filter((e) => e.type === "file").map((e) => e.path);
 */
export async function readTar(archive: Uint8Array, limits: TarLimits = {}): Promise<TarEntry[]> {
  const maxEntries = limits.maxEntries ?? MAX_TAR_ENTRIES;
  let count = 0;
  const tooMany = new TarError(`more than ${maxEntries.toLocaleString("en-US")} entries (MAX_TAR_ENTRIES): not a rules package / 条目超过 ${maxEntries} 个，不是规则包`);
  let parsed;
  try {
    parsed = await unpackTar(archive, {
      strict: true,
      // Called once per entry, before its data is read: stop at the limit.
      filter: () => {
        if (++count > maxEntries) throw tooMany;
        return true;
      },
    });
  } catch (error) {
    if (error instanceof TarError) throw error;
    throw new TarError(printable(error instanceof Error ? error.message : String(error)));
  }
  return parsed.map((e) => ({ path: e.header.name, type: entryType(e.header.type), data: e.data ?? new Uint8Array(0) }));
}

/** Whether bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Read a `.tgz` (or a plain `.tar`). gunzip stops as soon as its output passes `limits.maxBytes`.
 *
 * @throws {TarError} not gzip nor tar, unpacking to more than `limits.maxBytes`, or a bad archive
 * @example
 * (await readTarball(readFileSync("jjj-policy-rules-0.1.0.tgz"))).map((e) => e.path);
 */
export async function readTarball(bytes: Uint8Array, limits: TarLimits = {}): Promise<TarEntry[]> {
  const maxBytes = limits.maxBytes ?? MAX_UNPACKED_BYTES;
  let archive: Uint8Array = bytes;
  if (isGzip(bytes)) {
    try {
      archive = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new TarError(
          `unpacks to more than ${formatBytes(maxBytes)} (the --max-archive-bytes limit); raise it with --max-archive-bytes <bytes> if the archive is genuine / 解压后超过 ${formatBytes(maxBytes)} 上限（--max-archive-bytes）`,
        );
      }
      throw new TarError(`cannot gunzip: ${printable((error as Error).message)}`);
    }
  } else if (archive.length > maxBytes) {
    throw new TarError(`is larger than ${formatBytes(maxBytes)} (the --max-archive-bytes limit) / 超过 ${formatBytes(maxBytes)} 上限（--max-archive-bytes）`);
  }
  return readTar(archive, limits);
}
