// User stories of the network's goals and the coordinator's overview (issue 13,
// part "overview"): a visitor opens a goal from the home page and sees the
// network's public actions; the coordinator reads the coverage matrix and the
// roll-ups on a phone. Every page passes axe-core and fits 320 px.
//
// Besides the demo, the stories add a few rows of their own (in Hasselt, on
// sibling violence, serving goal 4: places the demo leaves empty) so that
// their figures hold whatever the demo holds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit, SYSTEM_PYTHON } from './support.mjs';

const SHOWN = 'Praatgroep voor broers en zussen (test)';
const HIDDEN = 'Interne werkgroep van Genk (test)';

// Two open signals and an open need in Hasselt on sibling violence; SHOWN
// answers the need (public, progress 40, running), HIDDEN does not (not public,
// status "Loopt" = 50). Both serve goal 4, whose roll-up is then 45 (40 + 50) / 2.
const SEED = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
c = db.cursor()
for _ in range(2):
    c.execute("INSERT INTO signals (nis_code, description, observed_on, created_at, updated_at) VALUES ('71072', 'Ruzies tussen broers', '2026-01-10', 1, 1)")
    c.execute("INSERT INTO signal_themes (signal_id, theme) VALUES (?, 'sibling_violence')", (c.lastrowid,))
c.execute("INSERT INTO needs (title, nis_code, status, created_at, updated_at) VALUES ('Geen aanbod rond broers en zussen (test)', '71072', 'open', 1, 1)")
need = c.lastrowid
c.execute("INSERT INTO need_themes (need_id, theme) VALUES (?, 'sibling_violence')", (need,))
status = c.execute("SELECT id FROM action_statuses WHERE label = 'Loopt'").fetchone()[0]
def action(title, nis, progress, public, ends):
    c.execute("INSERT INTO actions (title, owner_kind, owner_nis_code, starts_on, ends_on, status_id, progress, is_public, created_at, updated_at) VALUES (?, 'municipality', ?, '2000-01-01', ?, ?, ?, ?, 1, 1)", (title, nis, ends, status, progress, public))
    c.execute("INSERT INTO action_goals (action_id, goal_number) VALUES (?, 4)", (c.lastrowid,))
    return c.lastrowid
