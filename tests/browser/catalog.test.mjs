// User stories of the kennisbank (first part of issue 4): a visitor reads the
// demo resources, a SPOC of Gent adds a resource, edits it and finds the change
// in its history, and every page passes axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  setUp, signIn, TEST_TIMEOUT_MS, expectAccessible, submit,
} from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

describe('the kennisbank', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a visitor reads the list and a resource, and both pages are accessible', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    assert.equal((await page.goto(env.server.baseUrl + '/kennisbank')).status(), 200);
    assert.ok(await page.getByRole('link', { name: 'Babobox' }).count() >= 1, 'the Babobox is listed');
    await expectAccessible(page, '/kennisbank');
    await submit(page, page.getByRole('link', { name: 'Beleidsaanbevelingen van het intergemeentelijk platform' }));
    assert.equal(await page.locator('h1').innerText(), 'Beleidsaanbevelingen van het intergemeentelijk platform');
    assert.equal(await page.locator('.markdown li').count(), 4, 'the Markdown list is rendered');
    assert.equal(await page.getByRole('link', { name: 'Bewerken' }).count(), 0, 'no edit link for a visitor');
    await expectAccessible(page, 'a resource page');
    await context.close();
  });

  test('a SPOC of Gent adds a resource, edits it and finds the change in its history', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/kennisbank');
    await submit(page, page.getByRole('link', { name: 'Een fiche toevoegen' }));
    // First the kind, then the form of that kind.
    await expectAccessible(page, 'the choice of kind');
    await page.getByRole('radio', { name: 'Tool' }).check();
    await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.equal(await page.locator('h1').innerText(), 'Nieuwe fiche');
    assert.match(await page.locator('.chosen-kind').innerText(), /Soort: Tool/);
    assert.equal(await page.locator('legend', { hasText: 'Podcast' }).count(), 0, 'no podcast fields for a tool');
    const owner = page.getByRole('combobox', { name: 'Gemeente', exact: true });
    assert.equal(await owner.locator('option:checked').innerText(), 'Gent', 'the municipality by its name');
    assert.equal(await page.getByLabel('Status').locator('option:checked').innerText(), 'Gepubliceerd',
      'a SPOC who may publish starts from published');
    assert.equal(await page.getByText('Je voorstel wordt nagelezen').count(), 0);
    await expectAccessible(page, 'the empty form');

    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.match(await page.locator('.error-summary').innerText(), /Vul een titel in/);
    assert.equal(await page.locator('#title').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('h1').innerText(), 'Nieuwe fiche', 'still a new resource after an error');
    await expectAccessible(page, 'the form with errors');

    await page.getByLabel('Titel').fill('Stappenplan voor onthaalmedewerkers');
    await page.getByLabel('Korte samenvatting').fill('Wat een onthaalmedewerker doet bij een vermoeden van geweld.');
    await page.getByLabel('Beschrijving').fill('Stap een: luisteren.\nStap twee: doorverwijzen naar 1712.');
    await page.getByRole('checkbox', { name: 'Partnergeweld' }).check();
    await page.getByRole('checkbox', { name: 'Leerkrachten' }).check();
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.equal(new URL(page.url()).pathname, '/kennisbank/stappenplan-voor-onthaalmedewerkers');
    assert.equal(await page.locator('h1').innerText(), 'Stappenplan voor onthaalmedewerkers');
    assert.match(await page.locator('.flash').innerText(), /De fiche is gepubliceerd/);

    // Its themes, audiences and municipality lead to the search filtered on them.
    const topics = page.locator('section.topics');
    assert.equal(await topics.getByRole('link', { name: 'Gent' }).getAttribute('href'), '/zoeken?gemeente=44021');
    await expectAccessible(page, 'the new resource');
    await submit(page, topics.getByRole('link', { name: 'Partnergeweld' }));
    assert.equal(new URL(page.url()).searchParams.get('thema'), 'partner_violence');
    assert.ok(await page.locator('main').getByRole('link', { name: 'Stappenplan voor onthaalmedewerkers' }).count() >= 1,
      'the filtered search lists the resource');
    await page.goto(env.server.baseUrl + '/kennisbank/stappenplan-voor-onthaalmedewerkers');

    await submit(page, page.getByRole('link', { name: 'Bewerken' }));
    await page.getByLabel('Beschrijving').fill('Stap een: luisteren.\nStap twee: bel 1712 of, bij gevaar, 112.');
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    await submit(page, page.getByRole('link', { name: 'Geschiedenis' }));
    assert.equal(await page.locator('.revision').count(), 2);
    assert.match(await page.locator('.diff-added').first().innerText(), /bij gevaar, 112/);
    assert.match(await page.locator('.diff-removed').first().innerText(), /doorverwijzen naar 1712/);
    await expectAccessible(page, 'the history page');

    await submit(page, page.getByRole('button', { name: 'Versie 1 terugzetten' }));
    assert.equal(await page.locator('.revision').count(), 3, 'restoring adds a revision');
    await page.goto(env.server.baseUrl + '/kennisbank/stappenplan-voor-onthaalmedewerkers');
    assert.match(await page.locator('.markdown').innerText(), /doorverwijzen naar 1712/);
    await context.close();
  });

  test('without JavaScript a SPOC chooses the podcast kind and gets its fields', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/kennisbank/nieuw');
    await page.getByRole('radio', { name: 'Podcastaflevering' }).check();
    await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.equal(new URL(page.url()).searchParams.get('soort'), 'podcast_episode');
    assert.equal(await page.locator('legend', { hasText: 'Podcast' }).count(), 1);
    assert.equal(await page.getByLabel('Duur').count(), 1);
    assert.equal(await page.locator('legend', { hasText: 'Om te beoordelen' }).count(), 0,
      'no assessment fields for a podcast episode');
    for (const legend of ['Wat is het?', 'Contact', 'Onderwerp en doelgroep', 'Gemeente en publicatie']) {
      assert.equal(await page.locator('legend', { hasText: legend }).count(), 1, `a fieldset ${legend}`);
    }
    // Another kind: back to the choice, and the podcast fields are gone.
    await submit(page, page.getByRole('link', { name: 'Andere soort kiezen' }));
    await page.getByRole('radio', { name: 'Document' }).check();
    await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.equal(await page.getByLabel('Duur').count(), 0);
    assert.equal(await page.getByLabel('Aanleiding').count(), 0, 'a document has no assessment fields');
    await context.close();
  });

  test('a SPOC who goes on without choosing a kind is asked to choose one, and a good practice gets the assessment fields', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/kennisbank/nieuw');
    const response = await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.equal(response.status(), 400);
    assert.equal(await page.locator('h1').innerText(), 'Nieuwe fiche');
    assert.match(await page.locator('.error-summary').innerText(), /Kies wat voor fiche het is/);
    assert.match(await page.locator('#soort-fout').innerText(), /Kies een soort fiche/);
    await expectAccessible(page, 'the choice of kind with an error');
    // The summary leads to the first choice; choosing goes on to the form.
    await page.locator('.error-summary a').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'soort-tool');
    await page.getByRole('radio', { name: 'Goede praktijk' }).check();
    await submit(page, page.getByRole('button', { name: 'Verder' }));
    assert.match(await page.locator('.chosen-kind').innerText(), /Soort: Goede praktijk/);
    assert.equal(await page.locator('legend', { hasText: 'Om te beoordelen' }).count(), 1);
    assert.equal(await page.getByLabel('Overdraagbaarheid').count(), 1);
    assert.equal(await page.getByLabel('Duur').count(), 0);
    await expectAccessible(page, 'the form of a good practice');
    await context.close();
  });
});
