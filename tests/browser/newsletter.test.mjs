// The user story of the newsletter (issue 14): the coordinator opens the
// newsletter from the menu, composes one from the template of the period's
// news, previews it, sends a test to themself, sends it to the SPOCs after
// seeing how many people it reaches; the archive shows it to the network (a
// SPOC) and keeps it from visitors, who read only newsletters sent to all.
// axe-core clean and within 320 px on every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit, waitForMail } from './support.mjs';

async function fits320(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} is ${width} px wide at 320 px`);
}

// The next mail to `address` with `subject`, passing over others (the digest
// job of the demo may send a digest to the same person meanwhile).
async function waitForMailAbout(server, address, subject) {
  for (;;) {
    const mail = await waitForMail(server, address, { timeoutMs: 20000 });
    if (mail.subject === subject) return mail;
  }
}

describe('newsletter', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('the coordinator composes from the template, tests, sends to the SPOCs, and the archive shows it to the network only', { timeout: 90000 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);

    await page.goto(env.server.baseUrl + '/');
    await submit(page, page.locator('a[href="/nieuwsbrief/beheer"]').first());
    assert.equal(await page.locator('h1').innerText(), 'Nieuwsbrief beheren');
    await expectAccessible(page, '/nieuwsbrief/beheer');
    await fits320(page, '/nieuwsbrief/beheer');

    await submit(page, page.locator('main a[href="/nieuwsbrief/nieuw"]'));
    const template = await page.locator('#body').inputValue();
    assert.match(template, /Dit is het nieuws van het netwerk van/);
    assert.match(template, /Met vriendelijke groeten/);
    await expectAccessible(page, '/nieuwsbrief/nieuw');
    await fits320(page, '/nieuwsbrief/nieuw');

    await page.fill('#subject', 'Nieuws voor de SPOC\'s');
    await page.fill('#body', template + '\n## Extra\n\nTot op het **overleg**.\n');
    await submit(page, page.locator('button[value="voorbeeld"]'));
    assert.equal(await page.locator('.mail-preview strong', { hasText: 'overleg' }).count(), 1);
    assert.equal(await page.locator('.mail-preview h3', { hasText: 'Extra' }).count(), 1);
    await expectAccessible(page, 'the preview');
    await fits320(page, 'the preview');

    await submit(page, page.locator('button[value="bewaren"]'));
    assert.match(new URL(page.url()).pathname, /^\/nieuwsbrief\/\d+\/bewerken$/);
    const id = /\/nieuwsbrief\/(\d+)\//.exec(page.url())[1];

    await submit(page, page.locator('button', { hasText: 'Stuur een test naar mij' }));
    assert.match(await page.locator('.flash-region').innerText(), /De testmail is onderweg/);
    const testMail = await waitForMailAbout(env.server, DEMO_COORDINATOR.email, '[Test] Nieuws voor de SPOC\'s');
    assert.match(testMail.text, /uitschrijven\?token=/);

    await submit(page, page.locator('main a', { hasText: 'Versturen naar een groep' }));
    await page.check('#segment-spocs');
    await submit(page, page.locator('button', { hasText: 'Aantal ontvangers bekijken' }));
    const count = Number(await page.locator('input[name="count"]').inputValue());
    assert.ok(count >= 1, `at least the SPOC of Gent (the demo SPOC of Aalst turned the newsletter off) (${count})`);
    assert.match(await page.locator('.recipient-count').innerText(), new RegExp(`^${count} `));
    await expectAccessible(page, 'the confirmation');
    await fits320(page, 'the confirmation');
    await submit(page, page.locator('button', { hasText: `Nu versturen naar ${count}` }));
    assert.equal(new URL(page.url()).pathname, `/nieuwsbrief/${id}`);
    assert.match(await page.locator('.flash-region').innerText(), new RegExp(`gaat naar ${count} (mensen|persoon)\\.`));

    const mail = await waitForMailAbout(env.server, 'spoc.gent@demo.schakel.be', 'Nieuws voor de SPOC\'s');
    assert.match(mail.text, /uitschrijven\?token=/);

    // A visitor finds the archive in the footer, without this newsletter to the network.
    const visitor = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
    const anonymous = await visitor.newPage();
    await anonymous.goto(env.server.baseUrl + '/');
    await submit(anonymous, anonymous.locator('footer a[href="/nieuwsbrief"]'));
    await expectAccessible(anonymous, '/nieuwsbrief');
    await fits320(anonymous, '/nieuwsbrief');
    assert.equal(await anonymous.locator('.newsletter-list li a', { hasText: 'Nieuws voor de SPOC' }).count(), 0);
    const hidden = await anonymous.goto(`${env.server.baseUrl}/nieuwsbrief/${id}`);
    assert.equal(hidden.status(), 404);

    // A SPOC reads it in the same archive, newest first.
    const spocContext = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
    const spoc = await spocContext.newPage();
    await signIn(spoc, env.server.baseUrl, { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' });
    await spoc.goto(env.server.baseUrl + '/nieuwsbrief');
    const items = spoc.locator('.newsletter-list li a');
    assert.equal(await items.first().innerText(), 'Nieuws voor de SPOC\'s', 'newest first');
    await submit(spoc, items.first());
    assert.equal(await spoc.locator('h1').innerText(), 'Nieuws voor de SPOC\'s');
    assert.equal(await spoc.locator('.newsletter-body strong', { hasText: 'overleg' }).count(), 1);
    await expectAccessible(spoc, `/nieuwsbrief/${id}`);
    await fits320(spoc, `/nieuwsbrief/${id}`);
    await spocContext.close();
    await visitor.close();
    await context.close();
  });
});
