// End-to-end tests of issue #18's page features (docs/site/, built by `npm run site`) in Debian's
// Chromium, headless, with playwright-core: the exact amount charts (breakpoints read from the SVG and
// compared with the curve the library computes here), the page at phone widths (no horizontal overflow on
// any view, the decision above the form), the start rule, the search box and the draft rule panel.
// Screenshots of the calculator, the match and a diff at 1280 and 390 px go to artifacts/ (gitignored).
// Needs `npm run build` (dist/, for the library's own curves) and `npm run site`.
// Run: npm run test:e2e   (or: node --test tests/e2e/page.e2e.mjs)
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { artifacts, root, site, startSite } from "./harness.mjs";

const RULE = "sjz-2025/absorption-subsidy";
const WIDTHS = [360, 390, 414];

assert.ok(existsSync(join(root, "dist", "analysis.js")), "dist/ is not built: run `npm run build` first (the test computes the library's own curves)");
const lib = await import(pathToFileURL(join(root, "dist", "index.js")).href);
const analysis = await import(pathToFileURL(join(root, "dist", "analysis.js")).href);

/** The amendment fixture (tests/fixtures/amendment) as the library loads it. */
function fixtureSet() {
  const dir = join(root, "tests", "fixtures", "amendment", "rules");
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const sources = walk(dir)
    .map((f) => relative(dir, f).split(sep).join("/"))
    .filter((p) => /(document|inputs)\.json$|\/v\d+\.json$/.test(p))
    .map((p) => ({ path: p, json: JSON.parse(readFileSync(join(dir, p), "utf8")) }));
  return lib.loadRuleSet(sources);
}

let base;
let browser;
let close;
const problems = [];

before(async () => {
  ({ base, browser, close } = await startSite());
});

after(async () => {
  await close?.();
  assert.deepEqual(problems, [], "no page errors, console errors or requests leaving the machine");
});

/** A page of a fresh context at the given width, recording page errors and refusing non-local requests. */
async function openPage(width = 1280, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN", timezoneId: "Asia/Shanghai", serviceWorkers: "block" });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return route.continue();
    problems.push(`request left the machine: ${url}`);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
  return { context, page };
}

async function open(page, hash = "") {
  await page.goto(`${base}/index.html${hash}`);
  await page.waitForSelector("body[data-ready=true]");
}

/** The breakpoints of a chart, as the SVG says them: series, input value and field value of each. */
function chartBreakpoints(page, selector) {
  return page.$$eval(`${selector} svg g.breakpoint`, (gs) => gs.map((g) => ({ series: g.dataset.series, at: g.dataset.at, value: g.dataset.value })));
}

/** The example of the shipped rule with the given contract amount, and its facts. */
function example(rule, index) {
  const ex = lib.getRule(rule).file.examples[index];
  assert.ok(ex, `${rule} has an example ${index}`);
  return ex;
}

