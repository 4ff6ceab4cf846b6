import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// "Today" is the calendar date in Asia/Shanghai whatever the host's time zone. The engine is bundled once
// with esbuild and run in child processes under TZ=UTC, America/Los_Angeles and Asia/Shanghai, with the
// clock frozen just before and at 16:00 UTC (midnight in Shanghai) and around the host's own midnight.

const root = fileURLToPath(new URL("../..", import.meta.url));
const ZONES = ["UTC", "America/Los_Angeles", "Asia/Shanghai"] as const;

/** Instants around Shanghai's midnight (16:00 UTC) and Los Angeles' midnight, with the Shanghai date expected. */
const CLOCK: [instant: string, shanghaiDate: string][] = [
  ["2025-06-01T15:59:59.999Z", "2025-06-01"],
  ["2025-06-01T16:00:00.000Z", "2025-06-02"],
  ["2025-06-02T06:59:59.999Z", "2025-06-02"], // 23:59 on 1 June in Los Angeles (PDT)
  ["2025-06-02T07:00:00.000Z", "2025-06-02"], // midnight on 2 June in Los Angeles
  ["2025-12-31T15:59:59.999Z", "2025-12-31"],
  ["2025-12-31T16:00:00.000Z", "2026-01-01"], // New Year in Shanghai, still 31 December in UTC and Los Angeles
  ["2025-01-16T15:59:59.999Z", "2025-01-16"], // the eve of sjz-2025's first day
  ["2025-01-16T16:00:00.000Z", "2025-01-17"], // sjz-2025's first day begins in Shanghai
  ["2024-02-28T16:00:00.000Z", "2024-02-29"], // a leap day in Shanghai, 28 February elsewhere
  ["2025-03-09T10:00:00.000Z", "2025-03-09"], // Los Angeles' switch to daylight time
  ["2025-11-02T08:30:00.000Z", "2025-11-02"], // and back
];

type ChildResult = {
  tz: string;
  offsetMinutes: number;
  clock: { instant: string; hostDate: string; today: string; decisionOn: string }[];
  validity: { id: string; version: number; validFrom: string; validTo: string | null; instant: string; on: string; inForce: boolean; decidedBy: number | null }[];
};

let dir: string;
const results = new Map<string, ChildResult>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jjj-tz-"));
  const bundle = join(dir, "engine.mjs");
  buildSync({ entryPoints: [join(root, "src/index.ts")], bundle: true, platform: "node", format: "esm", outfile: bundle, logLevel: "error" });
  const instants = join(dir, "instants.json");
  writeFileSync(instants, JSON.stringify(CLOCK.map(([i]) => i)));
  for (const tz of ZONES) {
    const child = spawnSync(process.execPath, [join(root, "tests/time/tz-child.mjs"), bundle, instants], { env: { ...process.env, TZ: tz }, encoding: "utf8", timeout: 60_000 });
    if (child.status !== 0) throw new Error(`child under TZ=${tz} failed: ${child.stderr}`);
    results.set(tz, JSON.parse(child.stdout) as ChildResult);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The Shanghai calendar date of an instant, by the ICU time-zone database (the oracle). */
const shanghaiDate = (instant: string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(instant));

describe.each(ZONES)("with the host in TZ=%s", (tz) => {
  it("the child really runs in that zone", () => {
    const r = results.get(tz)!;
    expect(r.tz).toBe(tz);
    expect(r.offsetMinutes).toBe({ UTC: 0, "America/Los_Angeles": 420, "Asia/Shanghai": -480 }[tz]);
  });

  it.each(CLOCK)("at %s today is %s in Shanghai, and evaluate() without `on` decides for that day", (instant, expected) => {
    const row = results.get(tz)!.clock.find((c) => c.instant === instant)!;
    expect(shanghaiDate(instant)).toBe(expected);
    expect(row.today).toBe(expected);
    expect(row.decisionOn).toBe(expected);
  });

  it("the host's own calendar does differ from Shanghai's at some of these instants (the test has teeth)", () => {
    const differing = results.get(tz)!.clock.filter((c) => c.hostDate !== c.today);
    if (tz === "Asia/Shanghai") expect(differing).toEqual([]);
    else expect(differing.length).toBeGreaterThanOrEqual(3);
  });

  it("every shipped rule version is in force from 00:00 Shanghai on its first day through its last day, and not a millisecond outside", () => {
    const rows = results.get(tz)!.validity;
    expect(rows.length).toBeGreaterThan(0);
    const wrong = rows.filter((r) => {
      const expectedOn = shanghaiDate(r.instant);
      const inside = r.validFrom <= expectedOn && (r.validTo === null || expectedOn <= r.validTo);
      return r.on !== expectedOn || (inside ? r.decidedBy !== r.version : r.decidedBy === r.version);
    });
    expect(wrong).toEqual([]);
  });
});

it("the three zones give identical answers", () => {
  const [first, ...rest] = ZONES.map((tz) => results.get(tz)!);
  for (const r of rest) {
    expect(r.clock.map(({ today, decisionOn }) => [today, decisionOn])).toEqual(first!.clock.map(({ today, decisionOn }) => [today, decisionOn]));
    expect(r.validity).toEqual(first!.validity);
  }
});
