// Public pages leave no traces with other parties: nothing from another
// origin, and no cookies for anonymous visitors. A form brings one session
// cookie, which the privacy statement names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectAccessible, PUBLIC_PAGES, setUp, TEST_TIMEOUT_MS } from './support.mjs';

describe('privacy of visitors', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a visitor browsing the public pages loads nothing from another origin', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    for (const path of [...PUBLIC_PAGES, '/aanmelden', '/bestaat-niet']) {
      await page.goto(env.server.baseUrl + path, { waitUntil: 'networkidle' });
    }
    const kinds = new Set(requests.map((u) => new URL(u).pathname.split('.').pop()));
    assert.ok(kinds.has('css') && kinds.has('js') && kinds.has('svg'), `stylesheet, script and images were loaded: ${[...kinds]}`);
    const foreign = requests.filter((u) => new URL(u).origin !== env.server.origin);
    assert.deepEqual(foreign, [], 'every request goes to the server itself');
    await context.close();
  });

  test('an anonymous visitor on public pages gets no cookie', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const setCookies = [];
    page.on('response', async (res) => {
      const headers = await res.allHeaders().catch(() => ({}));
      if (headers['set-cookie']) setCookies.push(`${res.url()}: ${headers['set-cookie']}`);
    });
    let responses = 0;
    page.on('response', () => responses++);
    for (const path of PUBLIC_PAGES) {
      const response = await page.goto(env.server.baseUrl + path, { waitUntil: 'networkidle' });
      assert.equal(response.status(), 200, path);
    }
    // Pages visited twice may come from a cache; look at them fresh too.
    await page.reload({ waitUntil: 'networkidle' });
    assert.ok(responses >= PUBLIC_PAGES.length, 'responses were seen');
    assert.deepEqual(setCookies, [], 'no Set-Cookie header');
    assert.deepEqual(await context.cookies(), [], 'no cookie in the browser');
    await context.close();
  });

  test('a visitor who opens a form gets only a session cookie that the privacy statement lists', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    for (const path of ['/aanmelden', '/registreren', '/wachtwoord-vergeten', '/vorming/eigen-referentiekader-demo/inschrijven']) {
      const response = await page.goto(env.server.baseUrl + path);
      assert.equal(response.status(), 200, path);
    }
    const cookies = await context.cookies();
    assert.ok(cookies.length >= 1, 'the forms set their cookie');
    for (const cookie of cookies) {
      assert.equal(cookie.expires, -1, `${cookie.name} is a session cookie, gone when the browser closes`);
      assert.ok(cookie.httpOnly && cookie.secure, `${cookie.name} is HttpOnly and Secure`);
    }
    await page.goto(env.server.baseUrl + '/privacy#cookies');
    await expectAccessible(page, 'the privacy statement');
    const listed = await page.locator('.cookie-list dt').allInnerTexts();
    for (const cookie of cookies) assert.ok(listed.includes(cookie.name), `${cookie.name} is on /privacy`);
    await context.close();
  });
});
