// Local help (issue 12, directory): a citizen on a phone finds the help services near
// them by postcode, with phone numbers to tap, without the place in the URL or the
// title, without a cookie and without anything from another origin; and a SPOC adds
// a help service for their municipality that citizens then find.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit } from './support.mjs';

const PASSWORD = 'schakel-demo-2026';

// Watches a page: every request's origin, every Set-Cookie, and the bytes of HTML,
// CSS and JS transferred (as sent: compressed bodies and their headers).
function watch(page, baseUrl) {
  const seen = { otherOrigins: [], setCookies: [], bytes: 0, pending: [] };
  const origin = new URL(baseUrl).origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) seen.otherOrigins.push(request.url());
  });
  page.on('response', (response) => {
    seen.pending.push((async () => {
      try {
        const headers = await response.allHeaders();
        if (headers['set-cookie']) seen.setCookies.push(`${response.url()}: ${headers['set-cookie']}`);
        if (/text\/html|text\/css|javascript/.test(headers['content-type'] || '')) {
          const sizes = await response.request().sizes();
          seen.bytes += sizes.responseBodySize + sizes.responseHeadersSize;
        }
      } catch (error) {
        // A response that arrives after the test closed its page (a late favicon or
        // prefetch) cannot be read any more; it is not part of what the test counted.
        if (!page.isClosed() && !/has been closed/.test(String(error))) throw error;
      }
    })());
  });
  // Waits until every response seen so far is counted.
  seen.settle = async () => {
    await page.waitForLoadState('load');
    await Promise.all(seen.pending);
  };
  return seen;
}

async function lookUp(page, baseUrl, place) {
  await page.goto(baseUrl + '/hulp/in-de-buurt');
  await page.fill('#plaats', place);
  return submit(page, page.locator('form.local-help-form button[type="submit"]'));
}

