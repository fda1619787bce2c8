// User story of issue 14, part "initiatives across levels and domains": a
// professional opens the overview of running initiatives and open funding calls
// from the kennisbank, sees the demo call that closes within 30 days, and
// narrows the open calls down by policy level and domain with the search
// facets. Every page passes axe-core and fits 320 px.
//
// The demo dates its funding calls from today: "preventie van geweld op school"
// (Flemish; education, youth) closes in 12 days, the European call on partner
// violence (justice, police, welfare) in 75 days, a provincial one closed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PROFESSIONAL, expectAccessible, setUp, signIn, submit } from './support.mjs';

const SOON = 'Demo: projectoproep preventie van geweld op school';
const EUROPEAN = 'Demo: Europese oproep samenwerking tegen partnergeweld';

async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('initiatives and funding calls', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a professional finds a closing call and filters open calls by level and domain', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    await page.goto(env.server.baseUrl + '/kennisbank');
    await submit(page, page.getByRole('link', { name: 'Initiatieven en projectoproepen per beleidsniveau en domein' }));
    assert.equal(new URL(page.url()).pathname, '/initiatieven');
    await expectAccessible(page, 'the overview of initiatives');
    await expectFits320(page, 'the overview of initiatives');

    const closing = page.locator('section.closing-calls');
    const item = closing.getByRole('listitem').filter({ hasText: SOON });
    assert.equal(await item.count(), 1, 'the call closing in 12 days is listed');
    assert.match(await item.innerText(), /nog 12 dagen/);
    assert.equal(await closing.getByText(EUROPEAN).count(), 0, 'a call 75 days away is not');

    // The figure of open Flemish calls opens the search with the same count.
    const flemish = page.getByRole('link', { name: 'Open projectoproepen, Vlaams: 1' });
    await submit(page, flemish);
    assert.equal(new URL(page.url()).pathname, '/zoeken');
    assert.match(await page.locator('.result-count').innerText(), /^1 resultaat/);
    assert.equal(await page.getByRole('link', { name: SOON }).count(), 1);
    await expectAccessible(page, 'the search for open Flemish calls');

    // All open calls, then the facets: level European, domain Justice.
    await page.goto(env.server.baseUrl + '/initiatieven');
    await submit(page, page.getByRole('link', { name: 'Alle open projectoproepen' }));
    assert.match(await page.locator('.result-count').innerText(), /^2 resultaten/);
    const levels = page.locator('section.facet').filter({ has: page.getByRole('heading', { name: 'Beleidsniveau' }) });
    await submit(page, levels.getByRole('link', { name: /Europees/ }));
    assert.match(await page.locator('.result-count').innerText(), /^1 resultaat/);
    const domains = page.locator('section.facet').filter({ has: page.getByRole('heading', { name: 'Beleidsdomein' }) });
    await submit(page, domains.getByRole('link', { name: /Justitie/ }));
    assert.match(await page.locator('.result-count').innerText(), /^1 resultaat/);
    assert.equal(await page.getByRole('link', { name: EUROPEAN }).count(), 1);
    assert.equal(await page.getByRole('link', { name: SOON }).count(), 0);
    await expectAccessible(page, 'the search filtered by level and domain');
    await expectFits320(page, 'the filtered search');

    // The call's page shows its deadline.
    await submit(page, page.getByRole('link', { name: EUROPEAN }));
    assert.match(await page.locator('main').innerText(), /Uiterste indiendatum/);
    assert.match(await page.locator('main').innerText(), /nog 75 dagen/);
    await context.close();
  });
});
