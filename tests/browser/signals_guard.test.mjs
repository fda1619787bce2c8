// User stories of the guard part of issue 13: a SPOC searches signals, needs and
// actions on /signalen/zoeken with the filters (a page that works without
// JavaScript: a plain GET form, passes axe-core and fits 320 px); a professional
// is refused. The
// search's visibility rules are checked in src/signals/search_test.cpp.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PROFESSIONAL, expectAccessible, setUp, signIn, submit, TEST_TIMEOUT_MS } from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('searching signals, needs and actions', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a SPOC searches with filters and a bad filter gets a Dutch message', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/signalen/zoeken');
    assert.equal(await page.locator('nav.signals-tabs a[href="/signalen/zoeken"][aria-current="page"]').count(), 1);
    await expectAccessible(page, 'the search page');
    await expectFits320(page, 'the search page');

    await page.getByLabel('Waar zoek je naar?').fill('ouderen');
    await page.getByLabel('Soort').selectOption({ label: 'Noden' });
    await page.getByLabel('Gemeente').selectOption({ label: 'Bovenlokaal' });
    const response = await submit(page, page.locator('#inhoud').getByRole('button', { name: 'Zoeken' }));
    assert.equal(response.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('soort'), 'nood');
    assert.equal(url.searchParams.get('gemeente'), 'bovenlokaal');
    assert.match(await page.locator('.result-count').innerText(), /resulta(at|ten) voor „ouderen”/);
    await expectAccessible(page, 'the results');
    await expectFits320(page, 'the results');

    const bad = await page.goto(env.server.baseUrl + '/signalen/zoeken?soort=persoon');
    assert.equal(bad.status(), 400);
    assert.match(await page.locator('.error-summary').innerText(), /Kies als soort signaal, nood of actie/);
    await expectAccessible(page, 'the refused search');
    await context.close();
  });

  test('a professional is refused', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    const response = await page.goto(env.server.baseUrl + '/signalen/zoeken?q=ouderen');
    assert.equal(response.status(), 403);
    await context.close();
  });
});
