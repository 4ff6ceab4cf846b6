import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/*
 * A real PostgreSQL 15 for the tests: initdb in a temporary data directory, the server listening only
 * on a Unix socket in that directory (no TCP), stopped and removed at the end. As root (CI), the
 * server runs as the `postgres` user Debian's package creates: PostgreSQL refuses to run as root.
 */

export const PG_BIN = process.env.JJJ_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PgServer {
  socketDir: string;
  port: number;
  stop(): void;
}

/** Whether the server binaries are here (CI installs Debian's postgresql; a test says so when missing rather than pass). */
export function havePostgres(): boolean {
  return existsSync(join(PG_BIN, "initdb")) && existsSync(join(PG_BIN, "pg_ctl"));
}

export function startPostgres(): PgServer {
  const dir = mkdtempSync(join(tmpdir(), "jjj-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ["-u", "postgres", "--", join(PG_BIN, cmd), ...args] : args;
    const r = spawnSync(asRoot ? "runuser" : join(PG_BIN, cmd), full, { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "-N"]);
  const port = 5432 + 1000 + Math.floor(Math.random() * 20000);
  run("pg_ctl", ["-D", data, "-w", "-t", "60", "-l", join(dir, "log"), "-o", `-k ${dir} -c listen_addresses='' -p ${port} -c fsync=off`, "start"]);
  return {
    socketDir: dir,
    port,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-w", "-m", "fast", "stop"]);
      } finally {
        if (asRoot) execFileSync("rm", ["-rf", dir]);
        else rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
