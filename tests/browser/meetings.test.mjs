// The user story of platform meetings (issue 14): a SPOC proposes an agenda
// item; the coordinator puts it on the agenda, records who came, writes the
// minutes, adds an action point and turns it into an action, whose page links
// back to the meeting. Every page passes axe-core and fits 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit } from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };
const MEETING = '[Demo] Netwerkoverleg winter';

async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('platform meetings', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a SPOC proposes an item; the coordinator runs the meeting and turns an action point into an action', { timeout: 120000 }, async () => {
    const base = env.server.baseUrl;
    const spocContext = await env.browser.newContext();
    const spoc = await spocContext.newPage();
    await signIn(spoc, base, SPOC_GENT);
    await spoc.goto(base + '/');
    await submit(spoc, spoc.getByRole('link', { name: 'Overleg', exact: true }).first());
    assert.equal(new URL(spoc.url()).pathname, '/overleg');
    await expectAccessible(spoc, 'the meetings list');
    await expectFits320(spoc, 'the meetings list');
    await submit(spoc, spoc.getByRole('link', { name: MEETING }));
    const meetingPath = new URL(spoc.url()).pathname;
    await expectAccessible(spoc, 'the meeting page of a SPOC');

    // An empty title first: the form says why.
    const refused = await submit(spoc, spoc.getByRole('button', { name: 'Voorstel versturen' }));
    assert.equal(refused.status(), 422);
    assert.match(await spoc.locator('.error-summary').innerText(), /titel/);
    await spoc.locator('#title').fill('Cijfers van de politiezone over partnergeweld');
    await spoc.locator('#minutes_planned').fill('15');
    await submit(spoc, spoc.getByRole('button', { name: 'Voorstel versturen' }));
    assert.match(await spoc.locator('main').innerText(), /Cijfers van de politiezone over partnergeweld voorgesteld/i);
    await spocContext.close();

    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, DEMO_COORDINATOR);
    const shown = await page.goto(base + meetingPath);
    assert.equal(shown.status(), 200);
    await submit(page, page.getByRole('button', { name: /^Op de agenda\W+Cijfers van de politiezone/ }));
    const agenda = page.locator('ol.meeting-agenda');
    assert.match(await agenda.innerText(), /Cijfers van de politiezone/);
    // Up one place, without JavaScript's help: a plain form.
    await submit(page, page.getByRole('button', { name: /^Omhoog\W+Cijfers van de politiezone/ }));
    assert.match(await agenda.locator('li').first().innerText(), /Cijfers van de politiezone/);

    // Attendance: a checklist of the invited.
    await page.locator('input[name="attendees"]').first().check();
    await submit(page, page.getByRole('button', { name: 'Aanwezigheid bewaren' }));
    assert.ok(await page.locator('input[name="attendees"]:checked').count() >= 1);

    // Minutes of the new item, in Markdown.
    const minutes = page.locator('textarea[name="minutes"]').first();
    await minutes.fill('De politiezone ziet **meer meldingen** bij jonge koppels.');
    await submit(page, page.getByRole('button', { name: /^Verslag bewaren\W+Cijfers/ }));
    assert.match(await page.locator('.meeting-minutes strong').first().innerText(), /meer meldingen/);

    // An action point, then an action made from it.
    await page.locator('#point_text').fill('Cijfers van de politiezone delen met de SPOC\'s');
    await page.locator('#point_owner').selectOption({ index: 0 });
    await page.locator('#point_due_on').fill('2030-06-30');
    await submit(page, page.getByRole('button', { name: 'Actiepunt bewaren' }));
    await expectAccessible(page, 'the meeting page of the coordinator');
    await expectFits320(page, 'the meeting page');
    await submit(page, page.getByRole('button', { name: /Maak er een actie van\W+Cijfers van de politiezone delen/ }));
    assert.match(new URL(page.url()).pathname, /^\/acties\/\d+$/);
    const origin = page.locator('.action-origin a');
    assert.match(await origin.innerText(), /Netwerkoverleg winter/);
    await expectAccessible(page, 'the action made from an action point');
    const actionPath = new URL(page.url()).pathname;
    await submit(page, origin);
    assert.equal(new URL(page.url()).pathname, meetingPath);
    assert.ok(await page.locator(`a[href="${actionPath}"]`).count() >= 1, 'the action point links its action');

    await page.goto(base + '/overleg/actiepunten');
    await expectAccessible(page, 'the open action points');
    await expectFits320(page, 'the open action points');
    await context.close();
  });
});
