// User stories about the home page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { setUp, TEST_TIMEOUT_MS } from './support.mjs';

describe('home page', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a visitor opens the home page and learns what Schakel is', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(env.server.baseUrl + '/');
    assert.equal(response.status(), 200);

    assert.match(await page.title(), /Schakel/);
    const h1 = page.locator('h1');
    assert.equal(await h1.count(), 1, 'exactly one h1');
    assert.match(await h1.innerText(), /intrafamiliaal geweld/i);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');

    // The four strategic goals, in order.
    const goals = page.locator('ol.goal-list > li');
    assert.equal(await goals.count(), 4);
    assert.match(await goals.nth(0).innerText(), /Expertise/);
    assert.match(await goals.nth(3).innerText(), /Signalen/);

    // The way to help for citizens.
    const main = page.locator('main#inhoud');
    assert.match(await main.innerText(), /1712/);
    assert.match(await main.innerText(), /112/);
    assert.equal(await page.locator('main a[href="/veilig-surfen"]').count() > 0, true);

    // The quick exit is a real link to the neutral site, on screen.
    const exit = page.locator('#snel-weg');
    assert.equal(await exit.isVisible(), true);
    assert.equal(await exit.getAttribute('href'), env.server.neutralUrl);
    assert.equal(await exit.getAttribute('rel'), 'noreferrer');
    assert.equal((await exit.innerText()).trim(), 'Snel weg');
    await context.close();
  });

  test('the member municipalities show the lead municipality and say they are demo data', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    const members = page.locator('.member-list > li');
    assert.ok((await members.count()) >= 2, 'several member municipalities are listed');
    const lead = members.filter({ hasText: 'trekker' });
    assert.equal(await lead.count(), 1, 'one municipality is marked as trekker');
    assert.match(await lead.innerText(), /Gent/);
    assert.equal(await page.locator('.notice-demo').isVisible(), true, 'the demo notice is shown');
    await context.close();
  });

  test('a visitor sees which municipalities take part in the network', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(env.server.baseUrl + '/netwerk');
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').count(), 1);
    const rows = page.locator('table.member-table tbody tr');
    assert.ok((await rows.count()) >= 2, 'several municipalities');
    const lead = rows.filter({ hasText: 'trekker' });
    assert.equal(await lead.count(), 1);
    assert.match(await lead.innerText(), /Gent/);
    assert.equal(await page.locator('.notice-demo').isVisible(), true, 'the demo notice is shown');
    assert.equal(await page.locator('nav[aria-label="Hoofdmenu"] a[aria-current="page"]').getAttribute('href'), '/netwerk');
    await context.close();
  });

  test('on a 320 px wide phone the home page needs no sideways scrolling', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.equal(clientWidth, 320);
    assert.ok(scrollWidth <= 320, `page is ${scrollWidth} px wide`);

    // The quick exit stays on screen and is large enough to tap.
    const box = await page.locator('#snel-weg').boundingBox();
    assert.ok(box, 'quick exit has a box');
    assert.ok(box.x >= 0 && box.x + box.width <= 320, 'quick exit is inside the screen');
    assert.ok(box.height >= 44 && box.width >= 44, `quick exit is ${box.width}x${box.height}`);
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(100);
    const scrolled = await page.locator('#snel-weg').boundingBox();
    assert.ok(scrolled.y >= 0 && scrolled.y < 80, 'quick exit stays at the top when scrolling');
    await context.close();
  });
});
