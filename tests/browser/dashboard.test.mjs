// User story of the coordinator's dashboard (issue 14, part "dashboard"): the
// coordinator opens "Coördinatie" from the menu, sees what waits grouped with
// counts, follows a line to where it is handled, reads the figures of the four
// goals as charts with tables and downloads the yearly report. Every page
// passes axe-core and fits 320 px, with no chart label cut off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import {
  clippedChartLabels, DEMO_COORDINATOR, expectAccessible, expectFits320, setUp, signIn, submit, SYSTEM_PYTHON,
} from './support.mjs';

const PROPOSAL = 'Voorstel voor de kennisbank (test)';

// One resource waiting for review, so that the kennisbank's line is there
// whatever the demo holds.
const SEED = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO resources (slug, kind, title, summary, status, created_at, updated_at) VALUES ('voorstel-test', 'tool', ?, 'Kort', 'in_review', 1, 1)", (sys.argv[2],))
db.commit()
`;

function seed(databaseFile) {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', SEED, databaseFile, PROPOSAL], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`seeding failed: ${run.stderr}`);
}

describe('the coordinator dashboard', () => {
  let env;
  before(async () => {
    env = await setUp({ beforeServe: seed });
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('the coordinator sees what waits, follows a line and reads the figures', { timeout: 90000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    // "Coördinatie" comes first after Home in the menu.
    const menu = await page.$$eval('header nav a', (links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(menu.slice(0, 2), ['/', '/coordinatie']);
    await submit(page, page.locator('header nav').getByRole('link', { name: 'Coördinatie' }));
    assert.equal(new URL(page.url()).pathname, '/coordinatie');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Coördinatie');
    await expectAccessible(page, 'the dashboard');

    // The kennisbank's group holds the line of what waits for review.
    const group = page.getByRole('region', { name: 'Kennisbank' });
    const line = group.getByRole('link', { name: /kennisbankitems? wacht(en)? op nalezing/ });
    assert.equal(await line.getAttribute('href'), '/kennisbank#nalezen-titel');

    // Four goals, each a chart with its table.
    assert.equal(await page.locator('svg[role="img"]').count(), 4);
    for (const n of [1, 2, 3, 4]) {
      assert.ok(await page.getByRole('table', { name: new RegExp(`Doelstelling ${n} in \\d{4}`) }).isVisible());
    }
    await expectFits320(page, 'the dashboard');
    assert.deepEqual(await clippedChartLabels(page), [], 'no chart label is cut at 320 px');

    // The yearly report downloads as PDF and XLSX.
    const year = new Date().getUTCFullYear();
    for (const ext of ['pdf', 'xlsx']) {
      const link = page.getByRole('link', { name: ext === 'pdf' ? 'downloaden als PDF' : 'downloaden als Excel' });
      assert.equal(await link.getAttribute('href'), `/coordinatie/jaarverslag/${year}.${ext}`);
      // Fetched by the page itself, with its session cookie (a redirect to sign in
      // would end in an HTML page).
      const [status, type] = await page.evaluate(async (href) => {
        const reply = await fetch(href);
        return [reply.status, reply.headers.get('content-type')];
      }, `/coordinatie/jaarverslag/${year}.${ext}`);
      assert.equal(status, 200, ext);
      assert.match(type, ext === 'pdf' ? /^application\/pdf/ : /spreadsheetml/);
    }

    // Following the line leads to the review list, where the proposal waits.
    await page.setViewportSize({ width: 1280, height: 800 });
    await submit(page, line);
    assert.equal(new URL(page.url()).pathname, '/kennisbank');
    const review = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Wacht op nalezing' }) });
    assert.equal(await review.getByRole('link', { name: PROPOSAL }).count(), 1);

    // Another year: the form without JavaScript reloads the page with its figures.
    await page.goto(env.server.baseUrl + '/coordinatie');
    await page.getByLabel('Jaar', { exact: true }).selectOption(String(year - 1));
    await submit(page, page.getByRole('button', { name: 'Toon cijfers' }));
    assert.equal(new URL(page.url()).search, `?jaar=${year - 1}`);
    assert.equal(await page.getByRole('heading', { name: `Cijfers van ${year - 1}` }).count(), 1);
    await context.close();
  });
});
