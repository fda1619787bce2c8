// axe-core finds no WCAG 2.1 A/AA violations on any page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { AxeBuilder } from '@axe-core/playwright';

import { PUBLIC_PAGES, WCAG_TAGS, setUp, TEST_TIMEOUT_MS } from './support.mjs';

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

async function checkPage(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.ok(results.passes.length > 0, `axe ran checks on ${label}`);
  assert.deepEqual(results.violations.map((v) => v.id), [], `${label}:\n${describeViolations(results.violations)}`);
}

describe('accessibility', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  for (const path of [...PUBLIC_PAGES, '/aanmelden']) {
    test(`a screen-reader user finds no WCAG problems on ${path}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(env.server.baseUrl + path);
      assert.equal(response.status(), 200);
      await checkPage(page, path);
      await context.close();
    });
  }

  test('a visitor who mistypes an address gets an accessible 404 page', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(env.server.baseUrl + '/bestaat-niet');
    assert.equal(response.status(), 404);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('main a[href="/"]').count() > 0, true, 'a link back home');
    assert.equal(await page.locator('#snel-weg').count(), 1, 'the quick exit is there too');
    assert.doesNotMatch(await page.locator('main').innerText(), /Referentie/, 'no incident reference for a plain 404');
    await checkPage(page, '/bestaat-niet');
    await context.close();
  });

  test('the sign-in page stays accessible after a wrong password', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.fill('#email', 'coordinator@demo.schakel.be');
    await page.fill('#password', 'dit-is-niet-het-wachtwoord');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form.sign-in-form button[type="submit"]').click(),
    ]);
    assert.equal(await page.locator('.error-summary').isVisible(), true, 'an error summary is shown');
    await checkPage(page, '/aanmelden after a failed sign-in');
    await context.close();
  });
});
