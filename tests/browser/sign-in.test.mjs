// User stories about signing in and out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, freshTotpCode, setUp, TEST_TIMEOUT_MS } from './support.mjs';

describe('signing in', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a professional opening the sign-in form sees no error messages yet', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    assert.equal(await page.locator('h1').innerText(), 'Aanmelden');
    assert.equal(await page.locator('.error-summary').count(), 0, 'no error summary');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'no field marked invalid');
    assert.equal(await page.locator('.field-error').count(), 0, 'no field error message');
    assert.equal(await page.locator('#email').getAttribute('autocomplete'), 'username');
    assert.equal(await page.locator('#password').getAttribute('autocomplete'), 'current-password');
    assert.ok((await page.locator('input[name="_csrf"]').first().inputValue()).length > 0, 'the form carries a CSRF token');
    await context.close();
  });

  test('a wrong password marks the form with an error tied to the fields', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.fill('#email', DEMO_COORDINATOR.email);
    await page.fill('#password', 'helemaal-fout');
    await Promise.all([page.waitForNavigation(), page.locator('form.sign-in-form button[type="submit"]').click()]);
    const summary = page.locator('.error-summary');
    assert.equal(await summary.isVisible(), true);
    assert.equal(await summary.getAttribute('role'), 'alert');
    // Every field marked invalid points at a visible message.
    for (const field of await page.locator('[aria-invalid="true"]').all()) {
      const id = await field.getAttribute('aria-describedby');
      assert.ok(id, 'an invalid field is described by its message');
      const message = page.locator(`#${id}`);
      assert.equal(await message.isVisible(), true);
      assert.ok((await message.innerText()).replace('Fout:', '').trim().length > 0, 'the message is not empty');
    }
    assert.equal(await page.locator('text=Aangemeld als').count(), 0);
    await context.close();
  });

  test('the demo coordinator signs in, sees who is signed in, and signs out', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await page.getByRole('link', { name: 'Aanmelden' }).first().click();
    await page.waitForURL(/\/aanmelden/);

    await page.fill('#email', DEMO_COORDINATOR.email);
    await page.fill('#password', DEMO_COORDINATOR.password);
    await Promise.all([page.waitForNavigation(), page.locator('form.sign-in-form button[type="submit"]').click()]);

    // A coordinator has a second factor: the code of an authenticator app.
    assert.equal(new URL(page.url()).pathname, '/aanmelden/tweede-stap');
    assert.equal(await page.locator('text=Aangemeld als').count(), 0, 'the password alone does not sign in');
    await page.fill('#code', await freshTotpCode(DEMO_COORDINATOR.totpSecret));
    await Promise.all([page.waitForNavigation(), page.locator('form.second-factor-form button[type="submit"]').click()]);

    const account = page.locator('header .account');
    assert.match(await account.innerText(), /Aangemeld als\s+Demo Coördinator/);
    assert.equal(await page.locator('header a[href="/aanmelden"]').count(), 0, 'no sign-in link while signed in');
    assert.match(await page.locator('[role="status"]').innerText(), /aangemeld/i, 'a message confirms the sign-in');
    assert.ok((await context.cookies()).length >= 1, 'a session cookie was set');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Afmelden' }).click()]);
    assert.equal(await page.locator('text=Aangemeld als').count(), 0, 'signed out');
    assert.equal(await page.locator('header a[href="/aanmelden"]').count(), 1, 'the sign-in link is back');

    // Still signed out after opening a page anew.
    await page.goto(env.server.baseUrl + '/netwerk');
    assert.equal(await page.locator('text=Aangemeld als').count(), 0);
    await context.close();
  });
});
