// User stories of the kennisbank (first part of issue 4): a visitor reads the
// demo resources, a SPOC of Gent adds a resource, edits it and finds the change
// in its history, and every page passes axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  setUp, signIn, TEST_TIMEOUT_MS, expectAccessible, submit,
} from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

describe('the kennisbank', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a visitor reads the list and a resource, and both pages are accessible', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    assert.equal((await page.goto(env.server.baseUrl + '/kennisbank')).status(), 200);
    assert.ok(await page.getByRole('link', { name: 'Babobox' }).count() >= 1, 'the Babobox is listed');
    await expectAccessible(page, '/kennisbank');
    await submit(page, page.getByRole('link', { name: 'Beleidsaanbevelingen van het intergemeentelijk platform' }));
    assert.equal(await page.locator('h1').innerText(), 'Beleidsaanbevelingen van het intergemeentelijk platform');
    assert.equal(await page.locator('.markdown li').count(), 4, 'the Markdown list is rendered');
    assert.equal(await page.getByRole('link', { name: 'Bewerken' }).count(), 0, 'no edit link for a visitor');
    await expectAccessible(page, 'a resource page');
    await context.close();
  });

  test('a SPOC of Gent adds a resource, edits it and finds the change in its history', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    assert.equal((await page.goto(env.server.baseUrl + '/kennisbank/nieuw')).status(), 200);
    await expectAccessible(page, 'the empty form');

    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.match(await page.locator('.error-summary').innerText(), /Vul een titel in/);
    assert.equal(await page.locator('#title').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'the form with errors');

    await page.getByLabel('Titel').fill('Stappenplan voor onthaalmedewerkers');
    await page.getByLabel('Korte samenvatting').fill('Wat een onthaalmedewerker doet bij een vermoeden van geweld.');
    await page.getByLabel('Beschrijving').fill('Stap een: luisteren.\nStap twee: doorverwijzen naar 1712.');
    await page.getByRole('checkbox', { name: 'Partnergeweld' }).check();
    await page.getByLabel('Status').selectOption({ label: 'Gepubliceerd' });
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.equal(new URL(page.url()).pathname, '/kennisbank/stappenplan-voor-onthaalmedewerkers');
    assert.equal(await page.locator('h1').innerText(), 'Stappenplan voor onthaalmedewerkers');

    await submit(page, page.getByRole('link', { name: 'Bewerken' }));
    await page.getByLabel('Beschrijving').fill('Stap een: luisteren.\nStap twee: bel 1712 of, bij gevaar, 112.');
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    await submit(page, page.getByRole('link', { name: 'Geschiedenis' }));
    assert.equal(await page.locator('.revision').count(), 2);
    assert.match(await page.locator('.diff-added').first().innerText(), /bij gevaar, 112/);
    assert.match(await page.locator('.diff-removed').first().innerText(), /doorverwijzen naar 1712/);
    await expectAccessible(page, 'the history page');

    await submit(page, page.getByRole('button', { name: 'Versie 1 terugzetten' }));
    assert.equal(await page.locator('.revision').count(), 3, 'restoring adds a revision');
    await page.goto(env.server.baseUrl + '/kennisbank/stappenplan-voor-onthaalmedewerkers');
    assert.match(await page.locator('.markdown').innerText(), /doorverwijzen naar 1712/);
    await context.close();
  });
});
