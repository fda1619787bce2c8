// User stories of the help pages for citizens (issue 12): a citizen on a phone
// reaches a help page from the home page through the Hulp menu in two steps,
// without cookies, without requests to another origin, within 50 KB, at 320 px
// and without JavaScript; a coordinator edits a help page, sees its readability
// score and restores an earlier revision.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit, TEST_TIMEOUT_MS } from './support.mjs';

const HELP_PAGES = ['/hulp', '/hulp/geweld-thuis', '/hulp/partnergeweld', '/hulp/kindermishandeling', '/hulp/ouderenmishandeling'];

// Bytes on the wire (headers and compressed bodies) to load `path` in a fresh
// page without cache, from the browser's own network events (CDP).
async function transferredBytes(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let total = 0;
  const urls = [];
  const byId = new Map();
  cdp.on('Network.requestWillBeSent', (e) => byId.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    total += e.encodedDataLength;
    urls.push(byId.get(e.requestId));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await context.close();
  return { total, urls };
}

describe('help pages for citizens', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a citizen on a 360 px screen opens a help page from the home page in at most two steps', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const otherOrigins = [];
    const cookiesSet = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== env.server.origin) otherOrigins.push(request.url());
    });
    page.on('response', async (response) => {
      const header = await response.headerValue('set-cookie').catch(() => null);  // page may be closed
      if (header) cookiesSet.push(`${response.url()}: ${header}`);
    });

    await page.goto(env.server.baseUrl + '/');
    // Step 1: Hulp in the main menu.
    await submit(page, page.locator('nav[aria-label="Hoofdmenu"] a', { hasText: 'Hulp' }));
    assert.equal(new URL(page.url()).pathname, '/hulp');
    assert.equal(await page.locator('h1').innerText(), 'Hulp');
    await expectAccessible(page, '/hulp at 360 px');
    // Step 2: the page about partner violence.
    await submit(page, page.locator('main a', { hasText: 'Partnergeweld' }));
    assert.equal(new URL(page.url()).pathname, '/hulp/partnergeweld');
    assert.equal(await page.locator('h1').innerText(), 'Partnergeweld');
    for (const heading of ['Wat is het?', 'Hoe herken je het?', 'Wat kun je doen als je iets vermoedt?',
      'Hoe begin je een gesprek?', 'Waar kun je terecht?']) {
      assert.equal(await page.locator('main h2', { hasText: heading }).count(), 1, heading);
    }
    assert.ok(await page.locator('main a[href="tel:1712"]').count() > 0, '1712 is a tel: link');
    assert.ok(await page.locator('main a[href="tel:112"]').count() > 0, '112 is a tel: link');
    await expectAccessible(page, '/hulp/partnergeweld at 360 px');

    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(cookiesSet, [], 'no Set-Cookie on the way to a help page');
    assert.deepEqual((await context.cookies()), []);
    assert.deepEqual(otherOrigins, [], 'nothing loaded from another origin');
    // Neither title nor address names anything a person may want to hide beyond the theme.
    assert.doesNotMatch(await page.title(), /zoek|gemeente/i);
    await context.close();
  });

  test('every help page fits 320 px, passes axe-core and sets no cookie', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of HELP_PAGES) {
      const response = await page.goto(env.server.baseUrl + path);
      assert.equal(response.status(), 200, path);
      assert.equal(await response.headerValue('set-cookie'), null, path);
      assert.equal(await response.headerValue('cache-control'), 'no-store', path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width} px wide at 320 px`);
      await expectAccessible(page, `${path} at 320 px`);
    }
    assert.deepEqual(await context.cookies(), []);
    await context.close();
  });

  test('a help page weighs under 50 KB on the wire', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const path of HELP_PAGES.slice(1)) {
      const { total, urls } = await transferredBytes(env.browser, env.server.baseUrl + path);
      assert.ok(total > 1000, `${path}: the measurement saw the page (${total} bytes)`);
      assert.ok(total < 50 * 1024, `${path}: ${total} bytes for ${urls.join(', ')}`);
      console.log(`transfer size of ${path}: ${total} bytes (${urls.length} requests)`);
    }
  });

  test('the help pages work with JavaScript disabled', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await submit(page, page.locator('nav[aria-label="Hoofdmenu"] a', { hasText: 'Hulp' }));
    await submit(page, page.locator('main a', { hasText: 'Kindermishandeling' }));
    assert.equal(new URL(page.url()).pathname, '/hulp/kindermishandeling');
    assert.match(await page.locator('main').innerText(), /buurkind/);
    // The contents link to their sections without script.
    await page.locator('nav[aria-label="Op deze pagina"] a', { hasText: 'Hoe begin je een gesprek?' }).click();
    assert.equal(new URL(page.url()).hash, '#talk');
    await context.close();
  });

  test('a coordinator edits a help page, sees the readability score and restores an earlier revision', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/hulp/ouderenmishandeling');
    await submit(page, page.getByRole('link', { name: 'Deze pagina bewerken' }));
    assert.equal(new URL(page.url()).pathname, '/hulp/ouderenmishandeling/bewerken');
    const score = page.locator('#leesbaarheid');
    assert.match(await score.innerText(), /Makkelijk te lezen/);
    await expectAccessible(page, 'the help page editor');

    // A hard text: the score warns before anything is saved.
    await page.fill('#talk', 'Intrafamiliaal geweld veroorzaakt langdurige psychologische schade bij slachtoffers, '
      + 'waardoor multidisciplinaire samenwerking tussen hulpverleningsorganisaties noodzakelijk is.');
    // With JavaScript the score follows the typing; without it, the button measures on the server.
    await page.waitForFunction(() => /Moeilijk te lezen/.test(document.getElementById('leesbaarheid').innerText), null, { timeout: 5000 });
    await submit(page, page.getByRole('button', { name: 'Leesbaarheid meten zonder te bewaren' }));
    assert.match(await page.locator('#leesbaarheid').innerText(), /Moeilijk te lezen/);
    assert.match(await page.locator('#leesbaarheid').innerText(), /nog niet bewaard/);

    // Saved with a new title: the page shows it and the history has a second version.
    await page.fill('#title', 'Ouderen en geweld');
    await submit(page, page.getByRole('button', { name: 'Bewaren', exact: true }));
    assert.equal(new URL(page.url()).pathname, '/hulp/ouderenmishandeling');
    assert.equal(await page.locator('h1').innerText(), 'Ouderen en geweld');

    await submit(page, page.getByRole('link', { name: 'Geschiedenis', exact: true }));
    assert.match(await page.locator('main').innerText(), /Versie 2 \(huidige\)/);
    await expectAccessible(page, 'the history of a help page');
    await submit(page, page.getByRole('button', { name: 'Versie 1 terugzetten' }));
    assert.match(await page.locator('main').innerText(), /Versie 3 \(huidige\)/);
    await page.goto(env.server.baseUrl + '/hulp/ouderenmishandeling');
    assert.equal(await page.locator('h1').innerText(), 'Geweld tegen ouderen');
    assert.doesNotMatch(await page.locator('main').innerText(), /Intrafamiliaal/);
    await context.close();
  });
});