describe("charts of the exact curves", () => {
  let session;
  before(async () => {
    session = await openPage();
  });
  after(async () => session?.context.close());

  it("opens on the configured subsidy calculator (a benefit rule with a money input)", async () => {
    const { page } = session;
    await open(page);
    const configured = /startRule:\s*"([^"]+)"/.exec(readFileSync(join(root, "site", "config.ts"), "utf8"))[1];
    const shown = await page.getAttribute('article[data-view="calculator"]', "data-rule");
    assert.equal(shown, configured);
    const file = lib.getRule(shown).file;
    assert.equal(file.kind, "benefit");
    assert.ok(Object.values(file.inputs).some((s) => s.type === "money"), "the start rule has a money input");
  });

  it("draws the calculator's curve with the library's breakpoints and the applicant's point, and redraws it on edit", async () => {
    const { page } = session;
    await open(page, `#/rule/${RULE}`);
    const ex = example(RULE, 1);
    await page.click('[data-example="1"]');
    await page.waitForSelector(".chart-section svg g.mark");
    const curve = analysis.amountCurve(RULE, ex.facts, "contractAmount", { on: ex.on });
    const expected = curve.fields.amount.breakpoints.map((b) => ({ series: "after", at: b.at, value: b.value }));
    assert.deepEqual(await chartBreakpoints(page, ".chart-section"), expected, "the SVG's breakpoints are the curve's");
    // Each breakpoint is labelled in yuan with grouped digits.
    const labels = await page.$$eval(".chart-section svg g.breakpoint text", (ts) => ts.map((t) => t.textContent));
    for (const b of curve.fields.amount.breakpoints) assert.ok(labels.includes(Number(b.at).toLocaleString("en-US")), `label ${b.at} in ${labels}`);
    const decided = JSON.parse(await page.getAttribute('#decision tr[data-outcome="amount"]', "data-value"));
    const mark = await page.$eval(".chart-section svg g.mark", (g) => ({ at: g.dataset.at, value: g.dataset.value }));
    assert.deepEqual(mark, { at: ex.facts.contractAmount, value: decided }, "the mark is the applicant's amount and the decided amount");
    // Typing another amount moves the mark to the engine's amount there.
    await page.fill('[data-input="contractAmount"]', "1800000");
    await page.waitForFunction(() => document.querySelector(".chart-section svg g.mark")?.getAttribute("data-at") === "1800000");
    const moved = await page.$eval(".chart-section svg g.mark", (g) => g.dataset.value);
    assert.equal(moved, lib.evaluate(RULE, { ...ex.facts, contractAmount: "1800000" }, { on: ex.on }).outcome.amount);
  });

  it("overlays both versions in the diff view, each with its own breakpoints, the change regions shaded", async () => {
    const { page } = session;
    await open(page, `#/versions/${RULE}`);
    await page.click('[data-show-hypothetical="amendment"]');
    await page.waitForSelector(".diff-chart svg");
    const set = fixtureSet();
    const engine = lib.createEngine(set);
    const [v1, v2] = set.versions(RULE);
    const facts = { ...v2.file.examples[0].facts, contractAmount: "0" };
    const before = analysis.amountCurve(v1, facts, "contractAmount", { on: v1.validFrom, engine });
    const afterCurve = analysis.amountCurve(v2, facts, "contractAmount", { on: v2.validFrom, engine });
    const drawn = await chartBreakpoints(page, ".diff-chart");
    for (const b of afterCurve.fields.amount.breakpoints) assert.ok(drawn.some((d) => d.series === "after" && d.at === b.at && d.value === b.value), `v2 breakpoint ${b.at}`);
    for (const b of before.fields.amount.breakpoints) assert.ok(drawn.some((d) => d.at === b.at && d.value === b.value), `v1 breakpoint ${b.at}`);
    const series = await page.$$eval(".diff-chart svg path.curve", (ps) => ps.map((p) => `${p.dataset.series}:${p.dataset.version}`));
    assert.deepEqual(series, ["before:1", "after:2"]);
    // The shaded regions start where the engine's decisions under the two versions start to differ.
    const regions = await page.$$eval(".diff-chart svg rect.change-region", (rs) => rs.map((r) => r.dataset.from));
    assert.ok(regions.length > 0, "a change region is shaded");
    const amountOf = (v, x) => engine.evaluate(RULE, { ...facts, contractAmount: x }, { on: v.validFrom, version: v.file.version }).outcome.amount;
    const first = regions[0];
    assert.notEqual(amountOf(v1, first), amountOf(v2, first), `the versions differ at ${first}`);
    const below = (Number(first) - 0.01).toFixed(2);
    assert.equal(amountOf(v1, below), amountOf(v2, below), `the versions agree just below ${first}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(".diff-chart").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "page-diff-1280.png") });
  });
});

describe("search over the rules", () => {
  let session;
  before(async () => {
    session = await openPage();
  });
  after(async () => session?.context.close());

  const visible = (page) => page.$$eval("li.rule", (lis) => lis.filter((li) => !li.hidden && li.offsetParent !== null).map((li) => li.dataset.rule));

  it("finds a rule by its Chinese title, its English title and its id", async () => {
    const { page } = session;
    await open(page, `#/rule/${RULE}`);
    const file = lib.getRule(RULE).file;
    const all = (await visible(page)).length;
    for (const query of [file.title.zh.slice(0, 6), file.title.en.split(" ").slice(0, 3).join(" ").toUpperCase(), RULE.split("/")[1]]) {
      await page.fill("#rule-search", query);
      const found = await visible(page);
      assert.ok(found.includes(RULE), `"${query}" finds ${RULE}: ${found}`);
      assert.ok(found.length < all, `"${query}" narrows the list (${found.length} of ${all})`);
      for (const id of found) {
        const f = lib.getRule(id).file;
        assert.ok([id, f.title.zh, f.title.en].join("\n").toLowerCase().includes(query.toLowerCase()), `${id} matches "${query}"`);
      }
    }
    await page.fill("#rule-search", "no such rule at all");
    assert.deepEqual(await visible(page), []);
    assert.match(await page.textContent("#rule-search-count"), /没有匹配/);
    await page.fill("#rule-search", "");
    assert.equal((await visible(page)).length, all, "clearing the box shows every rule");
  });
});

