// The story of issue 13 across its parts, as the coordinator lives it: two
// signals from Gent become a need, an action answers the need and serves a goal,
// a training series becomes the action's output, and the coverage matrix and the
// roll-up per goal change with each step. Every page passes axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit } from './support.mjs';

// The figures the overview shows for Gent and child abuse, and for goal 1.
async function figures(page, baseUrl) {
  await page.goto(baseUrl + '/signalen/overzicht');
  const cell = (list) =>
    page.locator(`a[href^="/${list}?gemeente=44021&thema=child_abuse&"]`).innerText();
  const number = (text) => Number(text.match(/^(\d+)/)[1]);
  const goalRow = page
    .locator('table:has(caption:text-is("Voortgang per doelstelling")) tbody tr')
    .filter({ hasText: 'Expertise bundelen' });
  const cells = goalRow.locator('td');
  return {
    needs: number(await cell('noden')),
    actions: number(await cell('acties')),
    goalActions: (await goalRow.count()) ? Number(await cells.nth(0).innerText()) : 0,
    goalProgress: (await goalRow.count()) ? Number((await cells.nth(1).innerText()).replace('%', '')) : 0,
  };
}

describe('from signals to a result', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('the coordinator groups two signals into a need, answers it with an action whose output is a training series, and sees the matrix and the roll-up change', { timeout: 120000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const base = env.server.baseUrl;
    await signIn(page, base, DEMO_COORDINATOR);
    const before = await figures(page, base);
    await expectAccessible(page, 'the overview before');

    // Two signals of Gent on child abuse become one need.
    await page.goto(base + '/signalen?gemeente=44021&thema=child_abuse&status=open');
    const items = page.locator('.record');
    await items.nth(0).locator('input[type="checkbox"]').check();
    await items.nth(1).locator('input[type="checkbox"]').check();
    await submit(page, page.getByRole('button', { name: 'Groepeer in een nood' }));
    const needTitle = 'Ouders vinden de weg naar opvoedingsondersteuning niet';
    await page.locator('#title').fill(needTitle);
    await submit(page, page.getByRole('button', { name: 'Nood bewaren' }));
    assert.match(new URL(page.url()).pathname, /^\/noden\/\d+$/);
    const needPath = new URL(page.url()).pathname;

    const afterNeed = await figures(page, base);
    assert.equal(afterNeed.needs, before.needs + 1, 'one more open need in the cell');
    assert.equal(afterNeed.actions, before.actions);

    // An action answers it, serves goal 1 and is done for 80 percent.
    await page.goto(base + '/acties/nieuw');
    await page.locator('#title').fill('Infoavonden over opvoedingsondersteuning');
    await page.getByLabel('Een partnerorganisatie').check();
    await page.locator('#owner_partner').fill('Huis van het Kind (demo)');
    await page.locator('#starts_on').fill('2026-01-05');
    await page.locator('#ends_on').fill('2030-06-30');
    await page.locator('#progress').fill('80');
    await page.getByLabel(`${needTitle} (Gent)`).check();
    await page.getByLabel('1. Expertise bundelen').check();
    await submit(page, page.getByRole('button', { name: 'Actie bewaren' }));
    assert.match(new URL(page.url()).pathname, /^\/acties\/\d+$/);
    const actionPath = new URL(page.url()).pathname;

    // Its output: the demo training series on elder abuse, linked from the action.
    await page.locator('#output_kind').selectOption({ label: 'vormingsreeks' });
    await page.locator('#output_series').selectOption({ label: 'Ouderenmis(be)handeling (demo)' });
    await submit(page, page.getByRole('button', { name: 'Output toevoegen' }));
    const output = page.locator('#outputs + ul').getByRole('link', { name: 'Ouderenmis(be)handeling (demo)' });
    assert.match(await output.getAttribute('href'), /^\/vorming\//);
    await expectAccessible(page, 'the action with its output');

    const afterAction = await figures(page, base);
    assert.equal(afterAction.needs, before.needs + 1);
    assert.equal(afterAction.actions, before.actions + 1, 'one more running action in the cell');
    assert.equal(afterAction.goalActions, before.goalActions + 1, 'one more action for goal 1');
    // The roll-up is the mean over the goal's top-level actions, the new one at 80.
    const expected = Math.round((before.goalProgress * before.goalActions + 80) / (before.goalActions + 1));
    assert.ok(Math.abs(afterAction.goalProgress - expected) <= 1,
      `goal 1 moves from ${before.goalProgress}% to about ${expected}% (shows ${afterAction.goalProgress}%)`);
    await expectAccessible(page, 'the overview after');

    // The need's story now runs from its signals to the action that answers it.
    await page.goto(base + needPath);
    const story = await page.locator('main').innerText();
    assert.match(story, /Signaal opgevangen/);
    assert.match(story, /Infoavonden over opvoedingsondersteuning/);
    assert.ok(await page.locator(`a[href="${actionPath}"]`).count() > 0, 'the need links its action');
    await context.close();
  });
});
