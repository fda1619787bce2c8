// User stories of the network: the coordinator manages members and SPOCs, a
// SPOC keeps the contact text of their own municipality up to date, and the
// network and admin pages pass axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { AxeBuilder } from '@axe-core/playwright';

import {
  DEMO_COORDINATOR, DEMO_TOTP_SECRET, WCAG_TAGS, setUp, signIn, TEST_TIMEOUT_MS, submit,
} from './support.mjs';

const PASSWORD = 'schakel-demo-2026';
const ADMIN = { email: 'admin@demo.schakel.be', password: PASSWORD, totpSecret: DEMO_TOTP_SECRET };
const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: PASSWORD };
const PROFESSIONAL_EMAIL = 'professional@demo.schakel.be';

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

// Submits the form of `button` and waits for the page that answers.
describe('the network', () => {
  let env;
  // One signed-in context per account for the whole file: every sign-in with
  // TOTP uses up a time step, and the server refuses a step twice.
  const contexts = new Map();

  async function pageAs(account) {
    if (!contexts.has(account.email)) {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      await signIn(page, env.server.baseUrl, account);
      assert.match(await page.locator('header .account').innerText(), /Aangemeld als/, `${account.email} is signed in`);
      await page.close();
      contexts.set(account.email, context);
    }
    return contexts.get(account.email).newPage();
  }

  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    for (const context of contexts.values()) await context.close().catch(() => {});
    await env?.stop();
  }, { timeout: 30000 });

  test('the coordinator adds a municipality, makes a professional SPOC of Aalst and finds them in the directory', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await pageAs(DEMO_COORDINATOR);
    const response = await page.goto(env.server.baseUrl + '/netwerk/beheer');
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Netwerkbeheer');

    // Brugge joins the network.
    const members = page.locator('table', { has: page.locator('caption', { hasText: 'lidmaatschappen' }) });
    assert.equal(await members.locator('tbody th', { hasText: 'Brugge' }).count(), 0, 'Brugge is not a member yet');
    await page.getByRole('combobox', { name: 'Gemeente', exact: true }).selectOption({ label: 'Brugge' });
    await submit(page, page.getByRole('button', { name: 'Gemeente toevoegen' }));
    assert.equal(new URL(page.url()).pathname, '/netwerk/beheer');
    assert.match(await page.locator('.flash').innerText(), /lid van het netwerk/);
    assert.equal(await members.locator('tbody th', { hasText: 'Brugge' }).count(), 1, 'Brugge is listed');
    assert.equal(await page.getByRole('link', { name: 'Lidmaatschap beëindigen voor Brugge' }).count(), 1,
      'the link to end it names the municipality');
    assert.equal(await page.getByRole('link', { name: 'Lidmaatschap beëindigen voor Gent' }).count(), 0,
      'the leading municipality cannot be ended');

    // The demo professional becomes SPOC of Aalst.
    await page.getByRole('textbox', { name: 'E-mailadres van het account' }).fill(PROFESSIONAL_EMAIL);
    await page.getByRole('combobox', { name: 'SPOC van' }).selectOption({ label: 'Aalst' });
    await submit(page, page.getByRole('button', { name: 'SPOC toevoegen' }));
    assert.equal(new URL(page.url()).pathname, '/netwerk/beheer');
    assert.match(await page.locator('.flash').innerText(), /SPOC is toegevoegd/);
    assert.equal(await page.locator('.error-summary').count(), 0, 'no error');
    const spocs = page.locator('table', { has: page.locator('caption', { hasText: "SPOC's per gemeente" }) });
    const row = spocs.locator('tbody tr', { hasText: PROFESSIONAL_EMAIL });
    assert.equal(await row.count(), 1, 'the new SPOC is in the table');
    assert.match(await row.innerText(), /Aalst/);

    // The directory shows them under Aalst, with a mail link.
    assert.equal((await page.goto(env.server.baseUrl + '/netwerk/spocs')).status(), 200);
    const aalst = page.locator('section', { has: page.getByRole('heading', { name: 'Aalst', level: 2 }) });
    assert.equal(await aalst.count(), 1, 'Aalst has a section in the directory');
    assert.match(await aalst.innerText(), /Demo Professional/);
    assert.equal(await aalst.locator(`a[href="mailto:${PROFESSIONAL_EMAIL}"]`).count(), 1, 'the e-mail address is a mail link');
    assert.equal(await aalst.locator('h2 a[href="/netwerk/gemeenten/41002"]').count(), 1, 'the coordinator may open Aalst');
    await page.close();
  });

  test('a SPOC of Gent edits the contact text of Gent and reads but may not edit that of Aalst', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await pageAs(SPOC_GENT);
    const response = await page.goto(env.server.baseUrl + '/netwerk/gemeenten/44021');
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Gent');

    const text = `Dienst Welzijn, loket ${Date.now()}\nElke werkdag van 9 tot 12 uur`;
    const field = page.getByRole('textbox', { name: 'Contacttekst' });
    assert.equal(await field.getAttribute('maxlength'), '2000');
    await field.fill(text);
    await submit(page, page.getByRole('button', { name: 'Contacttekst bewaren' }));
    assert.equal(new URL(page.url()).pathname, '/netwerk/gemeenten/44021');
    assert.match(await page.locator('.flash').innerText(), /bewaard/);
    assert.equal(await page.locator('.contact-text').innerText(), text, 'the text is shown with its line break');

    // Still there after opening the page anew.
    await page.goto(env.server.baseUrl + '/netwerk/gemeenten/44021');
    assert.equal(await page.getByRole('textbox', { name: 'Contacttekst' }).inputValue(), text);

    // The contact text is written for colleagues in the network: a SPOC of Gent
    // reads how to reach Aalst, but only Aalst's SPOCs and the coordinator edit it.
    const aalst = await page.goto(env.server.baseUrl + '/netwerk/gemeenten/41002');
    assert.equal(aalst.status(), 200, 'a SPOC of Gent may read the page of Aalst');
    assert.equal(await page.locator('h1').innerText(), 'Aalst');
    assert.equal(await page.getByRole('textbox', { name: 'Contacttekst' }).count(), 0, 'but not edit it');
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), [], describeViolations(results.violations));
    await page.close();
  });

  test('ending a membership asks first, without JavaScript too, and only the confirmation ends it', { timeout: TEST_TIMEOUT_MS }, async () => {
    // A context without JavaScript, signed in with the coordinator's session cookie.
    const signedIn = await pageAs(DEMO_COORDINATOR);
    const cookies = await signedIn.context().cookies();
    // axe-core runs in the page, so it checks the confirmation page with JavaScript on.
    await signedIn.goto(env.server.baseUrl + '/netwerk/beheer');
    await submit(signedIn, signedIn.getByRole('link', { name: 'Lidmaatschap beëindigen voor Leuven' }));
    const results = await new AxeBuilder({ page: signedIn }).withTags(WCAG_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), [], `confirmation page:\n${describeViolations(results.violations)}`);
    await signedIn.close();
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/netwerk/beheer');
    const members = page.locator('table', { has: page.locator('caption', { hasText: 'lidmaatschappen' }) });
    const row = members.locator('tbody tr', { hasText: 'Leuven' });
    assert.match(await row.innerText(), /nog lid/, 'Leuven is a member');

    // The link opens a page that asks; opening it changes nothing.
    const response = await submit(page, row.getByRole('link', { name: 'Lidmaatschap beëindigen voor Leuven' }));
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Lidmaatschap van Leuven beëindigen?');
    await submit(page, page.getByRole('link', { name: 'Toch niet: terug naar netwerkbeheer' }));
    assert.match(await row.innerText(), /nog lid/, 'going back ended nothing');

    // Confirming ends it.
    await submit(page, row.getByRole('link', { name: 'Lidmaatschap beëindigen voor Leuven' }));
    await submit(page, page.getByRole('button', { name: 'Ja, lidmaatschap beëindigen' }));
    assert.equal(new URL(page.url()).pathname, '/netwerk/beheer');
    assert.match(await page.locator('.flash').innerText(), /beëindigd/);
    assert.match(await row.innerText(), /Gestopt/);
    await context.close();
  });

  const pages = [
    [DEMO_COORDINATOR, '/netwerk/spocs'],
    [DEMO_COORDINATOR, '/netwerk/gemeenten/44021'],
    [DEMO_COORDINATOR, '/netwerk/beheer'],
    [ADMIN, '/beheer'],
    [ADMIN, '/beheer/mails'],
    [ADMIN, '/beheer/gebruikers'],
    [ADMIN, '/beheer/audit'],
  ];
  for (const [account, path] of pages) {
    test(`axe finds no WCAG problems on ${path}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const page = await pageAs(account);
      const response = await page.goto(env.server.baseUrl + path);
      assert.equal(response.status(), 200);
      assert.equal(await page.locator('main h1').count(), 1, 'the page has one main heading');
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.ok(results.passes.length > 0, `axe ran checks on ${path}`);
      assert.deepEqual(results.violations.map((v) => v.id), [], `${path}:\n${describeViolations(results.violations)}`);
      await page.close();
    });
  }
});