describe('local help', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  for (const javaScriptEnabled of [true, false]) {
    test(`a citizen on a 360 px screen enters a postcode and sees local services with tappable phone numbers (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, { timeout: 60000 }, async () => {
      const base = env.server.baseUrl;
      const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled });
      const page = await context.newPage();
      const seen = watch(page, base);
      const response = await lookUp(page, base, '9000');
      assert.equal(response.status(), 200);

      // The URL and the title do not name the place.
      const url = new URL(page.url());
      assert.match(url.pathname, /^\/hulp\/dichtbij\/[a-z2-9]{4}$/);
      assert.equal(url.search, '');
      for (const word of ['9000', 'gent']) {
        assert.ok(!page.url().toLowerCase().includes(word), `the URL names ${word}: ${page.url()}`);
        assert.ok(!(await page.title()).toLowerCase().includes(word), `the title names ${word}`);
      }
      assert.match(await page.title(), /Hulp in de buurt/);

      // Local services, with phone numbers as tel: links; the way to 112, 101 and 1712.
      const main = page.locator('main');
      await main.getByRole('heading', { name: /Onthaal CAW Gent/ }).waitFor();
      const localPhone = main.locator('.help-service a[href^="tel:+32"]').first();
      assert.ok(await localPhone.isVisible(), 'a local phone number to tap');
      for (const number of ['112', '101', '1712'])
        assert.equal(await main.locator(`a[href="tel:${number}"]`).count() > 0, true, `tel:${number}`);
      assert.ok(await main.getByText('(demo)').first().isVisible(), 'made-up details say (demo)');

      // No cookie, nothing from another origin, light.
      await seen.settle();
      assert.deepEqual(await context.cookies(), []);
      if (javaScriptEnabled) assert.equal(await page.evaluate(() => document.cookie), '');
      assert.deepEqual(seen.setCookies, []);
      assert.deepEqual(seen.otherOrigins, []);
      // The result page on its own, with an empty cache, as a first visit would load it.
      const fresh = await env.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled });
      const freshPage = await fresh.newPage();
      const weighed = watch(freshPage, base);
      await freshPage.goto(page.url());
      await weighed.settle();
      assert.ok(weighed.bytes > 0 && weighed.bytes < 50 * 1024, `transferred: ${weighed.bytes} bytes`);
      console.log(`local help page: ${weighed.bytes} bytes of HTML, CSS and JS transferred`);
      await fresh.close();

      if (javaScriptEnabled) await expectAccessible(page, 'the local help page');
      // Fits 320 px without sideways scrolling.
      await page.setViewportSize({ width: 320, height: 640 });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320);
      await page.goto(base + '/hulp/in-de-buurt');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320);
      if (javaScriptEnabled) await expectAccessible(page, 'the local help form');
      await context.close();
    });
  }

  test('a citizen who types an unknown place gets a clear message', { timeout: 30000 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const response = await lookUp(page, env.server.baseUrl, 'Atlantis');
    assert.equal(response.status(), 422);
    assert.ok(await page.getByText('We vinden deze plaats niet').first().isVisible());
    assert.equal(new URL(page.url()).pathname, '/hulp/in-de-buurt');
    await expectAccessible(page, 'the local help form with an error');
    assert.deepEqual(await context.cookies(), []);
    await context.close();
  });

  test('the coordinator reads in a broken HSDS file and is told which records are wrong', { timeout: 60000 }, async () => {
    const base = env.server.baseUrl;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, DEMO_COORDINATOR);
    await page.goto(base + '/netwerk/beheer');
    await submit(page, page.getByRole('link', { name: /Hulpaanbod beheren/ }));
    // The download, fetched by the page with its session.
    const download = () => page.evaluate(async () => {
      const response = await fetch('/netwerk/hulpaanbod/hsds.json');
      return { status: response.status, text: await response.text() };
    });
    const exported = await download();
    assert.equal(exported.status, 200);
    const doc = JSON.parse(exported.text);
    assert.ok(doc.services.length > 40, 'the demo directory');
    doc.phones[0].number = 'bel ons';
    await submit(page, page.getByRole('link', { name: 'Een bestand inlezen' }));
    await expectAccessible(page, 'the import form');
    await page.setInputFiles('#bestand', { name: 'hulp.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const refused = await submit(page, page.getByRole('button', { name: 'Inlezen' }));
    assert.equal(refused.status(), 422);
    assert.ok(await page.getByText(/services, record 1 \(svc-1\): ongeldig telefoonnummer "bel ons"/).isVisible());
    await expectAccessible(page, 'the import form with its problems');
    assert.equal((await download()).text, exported.text, 'nothing changed');
    await context.close();
  });

  test('a SPOC adds a help service for their municipality and sees it in the local help', { timeout: 60000 }, async () => {
    const base = env.server.baseUrl;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, { email: 'spoc.gent@demo.schakel.be', password: PASSWORD });
    // From the menu to their municipality, and from there to the services.
    await submit(page, page.locator('nav a[href="/netwerk/mijn-gemeente"]').first());
    await submit(page, page.getByRole('link', { name: /Hulpaanbod beheren/ }));
    await expectAccessible(page, 'the list of services');
    await submit(page, page.getByRole('link', { name: 'Hulp toevoegen' }));
    await expectAccessible(page, 'the form of a service');
    await page.fill('#organisatie', 'Buurtwerk Gent');
    await page.fill('#naam', 'Praatpunt Rabot');
    await page.fill('#omschrijving', 'Je kunt hier praten over wat er thuis gebeurt.');
    await page.selectOption('#soort', 'andere');
    await page.check('#thema-partner_violence');
    await page.fill('#telefoons', '09 111 22 33: Onthaal');
    await page.fill('#openingsuren', 'di-do 13:00-16:00');
    const saved = await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.equal(new URL(page.url()).pathname, '/netwerk/hulpaanbod');
    assert.equal(saved.status(), 200);
    assert.ok(await page.getByText('Praatpunt Rabot').first().isVisible());

    const citizen = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    const citizenPage = await citizen.newPage();
    await lookUp(citizenPage, base, 'Gent');
    const card = citizenPage.locator('.help-service', { hasText: 'Praatpunt Rabot' });
    assert.equal(await card.locator('a[href="tel:+3291112233"]').count(), 1);
    assert.ok(await card.getByText('di-do 13:00-16:00').isVisible());
    await citizen.close();
    await context.close();
  });
});