shown = action(sys.argv[2], '71072', 40, 1, '2999-12-31')
c.execute("INSERT INTO action_needs (action_id, need_id) VALUES (?, ?)", (shown, need))
c.execute("INSERT INTO action_indicators (action_id, name, value, target, unit) VALUES (?, 'bereikte jongeren', 12, 30, 'jongeren')", (shown,))
action(sys.argv[3], '71016', None, 0, '2001-01-01')
db.commit()
`;

function seed(databaseFile) {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', SEED, databaseFile, SHOWN, HIDDEN], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`seeding failed: ${run.stderr}`);
}

// A page fits a 320 px wide phone: no horizontal scroll of the document.
async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
}

describe('goals and the coordinator overview', () => {
  let env;
  before(async () => {
    env = await setUp({ beforeServe: seed });
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test("a visitor opens a goal from the home page and sees the network's public actions", { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await submit(page, page.getByRole('link', { name: 'Signalen omzetten in acties' }));
    assert.equal(new URL(page.url()).pathname, '/doelen/4');
    await expectAccessible(page, 'the page of goal 4');
    const card = page.locator('.action-card').filter({ hasText: SHOWN });
    assert.equal(await card.count(), 1, 'the public action is shown');
    const bar = card.getByRole('progressbar', { name: 'Voortgang: 40%' });
    assert.equal(await bar.getAttribute('value'), '40');
    assert.match(await card.innerText(), /bereikte jongeren\s+12 van 30 jongeren/);
    assert.equal(await page.getByText(HIDDEN).count(), 0, 'a non-public action is not shown');
    assert.match(await page.locator('main').innerText(), /Gemiddelde voortgang van 1 publieke actie: 40%/);
    await expectFits320(page, 'the page of goal 4');
    await page.setViewportSize({ width: 1280, height: 800 });

    // On to every public action of the network, grouped by goal.
    await submit(page, page.getByRole('link', { name: 'Wat doet het netwerk?' }).first());
    assert.equal(new URL(page.url()).pathname, '/wat-doet-het-netwerk');
    await expectAccessible(page, '"Wat doet het netwerk?"');
    const goal4 = page.locator('section').filter({ has: page.getByRole('heading', { name: /Doelstelling 4/ }) });
    assert.match(await goal4.innerText(), new RegExp(SHOWN.replace(/[()]/g, '\\$&')));
    assert.equal(await page.getByText(HIDDEN).count(), 0);
    await expectFits320(page, '"Wat doet het netwerk?"');
    // The footer links the page on every page.
    await page.goto(env.server.baseUrl + '/privacy');
    assert.equal(await page.locator('footer').getByRole('link', { name: 'Wat doet het netwerk?' }).count(), 1);
    await context.close();
  });

  test('the coordinator reads the coverage matrix and the roll-ups on a phone', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/signalen/overzicht');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Overzicht van signalen, noden en acties');
    await expectAccessible(page, 'the overview');
    await expectFits320(page, 'the overview');

    // The matrix lies in its own focusable region, which scrolls when it is wider
    // than the phone; a row header names Hasselt.
    const region = page.getByRole('region', { name: 'Signalen, noden en acties per gemeente en thema' });
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.ok(await region.evaluate((el) => el.getBoundingClientRect().right <= 320 && getComputedStyle(el).overflowX === 'auto'),
      'the matrix scrolls inside its region, not the page');
    const hasselt = page.locator('.coverage-matrix tr').filter({ has: page.getByRole('rowheader', { name: 'Hasselt' }) });
    const signals = hasselt.getByRole('link', { name: '2 signalen' });
    assert.equal(await signals.getAttribute('href'), '/signalen?gemeente=71072&thema=sibling_violence&status=open');
    assert.equal(await hasselt.getByRole('link', { name: '1 open nood' }).getAttribute('href'),
      '/noden?gemeente=71072&thema=sibling_violence&status=openstaand');
    assert.equal(await hasselt.getByRole('link', { name: '1 lopende actie' }).getAttribute('href'),
      '/acties?gemeente=71072&thema=sibling_violence&stand=lopend');

    // Three roll-ups, each a chart with the same figures in a table.
    assert.equal(await page.locator('svg[role="img"]').count(), 3);
    const goals = page.getByRole('table', { name: 'Voortgang per doelstelling' });
    assert.match(await goals.getByRole('row', { name: /Doelstelling 4/ }).innerText(), /2\s+45%/);
    // No label of a chart is cut: every text lies inside its chart's drawing.
    const clipped = await page.evaluate(() => {
      const out = [];
      for (const svg of document.querySelectorAll('svg[role="img"]')) {
        const box = svg.viewBox.baseVal;
        for (const text of svg.querySelectorAll('text')) {
          const b = text.getBBox();
          if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5) out.push(text.textContent);
        }
      }
      return out;
    });
    assert.deepEqual(clipped, []);

    // The lists: the overdue action (also without a need) links to its page.
    const late = page.getByRole('list', { name: 'Acties over hun einddatum' }).getByRole('link', { name: HIDDEN });
    assert.match(await late.getAttribute('href'), /^\/acties\/\d+$/);
    // The goal page offers the coordinator the edit form and the report.
    await page.goto(env.server.baseUrl + '/doelen/4');
    assert.equal(await page.getByRole('link', { name: 'Rapport downloaden (pdf)' }).getAttribute('href'), '/doelen/4/rapport.pdf');
    await submit(page, page.getByRole('link', { name: 'Doelstelling aanpassen' }));
    await expectAccessible(page, 'the goal edit form');
    await expectFits320(page, 'the goal edit form');
    await context.close();
  });
});
