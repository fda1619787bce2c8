// The menus per role (issue 10): every link a role sees in the header, the
// main menu and the footer opens for that role (no 403 or 404), the training
// calendar is in every menu and on the home page, each role finds its own
// pages, and every page of a menu passes axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectAccessible, setUp, signIn, submit } from './support.mjs';
import { menuLinks, ROLES } from './roles.mjs';

describe('the menus of every role', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  for (const role of ROLES) {
    test(`${role.name} follows every link of their menu and none answers 403 or 404`, { timeout: 180000 }, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      if (role.account) await signIn(page, env.server.baseUrl, role.account);
      await page.goto(env.server.baseUrl + '/');
      const links = await menuLinks(page);
      for (const wanted of role.menuHas) assert.ok(links.includes(wanted), `${role.name} has ${wanted} in the menu: ${links}`);
      for (const unwanted of role.menuLacks) assert.ok(!links.includes(unwanted), `${role.name} has no ${unwanted}: ${links}`);

      const failures = [];
      for (const href of links) {
        const response = await page.request.get(env.server.baseUrl + href);
        if (response.status() < 200 || response.status() >= 300) failures.push(`${href}: ${response.status()}`);
      }
      assert.deepEqual(failures, [], `links of ${role.name} that do not open`);
      for (const href of links) {
        await page.goto(env.server.baseUrl + href);
        await expectAccessible(page, `${href} as ${role.name}`);
      }
      await context.close();
    });
  }

  test('the calendar is on the home page and on the resource about the training series', { timeout: 30000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await submit(page, page.locator('main').getByRole('link', { name: 'Bekijk de vormingskalender' }));
    assert.equal(new URL(page.url()).pathname, '/vorming');
    await page.goto(env.server.baseUrl + '/kennisbank/vormingsreeksen-ifg');
    await submit(page, page.locator('main').getByRole('link', { name: 'vormingskalender' }));
    assert.equal(new URL(page.url()).pathname, '/vorming');
    assert.equal(await page.locator('nav[aria-label="Hoofdmenu"] a[aria-current="page"]').getAttribute('href'), '/vorming');
    await context.close();
  });

  test('a SPOC reaches their own municipality from the menu', { timeout: 30000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, ROLES.find((r) => r.name === 'a SPOC').account);
    await submit(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn gemeente' }));
    assert.equal(new URL(page.url()).pathname, '/netwerk/gemeenten/44021');
    assert.equal(await page.locator('h1').innerText(), 'Gent');
    await context.close();
  });
});
