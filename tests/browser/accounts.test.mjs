// User stories about accounts: signing up, confirming by mail, sessions,
// sign-in links, a forgotten password, the second factor, and accessible forms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { AxeBuilder } from '@axe-core/playwright';

import {
  DEMO_COORDINATOR, DEMO_PROFESSIONAL, freshTotpCode, setUp, signIn, TEST_TIMEOUT_MS, totpCodeAt, waitForMail, unreadMails, WCAG_TAGS, submit,
} from './support.mjs';

// Stories that wait for mail take longer than one plain page visit.
const MAIL_TEST_TIMEOUT_MS = 45000;

const SIGNED_IN = /Aangemeld als/;

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

async function checkAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.ok(results.passes.length > 0, `axe ran checks on ${label}`);
  assert.deepEqual(results.violations.map((v) => v.id), [], `${label}:\n${describeViolations(results.violations)}`);
}

// Clicks a submit button and waits for the page it leads to; returns the response.
async function accountText(page) {
  return page.locator('header .account').innerText();
}

// Every field marked invalid points at a visible, non-empty message.
async function assertInvalidFieldsDescribed(page) {
  for (const field of await page.locator('main [aria-invalid="true"]').all()) {
    const ids = (await field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const errorId = ids.find((id) => id.endsWith('-fout'));
    assert.ok(errorId, `invalid field #${await field.getAttribute('id')} is described by its error message`);
    const message = page.locator(`#${errorId}`);
    assert.equal(await message.isVisible(), true, `#${errorId} is visible`);
    assert.ok((await message.innerText()).replace('Fout:', '').trim().length > 0, `#${errorId} is not empty`);
  }
}

// Every link in the error summary leads to a field on the page.
async function assertSummaryTargetsExist(page) {
  for (const link of await page.locator('.error-summary a[href^="#"]').all()) {
    const href = await link.getAttribute('href');
    assert.equal(await page.locator(href).count(), 1, `the summary link ${href} leads to a field`);
  }
}

// Asserts that field `name` is marked invalid with a message tied to it.
async function assertFieldError(page, name) {
  const field = page.locator(`#${name}`);
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `#${name} is marked invalid`);
  assert.match(await field.getAttribute('aria-describedby') || '', new RegExp(`\\b${name}-fout\\b`), `#${name} is described by #${name}-fout`);
  const message = page.locator(`#${name}-fout`);
  assert.equal(await message.isVisible(), true, `the message of #${name} is visible`);
  assert.ok((await message.innerText()).replace('Fout:', '').trim().length > 0, `the message of #${name} says something`);
}

// The error summary at the top links to field `name`.
async function assertSummaryLinksTo(page, name) {
  const summary = page.locator('.error-summary');
  assert.equal(await summary.isVisible(), true, 'an error summary is shown');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal(await summary.locator(`a[href="#${name}"]`).count(), 1, `the summary links to #${name}`);
}

async function fillSignUp(page, user) {
  await page.fill('#email', user.email);
  await page.fill('#display_name', user.name);
  await page.fill('#organisation', user.organisation);
  await page.selectOption('#sector', user.sector);
  await page.fill('#sector_detail', user.sectorDetail || '');
  await page.selectOption('#track', user.track);
  await page.fill('#password', user.password);
}

// Signs up and confirms through the mail, in a context of its own.
async function signUpAndConfirm(env, user) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.baseUrl + '/registreren');
  await fillSignUp(page, user);
  const response = await submit(page, page.locator('form.sign-up-form button[type="submit"]'));
  assert.equal(response.status(), 200, 'the sign-up is accepted');
  const mail = await waitForMail(env.server, user.email);
  await page.goto(mail.link);
  await submit(page, page.locator('form.confirm-form button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/profiel');
  await context.close();
}

