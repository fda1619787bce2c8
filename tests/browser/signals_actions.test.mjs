// User stories of actions (issue 13): the coordinator creates an action, is
// refused for a phone number in its text and rewrites it, links a training
// series as the action's output and sees it on the action page with its
// timeline; a SPOC sees the list filtered by standing. Every page passes
// axe-core and fits 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit } from './support.mjs';

const SPOC_AALST = { email: 'spoc.aalst@demo.schakel.be', password: 'schakel-demo-2026' };

// A page fits a 320 px wide phone: no horizontal scroll of the document.
async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('actions', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test("the coordinator links a training series as an action's output", { timeout: 90000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/acties');
    await expectAccessible(page, 'the list of actions');
    await expectFits320(page, 'the list of actions');
    await submit(page, page.getByRole('link', { name: 'Nieuwe actie' }));
    await expectAccessible(page, 'the form of a new action');
    await expectFits320(page, 'the form of a new action');

    await page.locator('#title').fill('Vorming voor huisartsen, bel 0470 12 34 56');
    await page.getByLabel('Een partnerorganisatie').check();
    await page.locator('#owner_partner').fill('Huisartsenkring (demo)');
    await page.locator('#ends_on').fill('2027-06-30');
    await page.getByLabel('2. Professionals vormen').check();
    const refused = await submit(page, page.getByRole('button', { name: 'Actie bewaren' }));
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('.error-summary').innerText(), /telefoonnummer/);
    await expectAccessible(page, 'the form refused for a phone number');

    await page.locator('#title').fill('Vorming voor huisartsen');
    await submit(page, page.getByRole('button', { name: 'Actie bewaren' }));
    assert.match(new URL(page.url()).pathname, /^\/acties\/\d+$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Vorming voor huisartsen');

    await page.locator('#output_kind').selectOption({ label: 'vormingsreeks' });
    await page.locator('#output_series').selectOption({ label: 'Ouderenmis(be)handeling (demo)' });
    await submit(page, page.getByRole('button', { name: 'Output toevoegen' }));
    const output = page.locator('#outputs + ul').getByRole('link', { name: 'Ouderenmis(be)handeling (demo)' });
    assert.equal(await output.getAttribute('href'), '/vorming/ouderenmishandeling-demo');
    const timeline = await page.locator('ol.timeline').innerText();
    assert.match(timeline, /Actie aangemaakt: Vorming voor huisartsen/);
    assert.match(timeline, /Output toegevoegd: vormingsreeks Ouderenmis\(be\)handeling \(demo\)/);
    await expectAccessible(page, 'the action page');
    await expectFits320(page, 'the action page');

    await submit(page, output);
    assert.equal(new URL(page.url()).pathname, '/vorming/ouderenmishandeling-demo');
    await context.close();
  });

  test('a SPOC sees the actions past their end date', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_AALST);
    await page.goto(env.server.baseUrl + '/acties');
    await page.locator('#stand').selectOption({ label: 'Over de einddatum' });
    await submit(page, page.getByRole('button', { name: 'Filteren' }));
    assert.match(page.url(), /stand=voorbij/);
    const list = await page.locator('.action-list').innerText();
    assert.match(list, /Gespreksleidraad voor leerkrachten/);
    assert.doesNotMatch(list, /Intervisie voor SPOC/);
    await expectAccessible(page, 'the filtered list');
    await submit(page, page.getByRole('link', { name: 'Gespreksleidraad voor leerkrachten' }));
    assert.equal(await page.getByRole('link', { name: 'Actie aanpassen' }).count(), 0);
    await expectAccessible(page, "another municipality's action");
    await context.close();
  });
});