describe("the draft rule panel", () => {
  let session;
  before(async () => {
    session = await openPage();
  });
  after(async () => session?.context.close());

  it("shows the loader's errors for a bad draft, in both languages", async () => {
    const { page } = session;
    await open(page, "#/draft");
    await page.fill("#draft-text", '{"id": "sjz-2025/absorption-subsidy", "id": "x/y", "version": 2}');
    await page.click("#draft-load");
    const box = page.locator("[data-draft-error]");
    await box.waitFor();
    const text = await box.textContent();
    assert.match(text, /草案无法加载/);
    assert.match(text, /cannot be loaded/);
    assert.match(text, /appears twice/, "the JSON check of the loader (duplicate keys)");
    await page.fill("#draft-text", "[1]");
    await page.click("#draft-load");
    assert.match(await page.locator("[data-draft-error]").textContent(), /id.*version/);
  });

  it("evaluates a pasted draft and shows its diff against the shipped version", async () => {
    const { page } = session;
    await open(page, "#/draft");
    await page.click("#draft-sample");
    const draftText = await page.inputValue("#draft-text");
    await page.fill("#draft-text", "");
    await page.fill("#draft-text", draftText); // pasted
    await page.click("#draft-load");
    await page.waitForSelector(`[data-draft-loaded="${RULE}@1"]`);
    const draftJson = JSON.parse(draftText);
    const ex = draftJson.examples[0];
    await page.click("#draft-evaluate");
    await page.waitForSelector('.draft-decision tr[data-outcome="amount"]');
    assert.equal(JSON.parse(await page.getAttribute('.draft-decision tr[data-outcome="amount"]', "data-value")), ex.expected.outcome.amount, "the draft's own worked example");
    // The diff: the parameters that changed, and the overlay chart with shaded regions.
    const params = await page.$$eval(".draft-result [data-parameter-change]", (ls) => ls.map((l) => l.dataset.parameterChange));
    const shipped = lib.getRule(RULE).file.parameters;
    const changed = Object.keys(shipped).filter((k) => JSON.stringify(shipped[k].value) !== JSON.stringify(draftJson.parameters[k]?.value));
    assert.ok(changed.length > 0);
    for (const name of changed) assert.ok(params.includes(name), `the diff lists the parameter ${name}, whose value differs: ${params}`);
    assert.ok((await page.locator(".draft-result .diff-chart svg rect.change-region").count()) > 0, "the diff's chart shades the changes");
  });
});

describe("the draft rule panel: dropped files", () => {
  let session;
  before(async () => {
    session = await openPage();
  });
  after(async () => session?.context.close());

  /** Drop a file of the given contents (text, or a byte count of zeros) on the panel's drop zone. */
  async function drop(page, contents) {
    const transfer = await page.evaluateHandle((c) => {
      const data = new DataTransfer();
      data.items.add(new File([typeof c === "number" ? new Uint8Array(c) : c], "v1.json", { type: "application/json" }));
      return data;
    }, contents);
    await page.dispatchEvent("[data-drop]", "drop", { dataTransfer: transfer });
  }

  it("loads a dropped draft, and refuses a file past MAX_RULE_FILE_BYTES without reading it", async () => {
    const { page } = session;
    await open(page, "#/draft");
    await page.click("#draft-sample");
    const text = await page.inputValue("#draft-text");
    await page.fill("#draft-text", "");
    await drop(page, text);
    await page.waitForSelector(`[data-draft-loaded="${RULE}@1"]`);
    assert.equal(await page.inputValue("#draft-text"), text, "the dropped file's text is shown");
    const max = lib.MAX_RULE_FILE_BYTES;
    await drop(page, max + 1);
    const error = page.locator("[data-draft-error]");
    await error.waitFor();
    const message = await error.textContent();
    assert.match(message, /MAX_RULE_FILE_BYTES/);
    assert.match(message, new RegExp(`${max + 1}`));
    assert.match(message, /超过规则文件上限/);
  });
});

