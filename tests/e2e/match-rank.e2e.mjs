// End-to-end test of the ranked match view (issue #18) in Debian's Chromium, headless: the total of the
// amounts first, the measure with an amount first, and the contract amount asked before the inputs other
// measures still need. Opens docs/site/ from the file system (built by `npm run site`); any request that
// leaves this machine fails the test. Screenshots at desktop and phone width go to artifacts/.
// Run: npm run site && node --test tests/e2e/match-rank.e2e.mjs
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { artifacts, launchBrowser, site } from "./harness.mjs";

const RULE = "sjz-2025/absorption-subsidy";

let browser;
before(async () => {
  assert.ok(existsSync(join(site, "index.html")), "docs/site/ is not built: run `npm run site` first");
  mkdirSync(artifacts, { recursive: true });
  browser = await launchBrowser();
});
after(async () => browser?.close());

/**
 * The match view of a fresh page, for an enterprise in Shijiazhuang on 2025-06-01; `problems` collects page
 * errors and any request that leaves this machine (which is aborted).
 */
async function openMatch() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.route("**/*", (route) => (/^(file|data|blob|about):/.test(route.request().url()) ? route.continue() : (problems.push(route.request().url()), route.abort())));
  await page.goto(`${pathToFileURL(join(site, "index.html")).href}#/match`);
  await page.waitForSelector('article[data-view="match"]');
  await page.fill("#match-on", "2025-06-01");
  await page.selectOption("#match-type", "enterprise");
  await page.fill("#match-city", "shijiazhuang");
  return { page, problems };
}

describe("the ranked match view", () => {
  it("shows the total first, the measure with an amount first, and asks for the contract amount first", async () => {
    const { page, problems } = await openMatch();
    await page.waitForSelector('[data-facts="amount"] [data-input="contractAmount"]');
    // Before any fact, the subsidy needs 3 inputs and other benefits fewer: its inputs still come first.
    const inputs = await page.$$eval("form.facts [data-input]", (els) => els.map((e) => e.getAttribute("data-input")));
    assert.deepEqual(inputs.slice(0, 3), ["contractAmount", "transferMode", "sourceRegion"], "the inputs deciding an amount come first");
    await page.fill('form.facts [data-input="contractAmount"]', "1800000");
    await page.selectOption('form.facts select[data-input="transferMode"]', "license");
    await page.selectOption('form.facts select[data-input="sourceRegion"]', "beijing");
    await page.waitForSelector('[data-total="140000.00"]');
    const results = page.locator("#match-results");
    const order = await results.locator("h3, p.total, p[data-summary], li[data-measure]").evaluateAll((els) => els.map((e) => e.getAttribute("data-measure") ?? e.className ?? e.tagName));
    assert.equal(order[1], "total", "the total comes right after the heading, before the counts and every measure");
    const first = results.locator("li[data-measure]").first();
    assert.equal(await first.getAttribute("data-measure"), RULE);
    assert.equal(await first.getAttribute("data-amount"), "140000.00");
    assert.match(await page.textContent("[data-total]"), /140,000\.00/);
    await results.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "e2e-match-ranked.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.querySelector("#match-results")?.scrollIntoView());
    await page.screenshot({ path: join(artifacts, "e2e-match-ranked-phone.png") });
    assert.deepEqual(problems, [], "no page error, no request leaving the machine");
    await page.close();
  });

  it("filters the match by kind and by document, none ticked meaning all", async () => {
    const { page, problems } = await openMatch();
    await page.waitForSelector(`li[data-measure="${RULE}"]`);
    const measures = () => page.$$eval("#match-results li[data-measure]", (els) => els.map((e) => ({ id: e.getAttribute("data-measure"), kind: e.getAttribute("data-kind"), document: e.getAttribute("data-document") })));
    const all = await measures();
    assert.ok(new Set(all.map((m) => m.kind)).size > 1 && new Set(all.map((m) => m.document)).size > 1, `an unfiltered match spans kinds and documents: ${JSON.stringify(all.slice(0, 5))}`);
    // The page's filters give what the library gives for the same options.
    await page.check('input[data-filter="kind"][value="benefit"]');
    await page.waitForFunction(() => [...document.querySelectorAll("#match-results li[data-measure]")].every((e) => e.getAttribute("data-kind") === "benefit"));
    const benefits = await measures();
    assert.deepEqual(benefits, all.filter((m) => m.kind === "benefit"), "only the benefits, in the same order");
    await page.check('input[data-filter="document"][value="sjz-2025"]');
    await page.waitForFunction(() => [...document.querySelectorAll("#match-results li[data-measure]")].every((e) => e.getAttribute("data-document") === "sjz-2025"));
    const both = await measures();
    assert.ok(both.length > 0 && both.length < benefits.length, `benefits of sjz-2025 only: ${both.length} of ${benefits.length}`);
    assert.deepEqual(both, benefits.filter((m) => m.document === "sjz-2025"));
    // Unticked: all again.
    await page.uncheck('input[data-filter="kind"][value="benefit"]');
    await page.uncheck('input[data-filter="document"][value="sjz-2025"]');
    await page.waitForFunction((n) => document.querySelectorAll("#match-results li[data-measure]").length === n, all.length);
    assert.deepEqual(await measures(), all);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("gives a benefit that just misses its nearest change (450,000 is under the 500,000 threshold)", async () => {
    const { page, problems } = await openMatch();
    await page.waitForSelector('[data-facts="amount"] [data-input="contractAmount"]');
    await page.fill('form.facts [data-input="contractAmount"]', "450000");
    await page.selectOption('form.facts select[data-input="transferMode"]', "license");
    await page.selectOption('form.facts select[data-input="sourceRegion"]', "tianjin");
    const card = page.locator(`li[data-measure="${RULE}"]`);
    await card.locator("[data-nearest]").waitFor();
    assert.equal(await card.getAttribute("data-amount"), null, "no amount is granted at 450,000");
    assert.equal(await card.locator("[data-nearest]").getAttribute("data-nearest"), "contractAmount");
    // The change the library computes for the same match, not a copied text: the threshold in grouped yuan.
    assert.match(await card.locator("[data-nearest]").textContent(), /500,000/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
