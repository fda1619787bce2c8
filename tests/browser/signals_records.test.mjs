// User stories of signals and needs (issue 13, part "records"): a SPOC adds a
// signal with the quick form, is refused for a phone number in the text,
// rewrites it and saves; the coordinator groups two signals into a need whose
// page tells its story. Every page passes axe-core and fits 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit } from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

// A page fits a 320 px wide phone: no horizontal scroll of the document.
async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('signals and needs', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a SPOC adds a signal, is refused for a phone number in the text, rewrites it and saves', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await submit(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen' }));
    assert.equal(new URL(page.url()).pathname, '/signalen');
    await expectAccessible(page, 'the list of signals');
    await expectFits320(page, 'the list of signals');
    await submit(page, page.getByRole('link', { name: 'Signaal melden' }));
    await expectAccessible(page, 'the quick form');
    await expectFits320(page, 'the quick form');

    // Good defaults: her municipality and today; the rest is folded away.
    assert.equal(await page.locator('#nis_code').inputValue(), '44021');
    assert.match(await page.locator('#observed_on').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(await page.locator('details').getAttribute('open'), null);

    const withPhone = 'Ouders in de wijk weten niet waar ze hulp vinden; ze bellen de buurtwerker op 0470 12 34 56.';
    await page.locator('#description').fill(withPhone);
    await page.getByLabel('Kindermishandeling').check();
    const refused = await submit(page, page.getByRole('button', { name: 'Signaal bewaren' }));
    assert.equal(refused.status(), 422);
    const error = page.locator('#description-fout');
    assert.match(await error.innerText(), /telefoonnummer/);
    assert.doesNotMatch(await error.innerText(), /0470/);
    // What she typed is still there to rewrite, and the theme is still ticked.
    assert.equal(await page.locator('#description').inputValue(), withPhone);
    assert.ok(await page.getByLabel('Kindermishandeling').isChecked());
    await expectAccessible(page, 'the quick form with the refusal');

    const rewritten = 'Ouders in de wijk weten niet waar ze hulp vinden; de buurtwerker verwijst door naar 1712.';
    await page.locator('#description').fill(rewritten);
    const saved = await submit(page, page.getByRole('button', { name: 'Signaal bewaren' }));
    assert.equal(saved.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/signalen\/\d+$/);
    assert.match(await page.locator('main').innerText(), /verwijst door naar 1712/);
    await expectAccessible(page, 'the page of the new signal');
    await expectFits320(page, 'the page of the new signal');
    await page.goto(env.server.baseUrl + '/signalen');
    assert.match(await page.locator('main').innerText(), /verwijst door naar 1712/);
    assert.doesNotMatch(await page.locator('main').innerText(), /0470/);
    await context.close();
  });

  test('the coordinator groups two signals into a need', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/signalen?gemeente=44021&thema=child_abuse&status=open');
    await expectAccessible(page, 'the filtered list of signals');
    const items = page.locator('.record');
    const teachers = items.filter({ hasText: 'Leerkrachten in het basisonderwijs' });
    const clb = items.filter({ hasText: 'Het CLB hoort' });
    await teachers.locator('input[type="checkbox"]').check();
    await clb.locator('input[type="checkbox"]').check();
    await submit(page, page.getByRole('button', { name: 'Groepeer in een nood' }));
    assert.equal(new URL(page.url()).pathname, '/noden/nieuw');
    await expectAccessible(page, 'the form of a new need');
    await expectFits320(page, 'the form of a new need');
    // Prefilled from the two signals: their municipality and theme, both ticked.
    assert.equal(await page.locator('#nis_code').inputValue(), '44021');
    assert.ok(await page.getByLabel('Kindermishandeling').isChecked());
    assert.equal(await page.locator('#signals input[type="checkbox"]:checked').count(), 2);

    // Without a title it comes back with the message at its field.
    const refused = await submit(page, page.getByRole('button', { name: 'Nood bewaren' }));
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('#title-fout').innerText(), /korte titel/);
    assert.equal(await page.locator('#signals input[type="checkbox"]:checked').count(), 2);
    await page.locator('#title').fill('Scholen missen een aanpak voor gesprekken over thuis');
    await submit(page, page.getByRole('button', { name: 'Nood bewaren' }));
    assert.match(new URL(page.url()).pathname, /^\/noden\/\d+$/);
    const main = await page.locator('main').innerText();
    assert.match(main, /Nood benoemd: Scholen missen een aanpak/);
    assert.equal((main.match(/Signaal gekoppeld: #\d+ uit Gent/g) || []).length, 2);
    assert.match(main, /Signaal opgevangen/);
    await expectAccessible(page, 'the page of the need with its timeline');
    await expectFits320(page, 'the page of the need');
    // Ungrouping one signal on the edit form is told in the timeline.
    await submit(page, page.getByRole('link', { name: 'Nood aanpassen' }));
    await expectAccessible(page, 'the edit form of a need');
    await page.locator('#signals input[type="checkbox"]').first().uncheck();
    await submit(page, page.getByRole('button', { name: 'Wijzigingen bewaren' }));
    assert.match(await page.locator('main').innerText(), /Signaal losgekoppeld: #\d+ uit Gent/);
    // The new need is in the list of Gent's outstanding needs.
    await page.goto(env.server.baseUrl + '/noden?gemeente=44021&thema=child_abuse&status=openstaand');
    assert.match(await page.locator('main').innerText(), /2 noden/);
    assert.match(await page.locator('main').innerText(), /Scholen missen een aanpak/);
    await expectAccessible(page, 'the filtered list of needs');
    await expectFits320(page, 'the list of needs');
    await context.close();
  });
});
