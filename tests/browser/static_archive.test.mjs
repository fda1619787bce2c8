// User story of the static archive (schakel export-static): a visitor opens the
// archive from files on disk, without any server, searches "kindermishandeling",
// opens a result, and leaves with the quick-exit button.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { AxeBuilder } from '@axe-core/playwright';

import { BINARY, TEST_TIMEOUT_MS, WCAG_TAGS, expectFits320, launchBrowser, visibleMainText } from './support.mjs';

// The neutral site of the quick exit: the browser's requests to it are answered
// by the test itself (no network, no server).
const NEUTRAL_URL = 'https://neutraal.invalid/weerbericht';
const NEUTRAL_HTML = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Weerbericht</title></head>
<body><main><h1>Weerbericht</h1><p>Morgen droog.</p></main></body></html>`;

function run(args) {
  const result = spawnSync(BINARY, args, { encoding: 'utf8', timeout: 120000 });
  assert.equal(result.status, 0, `schakel ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  assert.deepEqual(problems, [], `${what} has accessibility problems`);
}

describe('static archive', () => {
  let dir;
  let archive;
  let browser;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-archive-'));
    const common = ['--database', `sqlite:${path.join(dir, 'schakel.db')}`, '--data-dir', dir];
    run(['demo', ...common]);
    archive = path.join(dir, 'archief');
    const exported = run(['export-static', ...common, '--to', archive, '--quick-exit-url', NEUTRAL_URL]);
    assert.match(exported.stdout, /static archive written/);
    browser = await launchBrowser();
  }, { timeout: 180000 });
  after(async () => {
    await browser?.close().catch(() => {});
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a visitor opens the archive from disk, searches kindermishandeling and opens a result; the quick-exit button leaves the page',
    { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
      const context = await browser.newContext();
      const requests = [];
      context.on('request', (req) => requests.push(req.url()));
      await context.route(NEUTRAL_URL, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_HTML }));
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (err) => errors.push(err.message));

      await page.goto(pathToFileURL(path.join(archive, 'index.html')).href);
      assert.match(await visibleMainText(page), /intrafamiliaal geweld/i);
      await expectAccessible(page, 'the start page of the archive');

      // The site search in the header leads to the archive's own search page.
      await page.fill('#zoekterm', 'kindermishandeling');
      await page.press('#zoekterm', 'Enter');
      await page.waitForURL(/zoeken\/index\.html\?q=kindermishandeling$/);
      const results = page.locator('#zoekresultaten');
      await results.getByText(/\d+ resultaten voor/).waitFor();
      const count = Number((await results.locator('.search-count').innerText()).match(/\d+/)[0]);
      assert.ok(count >= 3, `${count} results`);
      assert.equal(await results.locator('li.card').count(), count);
      await expectAccessible(page, 'the search page with results');
      await expectFits320(page, 'the search page with results');
      await page.setViewportSize({ width: 1280, height: 720 });

      // Typing another word updates the results without a server.
      await page.fill('#archief-zoekterm', 'babobox');
      await results.getByRole('link', { name: 'Babobox', exact: true }).waitFor();
      await page.fill('#archief-zoekterm', 'kindermishandeling');
      const result = results.getByRole('link', { name: /schoolprotocol bij een vermoeden van kindermishandeling/ });
      await result.waitFor();
      await result.click();
      await page.waitForURL(/kennisbank\/demo-aalst-schoolprotocol\/index\.html$/);
      assert.match(await page.locator('h1').innerText(), /schoolprotocol/);
      // The attachment is a file of the archive.
      const attachment = await page.locator('a[download]').first().getAttribute('href');
      assert.ok(fs.existsSync(path.join(archive, 'kennisbank/demo-aalst-schoolprotocol', decodeURIComponent(attachment))),
        `attachment ${attachment}`);
      await expectAccessible(page, 'a resource page of the archive');
      await expectFits320(page, 'a resource page of the archive');

      // A link to what is only on the platform leads to a page that says so.
      await page.getByRole('link', { name: 'Aanmelden' }).click();
      await page.waitForURL(/niet-in-archief\/index\.html$/);
      assert.match(await visibleMainText(page), /alleen op het platform/);
      await page.goBack();

      await page.click('#snel-weg');
      await page.waitForURL(NEUTRAL_URL);
      assert.equal(await page.title(), 'Weerbericht');

      // No third-party code or server: every request was a file of the archive
      // (or the neutral site of the quick exit).
      const foreign = requests.filter((u) => !u.startsWith('file://') && u !== NEUTRAL_URL);
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      await context.close();
    });

  test('the list of places leads to the help in a municipality', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(archive, 'hulp/index.html')).href);
    await page.getByRole('link', { name: 'Zoek hulp bij jou in de buurt' }).click();
    await page.waitForURL(/hulp\/in-de-buurt\/index\.html$/);
    await page.getByRole('link', { name: 'Gent', exact: true }).click();
    await page.waitForURL(/hulp\/dichtbij\/[a-z2-9]{4}\/index\.html$/);
    assert.match(await visibleMainText(page), /Hulp voor Gent/);
    await expectAccessible(page, 'the help in Gent');
    await expectFits320(page, 'the help in Gent');
    await page.goBack();
    await expectAccessible(page, 'the list of places');
    await expectFits320(page, 'the list of places');
    await context.close();
  });
});
