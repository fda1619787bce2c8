// User story of the read API's page: a developer finds it from the footer of
// any page, reads how the API works and fetches its OpenAPI description.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectAccessible, setUp, submit, TEST_TIMEOUT_MS } from './support.mjs';

describe('API page', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a developer finds the API page in the footer and fetches the OpenAPI document', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/kennisbank');
    await submit(page, page.getByRole('navigation', { name: 'Voettekst' }).getByRole('link', { name: 'API voor ontwikkelaars' }));
    assert.equal(new URL(page.url()).pathname, '/api');
    assert.equal(await page.locator('h1').innerText(), 'API voor ontwikkelaars');
    await expectAccessible(page, 'the API page');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the page fits a 320 px screen (${width} px)`);

    const href = await page.getByRole('link', { name: /OpenAPI-beschrijving/ }).getAttribute('href');
    const doc = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href);
    assert.equal(doc.status, 200);
    assert.equal(doc.type, 'application/yaml');
    assert.match(doc.text, /^openapi: 3\.1\.0\n/);
    assert.match(doc.text, /\/api\/v1\/resources:/);
    await context.close();
  });
});
