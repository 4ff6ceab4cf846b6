// Run by tests/time/time-zones.test.ts in a child process with a given TZ:
//   TZ=America/Los_Angeles node tests/time/tz-child.mjs <bundle.mjs> <instants.json>
// The bundle is src/index.ts built by esbuild. For each instant, the clock is frozen there (Date is
// replaced, so `new Date()` and `Date.now()` return it) and the child records what the host's local
// calendar says, what todayInShanghai says, and what evaluate() decides without an `on` date; then it
// does the same around the first and last day of every shipped rule version. Prints one JSON object.
const [bundle, instantsFile] = process.argv.slice(2);
const engine = await import(new URL(`file://${bundle}`).href);
const { readFileSync } = await import("node:fs");
// The bundle was moved away from the package: give it the rules' worked examples (src/catalog/rule-details.ts).
engine.provideRuleDetails(JSON.parse(readFileSync(new URL("../../src/generated/rule-details.json", import.meta.url), "utf8")));
const instants = JSON.parse(readFileSync(instantsFile, "utf8"));

const RealDate = Date;
let frozen = 0;
class FrozenDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(frozen);
    else super(...args);
  }
  static now() {
    return frozen;
  }
}
globalThis.Date = FrozenDate;
const at = (iso, f) => {
  frozen = RealDate.parse(iso);
  try {
    return f();
  } finally {
    frozen = 0;
  }
};
const pad = (n) => String(n).padStart(2, "0");
const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const clock = instants.map((instant) =>
  at(instant, () => ({
    instant,
    hostDate: localDate(new Date()),
    today: engine.todayInShanghai(),
    decisionOn: engine.evaluate("sjz-2025/absorption-subsidy", FACTS, { explain: false }).on,
  })),
);

// Around the first and last day of every version: the instant Shanghai's day starts (16:00 UTC the day
// before) and one millisecond earlier, evaluated with the default date.
const shift = (date, days) => new RealDate(RealDate.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const set = engine.defaultEngine().ruleSet;
const validity = [];
for (const id of set.ruleIds()) {
  for (const v of set.versions(id)) {
    const example = v.file.examples.find((e) => e.expected !== undefined);
    if (!example) continue;
    // The first day, and the day after the last: Shanghai's midnight starting each is 16:00 UTC the day before.
    const days = [v.validFrom, ...(v.validTo !== null ? [shift(v.validTo, 1)] : [])];
    for (const day of days) {
      for (const instant of [`${shift(day, -1)}T15:59:59.999Z`, `${shift(day, -1)}T16:00:00.000Z`]) {
        const d = at(instant, () => engine.evaluate(id, example.facts, { explain: false }));
        validity.push({ id, version: v.file.version, validFrom: v.validFrom, validTo: v.validTo, instant, on: d.on, inForce: d.inForce, decidedBy: d.inForce ? d.version : null });
      }
    }
  }
}

process.stdout.write(
  JSON.stringify({
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    offsetMinutes: new RealDate(RealDate.parse("2025-06-01T12:00:00Z")).getTimezoneOffset(),
    clock,
    validity,
  }),
);
