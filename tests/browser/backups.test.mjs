// User story of the admin's backup page (issue 15, part "backups"): the admin
// opens "Back-ups" from the menu, reads when the last backup was made and how
// big it is, takes one with the button and finds it among the kept files. The
// page passes axe-core and fits 320 px (the table scrolls in its own region).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_TOTP_SECRET, expectAccessible, expectFits320, setUp, signIn, submit,
} from './support.mjs';

const ADMIN = { email: 'admin@demo.schakel.be', password: 'schakel-demo-2026', totpSecret: DEMO_TOTP_SECRET };

describe('the admin backup page', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('the admin takes a backup and sees it listed with its size', { timeout: 90000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, ADMIN);
    await submit(page, page.locator('header nav').getByRole('link', { name: 'Back-ups' }));
    assert.equal(new URL(page.url()).pathname, '/beheer/backups');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Back-ups');
    await expectAccessible(page, 'the backup page');

    await submit(page, page.getByRole('button', { name: 'Nu een back-up maken' }));
    assert.equal(new URL(page.url()).pathname, '/beheer/backups');
    const flash = await page.locator('.flash-success').innerText();
    const name = flash.match(/schakel-\d{8}-\d{6}\.db/)?.[0];
    assert.ok(name, `the flash names the file: ${flash}`);

    // The last backup is the one just made, with a size; the table lists it.
    const last = page.getByRole('region', { name: 'Laatste back-up' });
    assert.match(await last.innerText(), new RegExp(name.replace('.', '\\.')));
    assert.match(await last.innerText(), /\d+,\d (kB|MB|GB)/);
    const table = page.getByRole('table', { name: /Bewaarde back-ups \(\d+\)/ });
    assert.ok(await table.getByRole('rowheader', { name }).isVisible());
    assert.equal(await page.getByText('ouder dan twee dagen').count(), 0);

    await expectAccessible(page, 'the backup page after a backup');
    await expectFits320(page, 'the backup page');
    await context.close();
  });
});
