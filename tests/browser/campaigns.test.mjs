// User stories of the postcards campaign (issue 12): a SPOC registers the cards
// they handed out and downloads their municipality's postcard; the coordinator
// sees the totals chart on a 320 px screen and downloads the XLSX; a citizen
// follows a postcard's QR URL and gets no cookie. Every page passes axe-core.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit, TEST_TIMEOUT_MS } from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

// reference::place_code (src/reference/place_code.cpp): the neutral code of a NIS code.
function placeCode(nis) {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let value = (Number(nis) * 40503 + 7919) % 100003;
  let out = '';
  for (let i = 0; i < 4; i += 1) {
    out = alphabet[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

// A page fits a 320 px wide phone: no horizontal scroll of the document.
async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
}

describe('the postcards campaign', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test("a SPOC registers distributed cards and downloads their municipality's postcard", { timeout: 60000 }, async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/netwerk/mijn-gemeente');
    await submit(page, page.getByRole('link', { name: /Postkaarten voor burgers/ }));
    assert.equal(new URL(page.url()).pathname, '/campagnes/postkaarten');
    await expectAccessible(page, 'the campaign page');
    await submit(page, page.getByRole('link', { name: 'Verdeling van Gent in Ronde 1 (demo)' }));
    await expectAccessible(page, 'the distribution list');
    const rows = page.locator('table tbody tr');
    const before = await rows.count();

    // A wrong number first: the form says why and keeps the list as it was.
    await page.getByLabel('Thema', { exact: true }).last().selectOption({ label: 'Ouderenmis(be)handeling' });
    await page.getByLabel('Waar gingen de kaarten naartoe?').selectOption({ label: 'Bibliotheek' });
    await page.locator('#cards').fill('-20');
    const refused = await submit(page, page.getByRole('button', { name: 'Toevoegen' }));
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('.error-summary').innerText(), /niet negatief/);
    assert.equal(await rows.count(), before);
    await expectAccessible(page, 'the distribution list with an error');

    await page.locator('#cards').fill('120');
    await submit(page, page.getByRole('button', { name: 'Toevoegen' }));
    assert.equal(await rows.count(), before + 1);
    assert.match(await rows.last().innerText(), /Ouderenmis\(be\)handeling\s+Bibliotheek\s+120/);
    // A mistake is corrected on the row's own form.
    await submit(page, rows.last().getByRole('link', { name: /^Aanpassen/ }));
    await expectAccessible(page, 'the form of one row');
    await page.locator('#cards').fill('130');
    await submit(page, page.getByRole('button', { name: 'Regel bewaren' }));
    assert.match(await rows.last().innerText(), /Ouderenmis\(be\)handeling\s+Bibliotheek\s+130/);
    await expectFits320(page, 'the distribution list');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(env.server.baseUrl + '/campagnes/postkaarten');
    await submit(page, page.getByRole('link', { name: 'Hulplijnen van Gent aanpassen' }));
    await page.locator('#phone_2').fill('09 12');
    assert.equal((await submit(page, page.getByRole('button', { name: 'Hulplijnen bewaren' }))).status(), 422);
    assert.match(await page.locator('.error-summary').innerText(), /Belgisch telefoonnummer/);
    await expectAccessible(page, 'the help lines with an error');
    await page.goto(env.server.baseUrl + '/campagnes/postkaarten');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'kaart A6 Kindermishandeling Gent (pdf)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'postkaart-child_abuse-44021-a6.pdf');
    const pdf = await fs.readFile(await download.path());
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    // Another municipality's cards are not offered.
    assert.equal(await page.getByRole('link', { name: /Aalst \(pdf\)/ }).count(), 0);
    await context.close();
  });

  test('the coordinator sees the totals chart at 320 px and downloads the XLSX', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/netwerk/beheer');
    await submit(page, page.getByRole('link', { name: /Postkaarten voor burgers/ }));
    await submit(page, page.getByRole('link', { name: 'Tekst van de kaart over Partnergeweld aanpassen' }));
    await page.locator('#tips').fill('Maar één tip.');
    assert.equal((await submit(page, page.getByRole('button', { name: 'Kaart bewaren' }))).status(), 422);
    assert.match(await page.locator('.error-summary').innerText(), /Schrijf minstens 2 tips/);
    await expectAccessible(page, 'the postcard editor with an error');
    await page.goto(env.server.baseUrl + '/campagnes/postkaarten');
    await submit(page, page.getByRole('link', { name: 'Totalen van Ronde 1 (demo)' }));
    assert.match(new URL(page.url()).pathname, /^\/campagnes\/rondes\/\d+\/totalen$/);
    assert.ok(await page.locator('svg[role="img"]').count() >= 3, 'a chart per theme, municipality and place type');
    assert.ok(await page.locator('table').count() >= 3, 'the numbers are in tables');
    await expectAccessible(page, 'the totals of a round');
    await expectFits320(page, 'the totals of a round');
    // No label of a chart is cut: every text lies inside its chart's drawing.
    const clipped = await page.evaluate(() => {
      const out = [];
      for (const svg of document.querySelectorAll('svg[role="img"]')) {
        const box = svg.viewBox.baseVal;
        for (const text of svg.querySelectorAll('text')) {
          const b = text.getBBox();
          if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5
              || b.y + b.height > box.y + box.height + 0.5) out.push(text.textContent);
        }
      }
      return out;
    });
    assert.deepEqual(clipped, [], 'no chart label is clipped');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Totalen downloaden (Excel)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^postkaarten-ronde-\d+\.xlsx$/);
    const xlsx = await fs.readFile(await download.path());
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    await context.close();
  });

  test('a citizen follows a postcard QR URL', { timeout: TEST_TIMEOUT_MS }, async () => {
    const url = `${env.server.baseUrl}/k/k${placeCode('44021')}`;
    const answer = await fetch(url, { redirect: 'manual' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), `/hulp/dichtbij/${placeCode('44021')}`);
    assert.equal(answer.headers.get('set-cookie'), null);
    assert.equal(answer.headers.get('cache-control'), 'no-store');

    const context = await env.browser.newContext();
    const page = await context.newPage();
    const setCookies = [];
    page.on('response', async (res) => {
      const headers = await res.allHeaders().catch(() => ({}));  // the page may be closed by then
      if (headers['set-cookie']) setCookies.push(res.url());
    });
    await page.goto(url);
    assert.equal(new URL(page.url()).pathname, `/hulp/dichtbij/${placeCode('44021')}`);
    // The card leads to the help services of Gent, under a title that names no place.
    assert.match(await page.title(), /^Hulp in de buurt/);
    assert.doesNotMatch(await page.title(), /Gent/);
    await page.getByRole('heading', { level: 4, name: /Onthaal CAW Gent/ }).waitFor();
    assert.ok(await page.locator('main a[href^="tel:"]').count() > 0, 'phone numbers are tel: links');
    await expectAccessible(page, 'the local help a postcard leads to');
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(setCookies, []);
    // A mistyped code says so and shows the way to help.
    const unknown = await page.goto(`${env.server.baseUrl}/k/zzzzz`);
    assert.equal(unknown.status(), 404);
    assert.equal(await page.getByRole('link', { name: 'Hulp', exact: true }).count() >= 1, true);
    await expectAccessible(page, 'the page of an unknown code');
    await context.close();
  });
});