describe("phone widths", () => {
  /** Every view the page has, opened at a width: [name, hash, what to do once open]. */
  const VIEWS = [
    ["calculator", `#/rule/${RULE}`, async (page) => page.click('[data-example="1"]')],
    ["match", "#/match", async (page) => {
      await page.fill("#match-on", "2025-06-01");
      await page.fill("#match-city", "shijiazhuang");
      await page.locator("li[data-measure]").first().waitFor();
    }],
    ["versions", `#/versions/${RULE}`, async (page) => page.click('[data-show-hypothetical="amendment"]')],
    ["draft", "#/draft", async (page) => {
      await page.click("#draft-sample");
      await page.click("#draft-load");
      await page.click("#draft-evaluate");
    }],
  ];

  for (const width of WIDTHS) {
    it(`no view is wider than the screen at ${width} px, and the menu labels do not wrap`, async () => {
      const { context, page } = await openPage(width, 844);
      try {
        for (const [name, hash, act] of VIEWS) {
          await open(page, hash);
          await act(page);
          await page.waitForTimeout(200);
          const m = await page.evaluate(() => {
            const doc = document.documentElement;
            const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
            return { scroll: doc.scrollWidth, client: doc.clientWidth, body: document.body.scrollWidth, wide };
          });
          assert.ok(m.scroll <= m.client && m.body <= m.client, `${name} at ${width}px: scrollWidth ${m.scroll} (body ${m.body}) > clientWidth ${m.client}; wider: ${m.wide}`);
          const lines = await page.$$eval(".tabs a", (as) => as.map((a) => {
            const range = document.createRange();
            range.selectNodeContents(a);
            return [a.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
          }));
          for (const [label, n] of lines) assert.equal(n, 1, `menu label "${label}" on one line at ${width}px`);
        }
      } finally {
        await context.close();
      }
    });
  }

  it("shows the decision before the form at 390 px, without scrolling", async () => {
    const { context, page } = await openPage(390, 844);
    try {
      await open(page, `#/rule/${RULE}`);
      await page.click('[data-example="1"]');
      await page.evaluate(() => window.scrollTo(0, 0));
      const summary = await page.locator(".decision-summary .status").boundingBox();
      const form = await page.locator("form.facts").boundingBox();
      assert.ok(summary && summary.y + summary.height <= 844, `the summary is on the first screen: ${JSON.stringify(summary)}`);
      assert.ok(form && summary.y < form.y, "the summary comes before the form");
      const ex = example(RULE, 1);
      const amount = lib.evaluate(RULE, ex.facts, { on: ex.on }).outcome.amount;
      assert.match(await page.textContent(".decision-summary"), new RegExp(Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2 }).replace(/[.]/g, "\\.")));
    } finally {
      await context.close();
    }
  });
});

describe("screenshots (artifacts/)", () => {
  for (const width of [1280, 390]) {
    it(`the calculator, the match and a diff at ${width} px`, async () => {
      const { context, page } = await openPage(width, width < 500 ? 844 : 900);
      try {
        await open(page, `#/rule/${RULE}`);
        await page.click('[data-example="1"]');
        // The case: a 1,800,000 yuan licence from Tianjin to a Shijiazhuang enterprise.
        await page.fill('[data-input="contractAmount"]', "1800000");
        await page.waitForFunction(() => document.querySelector(".chart-section svg g.mark")?.getAttribute("data-at") === "1800000");
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(artifacts, `page-calculator-${width}.png`) });
        await page.locator(".chart-section").scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(artifacts, `page-calculator-chart-${width}.png`) });
        await open(page, "#/match");
        await page.fill("#match-on", "2025-06-01");
        await page.fill("#match-city", "shijiazhuang");
        await page.fill('form.facts [data-input="contractAmount"]', "1800000").catch(() => {});
        await page.locator("li[data-measure]").first().waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(artifacts, `page-match-${width}.png`) });
        await open(page, `#/versions/${RULE}`);
        await page.click('[data-show-hypothetical="amendment"]');
        await page.locator(".diff-chart").scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(artifacts, `page-diff-${width}.png`) });
      } finally {
        await context.close();
      }
    });
  }
});
