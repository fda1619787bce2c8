// Everything essential works with JavaScript switched off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { setUp, signIn, submit, TEST_TIMEOUT_MS } from './support.mjs';

describe('without JavaScript', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a visitor without JavaScript reads the home page and can still leave with Snel weg', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(env.server.baseUrl + '/');
    assert.equal(response.status(), 200);
    assert.match(await page.locator('h1').innerText(), /intrafamiliaal geweld/i);
    assert.equal(await page.locator('ol.goal-list > li').count(), 4);

    const exit = page.locator('#snel-weg');
    assert.equal(await exit.isVisible(), true);
    assert.equal(await exit.getAttribute('href'), env.server.neutralUrl);
    await exit.click();
    await page.waitForURL(env.server.neutralUrl);
    assert.equal(await page.title(), 'Weerbericht');
    await context.close();
  });

  test('a professional without JavaScript gets a clear error for a wrong password', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.fill('#email', 'coordinator@demo.schakel.be');
    await page.fill('#password', 'fout-wachtwoord');
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.locator('form.sign-in-form button[type="submit"]').click(),
    ]);
    assert.ok(response.status() >= 400 && response.status() < 500, `status ${response.status()}`);
    assert.equal(new URL(page.url()).pathname, '/aanmelden');
    const summary = page.locator('.error-summary');
    assert.equal(await summary.isVisible(), true, 'an error summary is shown');
    assert.ok((await summary.innerText()).trim().length > 'Aanmelden is niet gelukt'.length, 'it says what went wrong');
    assert.equal(await page.inputValue('#email'), 'coordinator@demo.schakel.be', 'the e-mail address is kept');
    assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');
    assert.equal(await page.locator('text=Aangemeld als').count(), 0);
    await context.close();
  });

  test('a SPOC without JavaScript is asked for a kind and gets only the fields of the chosen kind', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' });
    await page.goto(env.server.baseUrl + '/kennisbank/nieuw');
    assert.equal(await page.locator('.error-summary').count(), 0, 'no error before the step is sent');
    // Going on without a choice: the step again, with a clear error.
    const response = await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.equal(response.status(), 400);
    assert.equal(await page.locator('.error-summary').isVisible(), true);
    assert.match(await page.locator('.error-summary').innerText(), /Kies wat voor fiche het is/);
    assert.equal(await page.getByLabel('Titel').count(), 0, 'no form without a kind');

    // An initiative: the assessment fields, no podcast fields.
    await page.getByRole('radio', { name: 'Initiatief' }).check();
    await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.equal(await page.getByLabel('Aanleiding').isVisible(), true);
    assert.equal(await page.getByLabel('Onderbouwing').isVisible(), true);
    assert.equal(await page.getByLabel('Duur').count(), 0);

    // Campaign material: neither.
    await submit(page, page.getByRole('link', { name: 'Andere soort kiezen' }));
    await page.getByRole('radio', { name: 'Campagnemateriaal' }).check();
    await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.match(await page.locator('.chosen-kind').innerText(), /Soort: Campagnemateriaal/);
    assert.equal(await page.getByLabel('Aanleiding').count(), 0);
    assert.equal(await page.getByLabel('Onderbouwing').count(), 0);
    assert.equal(await page.getByLabel('Duur').count(), 0);
    assert.equal(await page.getByLabel('Titel').isVisible(), true);
    await context.close();
  });
});
