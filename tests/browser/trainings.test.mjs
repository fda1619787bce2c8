// User stories of the training series (issue 5): a professional registers,
// gets the confirmation mail with the calendar file and cancels; a guest on
// the waitlist accepts an offered place; a trainer marks attendance on a phone;
// a participant evaluates and downloads the certificate; the coordinator opens
// the impact report. Every page passes axe-core.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_COORDINATOR, DEMO_PROFESSIONAL, eventually, expectAccessible, setUp, signIn, submit,
  TEST_TIMEOUT_MS, waitForMail,
} from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

// The next mail to `address` whose subject matches (other mails, such as the
// evaluation invitation of a demo series, are passed over).
async function mailAbout(server, address, subject) {
  for (;;) {
    const mail = await waitForMail(server, address);
    if (subject.test(mail.subject)) return mail;
  }
}

// A page fits a 320 px wide phone: no horizontal scroll of the document.
async function expectFits320(page, what) {
  const old = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
  if (old) await page.setViewportSize(old);
}

const manageLink = (mail) => /https?:\/\/\S+\/vorming\/inschrijving\?token=[\w.-]+/.exec(mail.text)?.[0];

describe('the training series', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a professional registers, gets a confirmation mail with the calendar file, and cancels', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    assert.equal((await page.goto(env.server.baseUrl + '/vorming')).status(), 200);
    await expectAccessible(page, 'the calendar');
    await page.getByLabel('Thema').selectOption({ label: 'Praten over conflict en geweld met kinderen' });
    await submit(page, page.getByRole('button', { name: 'Toon vormingen' }));
    await submit(page, page.getByRole('link', { name: 'De Babobox in de klas (demo)' }));
    assert.equal(await page.locator('h1').innerText(), 'De Babobox in de klas (demo)');
    await expectAccessible(page, 'a series page with the registration form');
    // The series began a month ago; joining late is allowed and says what counts.
    assert.match(await page.locator('main').innerText(), /Je kan nog instappen/);
    assert.equal(await page.getByRole('heading', { name: 'Voorbije sessies' }).count(), 1);
    assert.equal(await page.getByRole('heading', { name: 'Komende sessies' }).count(), 1);
    await page.getByLabel('Sector').selectOption({ label: 'Onderwijs' });
    await submit(page, page.getByRole('button', { name: 'Inschrijven' }));
    assert.match(await page.locator('.flash').innerText(), /Je bent ingeschreven/);

    const mail = await mailAbout(env.server, DEMO_PROFESSIONAL.email, /^Je bent ingeschreven/);
    assert.match(mail.subject, /^Je bent ingeschreven: De Babobox in de klas/);
    const ics = mail.attachments.find((a) => a.name === 'vorming.ics');
    assert.ok(ics, 'the calendar file is attached');
    assert.match(ics.content, /BEGIN:VCALENDAR/);
    assert.match(ics.content, /TZID:Europe\/Brussels/);

    assert.doesNotMatch(mail.text, /knop|klik/i, 'a plain-text mail mentions no button');

    // "Mijn vormingen" shows the next session, not the past one, as coming.
    await page.goto(env.server.baseUrl + '/vorming/mijn');
    const card = page.locator('.card', { hasText: 'De Babobox in de klas (demo)' }).first();
    assert.match(await card.innerText(), /Volgende sessie: .*1 sessie nog te gaan · 1 sessie voorbij/);

    // The name on the certificate can be corrected until it is issued.
    await page.goto(manageLink(mail));
    await expectAccessible(page, 'the registration page of a participant');
    await expectFits320(page, 'the registration page of a participant');
    await page.getByLabel('Naam zoals hij op je attest komt').fill('Pieter Professional-Peeters');
    await submit(page, page.getByRole('button', { name: 'Naam bewaren' }));
    assert.match(await page.locator('.flash').innerText(), /Je naam is aangepast/);
    assert.equal(await page.getByLabel('Naam zoals hij op je attest komt').inputValue(), 'Pieter Professional-Peeters');

    // Cancelling asks first, on its own page; "Nee, terug" changes nothing.
    await submit(page, page.getByRole('link', { name: 'Inschrijving annuleren' }));
    await expectAccessible(page, 'the cancellation confirmation page');
    await expectFits320(page, 'the cancellation confirmation page');
    await submit(page, page.getByRole('link', { name: 'Nee, terug' }));
    assert.match(await page.locator('main').innerText(), /Ingeschreven/);
    await submit(page, page.getByRole('link', { name: 'Inschrijving annuleren' }));
    await submit(page, page.getByRole('button', { name: 'Ja, annuleren' }));
    assert.match(await page.locator('.flash').innerText(), /geannuleerd/);
    const cancelled = await mailAbout(env.server, DEMO_PROFESSIONAL.email, /geannuleerd/);
    assert.match(cancelled.subject, /^Je inschrijving is geannuleerd: De Babobox/);
    await context.close();
  });

  test('a guest on the waitlist accepts the place that the organiser adds', { timeout: 90000 }, async () => {
    const guest = await (await env.browser.newContext()).newPage();
    await guest.goto(env.server.baseUrl + '/vorming/eigen-referentiekader-demo');
    // The series page sets no cookie; the form is one click away.
    assert.deepEqual(await guest.context().cookies(), [], 'no cookie for reading a series page');
    await submit(guest, guest.getByRole('link', { name: 'Inschrijven voor deze vorming' }));
    await expectAccessible(guest, 'the guest registration form');
    await guest.getByRole('checkbox').first().check();
    await guest.getByLabel('Naam').fill('Wanda Wachtlijst');
    await guest.getByLabel('E-mailadres').fill('wanda@voorbeeld.be');
    await submit(guest, guest.getByRole('button', { name: 'Inschrijven' }));
    assert.match(await guest.locator('.flash').innerText(), /We stuurden een mail/);
    const confirm = await waitForMail(env.server, 'wanda@voorbeeld.be');
    assert.match(confirm.subject, /Bevestig je inschrijving/);
    await guest.goto(confirm.link);
    await expectAccessible(guest, 'the confirmation page');
    await submit(guest, guest.getByRole('button', { name: 'Ja, schrijf me in' }));
    assert.match(await guest.locator('main').innerText(), /plaats 1 van de wachtlijst/);
    const waiting = await waitForMail(env.server, 'wanda@voorbeeld.be');
    assert.match(waiting.text, /plaats 1 van de wachtlijst/);

    const coordinator = await (await env.browser.newContext()).newPage();
    await signIn(coordinator, env.server.baseUrl, DEMO_COORDINATOR);
    await coordinator.goto(env.server.baseUrl + '/vorming/eigen-referentiekader-demo');
    await submit(coordinator, coordinator.locator('table').getByRole('link', { name: 'Bewerken' }).first());
    await expectAccessible(coordinator, 'the session form');
    await coordinator.getByLabel('Aantal plaatsen').fill('9');
    await submit(coordinator, coordinator.getByRole('button', { name: 'Bewaren' }));
    assert.match(await coordinator.locator('.flash').innerText(), /De sessie is bewaard/);

    const offer = await waitForMail(env.server, 'wanda@voorbeeld.be');
    assert.match(offer.subject, /Er is een plaats vrij/);
    assert.doesNotMatch(offer.text, /knop|klik/i, 'a plain-text mail mentions no button');
    await guest.goto(manageLink(offer));
    await submit(guest, guest.getByRole('button', { name: 'Plaats aanvaarden' }));
    assert.match(await guest.locator('.flash').innerText(), /Je hebt de plaats aanvaard/);
    assert.match(await guest.locator('main').innerText(), /Ingeschreven/);
  });

  test('a trainer marks attendance on a phone-sized screen', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/vorming/kindermishandeling-herkennen-demo');
    await submit(page, page.locator('table').getByRole('link', { name: 'Aanwezigheid' }).first());
    await expectAccessible(page, 'the attendance list on a phone');
    const row = page.locator('[id^="deelnemer-"]').first();
    const before = await row.innerText();
    await row.locator('button').click();
    assert.ok(await eventually(async () => (await page.locator('[data-attendance-live]').innerText()).startsWith('Opgeslagen')), 'the change is saved and announced');
    assert.notEqual(await row.innerText(), before, 'the row shows the new state');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the list fits the phone (${width} px)`);
    await context.close();
  });

  test('a participant fills in the evaluation and downloads the certificate', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    await page.goto(env.server.baseUrl + '/vorming/mijn');
    await expectAccessible(page, 'my trainings');
    await submit(page, page.getByRole('link', { name: 'Evaluatie invullen' }));
    await expectAccessible(page, 'the evaluation form');
    for (const scale of await page.locator('fieldset.scale').all()) {
      await scale.locator('input[type=radio]').nth(3).check();
    }
    await page.getByLabel('Signalen herkennen').check();
    await page.getByLabel('Wil je nog iets kwijt? (niet verplicht)').fill('Heel bruikbaar.');
    await submit(page, page.getByRole('button', { name: 'Evaluatie versturen' }));
    assert.equal(await page.locator('h1').innerText(), 'Bedankt voor je evaluatie');

    await page.goto(env.server.baseUrl + '/vorming/mijn');
    assert.equal(await page.getByRole('link', { name: 'Evaluatie invullen' }).count(), 0, 'evaluated once');
    // Downloaded as a person does, by following the link: the browser sends its
    // own session cookie. (page.request is no substitute: playwright-core 1.61
    // withholds Secure cookies from http://127.0.0.1, so it would ask as a
    // stranger and get the sign-in page.)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Attest downloaden (pdf)' }).first().click(),
    ]);
    assert.match(download.suggestedFilename(), /^attest-.+\.pdf$/);
    const pdf = await fs.readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await context.close();
  });

  test('an organiser revokes a certificate only after confirming it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/vorming/ouderenmishandeling-demo');
    await submit(page, page.getByRole('link', { name: 'Attesten', exact: true }));
    const revoke = page.getByRole('link', { name: /^Intrekken/ }).first();
    assert.ok(await revoke.count() >= 1, 'the certificate downloaded before can be revoked');
    await submit(page, revoke);
    await expectAccessible(page, 'the revocation confirmation page');
    await expectFits320(page, 'the revocation confirmation page');
    await submit(page, page.getByRole('link', { name: 'Nee, terug' }));
    assert.equal(new URL(page.url()).pathname, '/vorming/ouderenmishandeling-demo/attesten');
    const before = await page.getByRole('link', { name: /^Intrekken/ }).count();
    await submit(page, page.getByRole('link', { name: /^Intrekken/ }).first());
    await page.getByLabel('Waarom trek je dit attest in?').fill('Niet aanwezig geweest (test).');
    await submit(page, page.getByRole('button', { name: 'Ja, intrekken' }));
    assert.match(await page.locator('.flash').innerText(), /is ingetrokken/);
    assert.equal(await page.getByRole('link', { name: /^Intrekken/ }).count(), before - 1);
    await context.close();
  });

  test('a professional sees a series that is mostly over as closed and picks several webinars at once', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
    await page.goto(env.server.baseUrl + '/vorming/kindermishandeling-herkennen-demo');
    const main = await page.locator('main').innerText();
    assert.match(main, /De inschrijvingen zijn afgesloten: de reeks is al begonnen/);
    assert.doesNotMatch(main, /Nog \d+ plaats/);
    assert.equal(await page.getByRole('button', { name: 'Inschrijven' }).count(), 0);
    await expectAccessible(page, 'a series that is mostly over');

    await page.goto(env.server.baseUrl + '/vorming/geweld-tussen-broers-en-zussen-webinars-demo');
    const boxes = page.getByRole('checkbox');
    assert.ok(await boxes.count() >= 2, 'a checkbox per webinar');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await submit(page, page.getByRole('button', { name: 'Inschrijven' }));
    assert.match(await page.locator('.flash').innerText(), /Je bent ingeschreven voor .+, .+\./);
    await page.goto(env.server.baseUrl + '/vorming/mijn');
    assert.equal(await page.locator('.card', { hasText: 'Geweld tussen broers en zussen' }).count(), 2);
    await context.close();
  });

  test('the coordinator opens the impact report', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/vorming');
    await submit(page, page.getByRole('link', { name: 'Impactrapport' }));
    assert.equal(new URL(page.url()).pathname, '/vorming/impact');
    assert.ok(await page.locator('svg[role="img"]').count() >= 1, 'a chart is drawn');
    assert.ok(await page.locator('table').count() >= 1, 'the numbers are in a table');
    await expectAccessible(page, 'the impact report');
    await context.close();
  });
});