describe('accounts', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a professional signs up, confirms the address by mail, and later signs in with the password', { timeout: MAIL_TEST_TIMEOUT_MS }, async () => {
    const user = {
      email: 'sara.janssens@kinderopvang.example',
      name: 'Sara Janssens',
      organisation: 'Kinderopvang Het Nest',
      sector: 'other',
      sectorDetail: 'Kinderopvang',
      track: 'care',
      password: 'appelmoes met speculaas op zondag',
    };
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.getByRole('link', { name: 'Maak een account aan' }).click();
    await page.waitForURL(/\/registreren$/);
    assert.equal(await page.locator('h1').innerText(), 'Registreren');
    assert.equal(await page.locator('#password').getAttribute('autocomplete'), 'new-password');
    assert.match(await page.locator('#password-uitleg').innerText(), /12 tekens/);
    assert.equal(await page.locator('main a[href="/privacy"]').count(), 1, 'a link to the privacy statement');

    await fillSignUp(page, user);
    const response = await submit(page, page.locator('form.sign-up-form button[type="submit"]'));
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Bevestig je e-mailadres');
    assert.match(await page.locator('main').innerText(), new RegExp(user.email.replace(/\./g, '\\.')));
    assert.doesNotMatch(await accountText(page), SIGNED_IN, 'not signed in before confirming');

    const mail = await waitForMail(env.server, user.email);
    assert.match(mail.subject, /bevestig/i);
    assert.match(mail.text, /Sara Janssens/);
    assert.doesNotMatch(mail.text, /&amp;|&#|<a /, 'the text part holds no HTML');
    assert.ok(mail.link?.startsWith(env.server.baseUrl + '/bevestigen?token='), `the link confirms the address: ${mail.link}`);
    assert.ok(mail.html.includes('lang="nl"'), 'the HTML part is in Dutch');

    await page.goto(mail.link);
    assert.equal(await page.locator('h1').innerText(), 'E-mailadres bevestigen');
    await submit(page, page.locator('form.confirm-form button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, '/profiel');
    assert.match(await accountText(page), /Aangemeld als\s+Sara Janssens/);
    assert.match(await page.locator('[role="status"]').innerText(), /bevestigd/i);
    assert.equal(await page.inputValue('#display_name'), user.name);
    assert.equal(await page.inputValue('#organisation'), user.organisation);
    assert.equal(await page.inputValue('#sector'), user.sector);
    assert.equal(await page.inputValue('#sector_detail'), user.sectorDetail);
    assert.equal(await page.inputValue('#track'), user.track);
    assert.match(await page.locator('main').innerText(), /Professional/, 'the role is shown');

    // The link works once.
    const again = await page.goto(mail.link);
    assert.equal(again.status(), 410);

    await page.goto(env.server.baseUrl + '/');
    await submit(page, page.getByRole('button', { name: 'Afmelden' }));
    assert.doesNotMatch(await accountText(page), SIGNED_IN, 'signed out');

    await signIn(page, env.server.baseUrl, user);
    assert.match(await accountText(page), /Aangemeld als\s+Sara Janssens/);
    await context.close();
  });

  test('a professional signed in on two devices ends the other session on "Mijn sessies"', { timeout: TEST_TIMEOUT_MS }, async () => {
    const laptop = await env.browser.newContext();
    const phone = await env.browser.newContext({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    const page = await laptop.newPage();
    const other = await phone.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    await signIn(other, env.server.baseUrl, DEMO_PROFESSIONAL);
    assert.match(await accountText(other), SIGNED_IN);

    await page.goto(env.server.baseUrl + '/profiel');
    await page.getByRole('link', { name: 'Mijn sessies' }).click();
    await page.waitForURL(/\/profiel\/sessies$/);
    assert.ok(await page.locator('.session').count() >= 2, 'both sessions are listed');
    const current = page.locator('.session-current');
    assert.equal(await current.count(), 1, 'one session is marked as this one');
    assert.match(await current.innerText(), /deze sessie/);

    const end = page.getByRole('button', { name: /Beëindigen.*Firefox op Windows/ });
    assert.equal(await end.count(), 1, 'the button names the device of the other session');
    await submit(page, end);
    assert.equal(new URL(page.url()).pathname, '/profiel/sessies');
    assert.match(await page.locator('[role="status"]').innerText(), /beëindigd/);
    assert.equal(await page.locator('.session', { hasText: 'Firefox op Windows' }).count(), 0, 'the other session is gone');
    assert.match(await accountText(page), SIGNED_IN, 'this device is still signed in');

    await other.reload();
    assert.doesNotMatch(await accountText(other), SIGNED_IN, 'the other device is signed out');
    assert.equal(await other.locator('header a[href="/aanmelden"]').innerText(), 'Aanmelden');
    await laptop.close();
    await phone.close();
  });

  test('a professional who forgot the password signs in with a link by mail', { timeout: MAIL_TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.getByRole('link', { name: 'Aanmelden met een link per e-mail' }).click();
    await page.waitForURL(/\/aanmelden\/link$/);
    assert.equal(await page.locator('#email').getAttribute('autocomplete'), 'email');

    // An unknown address gets exactly the same answer and no mail.
    await page.fill('#email', 'niemand@nergens.example');
    await submit(page, page.locator('form.link-request-form button[type="submit"]'));
    const neutral = await page.locator('main').innerText();
    assert.match(neutral, /Als er een account is met dit adres/);

    await page.goto(env.server.baseUrl + '/aanmelden/link');
    await page.fill('#email', DEMO_PROFESSIONAL.email);
    await submit(page, page.locator('form.link-request-form button[type="submit"]'));
    assert.equal(await page.locator('main').innerText(), neutral, 'the answer does not tell whether the account exists');

    const mail = await waitForMail(env.server, DEMO_PROFESSIONAL.email);
    assert.match(mail.text, /15 minuten/);
    assert.ok(mail.link?.startsWith(env.server.baseUrl + '/'), `the mail holds a link: ${mail.link}`);
    assert.deepEqual(unreadMails(env.server, 'niemand@nergens.example'), [], 'no mail to an unknown address');

    const opened = await page.goto(mail.link);
    assert.equal(opened.status(), 200, `the link opens a page to sign in (${mail.link})`);
    const useLink = page.locator('form.link-use-form');
    assert.equal(await useLink.count(), 1, `the link leads to the page with the sign-in button (${mail.link})`);
    await submit(page, useLink.getByRole('button', { name: 'Aanmelden' }));
    assert.match(await accountText(page), /Aangemeld als\s+Demo Professional/);

    // Used once, it no longer works.
    const reused = await page.goto(mail.link);
    assert.equal(reused.status(), 410);
    assert.equal(await page.locator('main a[href="/aanmelden/link"]').count() > 0, true, 'a link to ask a new one');
    await context.close();
  });

  test('a professional who forgot having an account is told by mail, then chooses a new password through the mail', { timeout: MAIL_TEST_TIMEOUT_MS }, async () => {
    const user = {
      email: 'tom.de.smet@jeugdhuis.example',
      name: 'Tom De Smet',
      organisation: 'Jeugdhuis De Kelder',
      sector: 'youth_work',
      track: 'prevention',
      password: 'een fiets zonder bel rijdt stil',
    };
    await signUpAndConfirm(env, user);

    const context = await env.browser.newContext();
    const page = await context.newPage();

    // Tom forgot he has an account and signs up again: the page tells nothing
    // new, but a mail to his address says he already has one.
    await page.goto(env.server.baseUrl + '/registreren');
    await fillSignUp(page, { ...user, password: 'nog een heel ander wachtwoord' });
    const again = await submit(page, page.locator('form.sign-up-form button[type="submit"]'));
    assert.equal(again.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Bevestig je e-mailadres', 'the same answer as for a new address');
    const already = await waitForMail(env.server, user.email);
    assert.match(already.subject, /al een account/);
    assert.equal(already.link, env.server.baseUrl + '/aanmelden');

    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.waitForURL(/\/wachtwoord-vergeten$/);
    await page.fill('#email', user.email);
    await submit(page, page.locator('form.forgot-form button[type="submit"]'));
    assert.match(await page.locator('main').innerText(), /Als er een account is met dit adres/);

    const mail = await waitForMail(env.server, user.email);
    assert.match(mail.text, /30 minuten/);
    assert.ok(mail.link?.startsWith(env.server.baseUrl + '/wachtwoord-herstellen?token='), `a reset link: ${mail.link}`);

    await page.goto(mail.link);
    assert.equal(await page.locator('h1').innerText(), 'Nieuw wachtwoord kiezen');
    // Too short first: the error is tied to the field.
    await page.fill('#password', 'te kort');
    const refused = await submit(page, page.locator('form.reset-form button[type="submit"]'));
    assert.equal(refused.status(), 422);
    await assertFieldError(page, 'password');
    await assertSummaryLinksTo(page, 'password');

    const newPassword = 'de trein van acht uur is weer te laat';
    await page.fill('#password', newPassword);
    await submit(page, page.locator('form.reset-form button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, '/aanmelden');
    assert.match(await page.locator('[role="status"]').innerText(), /wachtwoord is gewijzigd/i);

    // The old password no longer works; the new one does.
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await submit(page, page.locator('form.sign-in-form button[type="submit"]'));
    assert.doesNotMatch(await accountText(page), SIGNED_IN, 'the old password is refused');
    await signIn(page, env.server.baseUrl, { email: user.email, password: newPassword });
    assert.match(await accountText(page), /Aangemeld als\s+Tom De Smet/);

    // The reset link works once.
    const reused = await page.goto(mail.link);
    assert.equal(reused.status(), 410);
    assert.equal(await page.locator('main a[href="/wachtwoord-vergeten"]').count(), 1);
    await context.close();
  });

  test('the demo coordinator signs in with a code from the app; a wrong code gets an error on the field', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/aanmelden');
    await page.fill('#email', DEMO_COORDINATOR.email);
    await page.fill('#password', DEMO_COORDINATOR.password);
    await submit(page, page.locator('form.sign-in-form button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, '/aanmelden/tweede-stap');
    assert.doesNotMatch(await accountText(page), SIGNED_IN, 'not signed in after the password alone');
    const code = page.locator('#code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    await checkAccessible(page, '/aanmelden/tweede-stap');

    // A code that is valid in no step near now.
    const step = Math.floor(Date.now() / 30000);
    const near = new Set([-2, -1, 0, 1, 2].map((d) => totpCodeAt(DEMO_COORDINATOR.totpSecret, step + d)));
    let wrong = 123456;
    while (near.has(String(wrong))) wrong++;
    await page.fill('#code', String(wrong));
    const refused = await submit(page, page.locator('form.second-factor-form button[type="submit"]'));
    assert.equal(refused.status(), 422);
    assert.equal(new URL(page.url()).pathname, '/aanmelden/tweede-stap');
    await assertFieldError(page, 'code');
    await assertSummaryLinksTo(page, 'code');
    await assertInvalidFieldsDescribed(page);
    assert.doesNotMatch(await accountText(page), SIGNED_IN);
    await checkAccessible(page, '/aanmelden/tweede-stap after a wrong code');

    await page.fill('#code', await freshTotpCode(DEMO_COORDINATOR.totpSecret));
    await submit(page, page.locator('form.second-factor-form button[type="submit"]'));
    assert.match(await accountText(page), /Aangemeld als\s+Demo Coördinator/);
    assert.match(await page.locator('[role="status"]').innerText(), /aangemeld/i);
    await context.close();
  });

  test('an empty sign-up form gets status 422 and an error by each required field', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/registreren');
    assert.equal(await page.locator('.error-summary').count(), 0, 'no errors before submitting');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    const response = await submit(page, page.locator('form.sign-up-form button[type="submit"]'));
    assert.equal(response.status(), 422);
    for (const name of ['email', 'display_name', 'organisation', 'sector', 'track', 'password']) {
      await assertFieldError(page, name);
      await assertSummaryLinksTo(page, name);
    }
    assert.equal(await page.locator('#sector_detail').getAttribute('aria-invalid'), null, 'the detail is optional unless "Andere"');
    await assertInvalidFieldsDescribed(page);
    await assertSummaryTargetsExist(page);
    await checkAccessible(page, '/registreren after an empty submit');
    await context.close();
  });

  for (const path of ['/registreren', '/aanmelden/link', '/wachtwoord-vergeten']) {
    test(`a screen-reader user finds no WCAG problems on ${path}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(env.server.baseUrl + path);
      assert.equal(response.status(), 200);
      await checkAccessible(page, path);
      await context.close();
    });
  }

  test('a signed-in professional finds no WCAG problems on the profile pages, and a refused new password points at its field', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    assert.match(await accountText(page), SIGNED_IN);
    for (const path of ['/profiel', '/profiel/sessies', '/profiel/tweestapsverificatie', '/profiel/verwijderen']) {
      const response = await page.goto(env.server.baseUrl + path);
      assert.equal(response.status(), 200, path);
      await checkAccessible(page, path);
    }

    // A new password that is too short: the error is on that field, and the summary leads there.
    await page.goto(env.server.baseUrl + '/profiel');
    await page.fill('#current_password', DEMO_PROFESSIONAL.password);
    await page.fill('#new_password', 'te kort');
    const refused = await submit(page, page.locator('form.password-form button[type="submit"]'));
    assert.equal(refused.status(), 422);
    await assertFieldError(page, 'new_password');
    await assertInvalidFieldsDescribed(page);
    await assertSummaryTargetsExist(page);
    await context.close();
  });
});
