// User story of issue 14 (digests): a professional changes their mail choices
// on /profiel/meldingen and sees them saved; then, signed out, opens the
// unsubscribe link of a digest mail and unsubscribes with one button. Every
// page passes axe-core and fits 320 px.
//
// Besides the demo, the story moves the publication of the demo resource
// "barst" to a day ago, so that the digest job (which runs when the server
// starts) finds news for yesterday and mails the demo professional, whose demo
// choice is a daily digest of new resources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { DEMO_PROFESSIONAL, expectAccessible, setUp, signIn, submit, SYSTEM_PYTHON, waitForMail } from './support.mjs';

const SEED = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE resources SET published_at = ? WHERE slug = 'barst'", (int(sys.argv[2]),))
db.commit()
`;

function seed(databaseFile) {
  // Exactly a day ago is yesterday in Brussels too (a UTC date would not be
  // just after midnight in Brussels).
  const dayAgo = Math.floor(Date.now() / 1000) - 86400;
  const run = spawnSync(SYSTEM_PYTHON, ['-c', SEED, databaseFile, String(dayAgo)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`seeding failed: ${run.stderr}`);
}

async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
}

describe('digest settings and one-click unsubscribe', () => {
  let env;
  before(async () => {
    env = await setUp({ beforeServe: seed });
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a professional changes digest settings and unsubscribes from a mail link', { timeout: 90000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    await page.goto(env.server.baseUrl + '/profiel');
    await submit(page, page.getByRole('link', { name: 'Meldingen instellen' }));
    assert.equal(new URL(page.url()).pathname, '/profiel/meldingen');
    await expectAccessible(page, 'the settings page');
    await expectFits320(page, 'the settings page');

    // Trainings daily; for the theme partner violence no resources at all.
    await page.check('#kind_trainings-daily');
    const resources = page.locator('#kind_resources details');
    // Open unless it already is (it opens by itself when a theme differs, as in the demo).
    if (!(await resources.evaluate((d) => d.open))) await resources.locator('summary').click();
    await page.selectOption('#theme_resources_partner_violence', 'none');
    await page.check('#newsletter-no');
    await expectAccessible(page, 'the settings page with a theme open');
    await expectFits320(page, 'the settings page with a theme open');
    await submit(page, page.getByRole('button', { name: 'Keuzes bewaren' }));
    assert.match(await page.locator('body').innerText(), /Je keuzes zijn bewaard/);
    assert.ok(await page.isChecked('#kind_trainings-daily'));
    assert.ok(await page.isChecked('#newsletter-no'));
    assert.equal(await page.inputValue('#theme_resources_partner_violence'), 'none');

    // The digest that the job sent at start: signed out, follow its link.
    const mail = await waitForMail(env.server, DEMO_PROFESSIONAL.email, { timeoutMs: 20000, digest: true });
    assert.match(mail.subject, /dagelijks overzicht/);
    assert.match(mail.text, /Barst\?! met IFG-module/);
    const link = /https?:\/\/\S+\/meldingen\/uitschrijven\?token=[A-Za-z0-9_.-]+/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);
    const stranger = await env.browser.newContext();
    const anonymous = await stranger.newPage();
    await anonymous.goto(link);
    assert.match(await anonymous.locator('main').innerText(), /Nieuw in de kennisbank/);
    await expectAccessible(anonymous, 'the unsubscribe page');
    await expectFits320(anonymous, 'the unsubscribe page');
    await submit(anonymous, anonymous.getByRole('button', { name: 'Afmelden' }));
    assert.match(await anonymous.locator('main').innerText(), /Je bent afgemeld/);
    await expectAccessible(anonymous, 'the confirmation');
    await expectFits320(anonymous, 'the confirmation');

    // Back on the settings page every digest is off; the newsletter choice stays.
    await page.goto(env.server.baseUrl + '/profiel/meldingen');
    for (const kind of ['resources', 'trainings', 'initiatives']) {
      assert.ok(await page.isChecked(`#kind_${kind}-none`), kind);
    }
    assert.ok(await page.isChecked('#newsletter-no'));
    await stranger.close();
    await context.close();
  });
});
