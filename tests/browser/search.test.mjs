// User stories of the kennisbank search (issue 4): a professional searches,
// filters, opens a tool and downloads its attachment; results follow typing;
// the search works without JavaScript; the coordinator's synonym page is
// accessible; and hostile text in every field is shown as text, never run.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_COORDINATOR, DEMO_PROFESSIONAL, eventually, setUp, signIn, TEST_TIMEOUT_MS, expectAccessible, submit,
} from './support.mjs';

const SPOC_GENT = { email: 'spoc.gent@demo.schakel.be', password: 'schakel-demo-2026' };

function resultCount(text) {
  const match = /(\d+) resulta(at|ten)/.exec(text);
  return match ? Number(match[1]) : -1;
}

describe('searching the kennisbank', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a professional searches "mishandeling", filters on a theme and a track, opens a tool and downloads its attachment',
    { timeout: 60000 }, async () => {
      const context = await env.browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, env.server.baseUrl, DEMO_PROFESSIONAL);
      await page.getByLabel(/Zoeken op/).fill('mishandeling');
      await submit(page, page.getByRole('button', { name: 'Zoeken', exact: true }).first());
      assert.equal(new URL(page.url()).pathname, '/zoeken');
      const all = resultCount(await page.locator('.result-count').innerText());
      assert.ok(all >= 3, `several results for mishandeling (${all})`);
      assert.ok(await page.locator('.results mark').count() > 0, 'the matching words are marked');
      await expectAccessible(page, 'the results page');

      const facets = page.getByRole('navigation', { name: 'Filters' });
      await submit(page, facets.getByRole('link', { name: /^Kindermishandeling/ }));
      const themed = resultCount(await page.locator('.result-count').innerText());
      assert.ok(themed >= 1 && themed <= all, 'the theme narrows the results');
      await submit(page, facets.getByRole('link', { name: /^Zorg/ }));
      const tracked = resultCount(await page.locator('.result-count').innerText());
      assert.ok(tracked >= 1 && tracked <= themed, 'the track narrows them further');
      assert.equal(await page.locator('.chip').count(), 2, 'both filters are shown');
      await expectAccessible(page, 'the filtered results page');

      await submit(page, page.locator('.results').getByRole('link', { name: /schoolprotocol/ }));
      assert.match(await page.locator('h1').first().innerText(), /schoolprotocol/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.attachments a').first().click(),
      ]);
      assert.match(download.suggestedFilename(), /\.pdf$/);
      const bytes = await fs.readFile(await download.path());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      await context.close();
    });

  test('the results follow what one types, without submitting', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/zoeken?q=babobox');
    assert.ok(resultCount(await page.locator('.result-count').innerText()) >= 1);
    assert.equal(await page.locator('.results h2 a').first().innerText(), 'Babobox');
    await page.locator('#zoekvraag').fill('podcast');
    assert.ok(await eventually(async () => /voor „podcast”/.test(await page.locator('.result-count').innerText())),
      'the results changed to the new words');
    assert.ok(await page.getByRole('link', { name: /Podcast: drie sporen/ }).count() >= 1);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'podcast', 'the address follows, for Back and sharing');
    assert.equal(await page.locator('#zoekvraag').evaluate((el) => el === document.activeElement), true,
      'the focus stays in the search box');
    await context.close();
  });

  test('a mistyped word still finds the right resource, also without JavaScript', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await page.getByLabel(/Zoeken op/).fill('babobx');
    await submit(page, page.getByRole('button', { name: 'Zoeken', exact: true }).first());
    assert.match(await page.locator('.suggestion').innerText(), /babobox/);
    assert.equal(await page.locator('.results h2 a').first().innerText(), 'Babobox');
    await submit(page, page.getByRole('navigation', { name: 'Filters' }).getByRole('link', { name: /^Tool/ }));
    assert.match(page.url(), /soort=tool/);
    await context.close();
  });

  test('the coordinator edits the synonyms and the search uses them', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/kennisbank/synoniemen');
    await expectAccessible(page, 'the synonym page');
    await page.getByLabel('Eén groep per regel').fill('babobox, speelgoedkist\nalleen');
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.match(await page.locator('.error-summary').innerText(), /Regel 2/);
    await expectAccessible(page, 'the synonym page with an error');
    await page.getByLabel('Eén groep per regel').fill('babobox, speelgoedkist');
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    assert.ok(await eventually(async () => {
      await page.goto(env.server.baseUrl + '/zoeken?q=speelgoedkist');
      return (await page.locator('.results h2 a').count()) > 0 &&
        (await page.locator('.results h2 a').first().innerText()) === 'Babobox';
    }), 'a synonym finds the Babobox');
    await context.close();
  });
});

// Hostile strings: each sets window.__xss or opens a dialog when it runs.
const HOSTILE = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '"><svg onload="window.__xss = 3">',
  "' onmouseover='window.__xss = 4' x='",
  '{{#x}}{{{x}}}{{/x}} <iframe srcdoc="<script>parent.__xss = 5</script>"></iframe>',
  '<a href="javascript:window.__xss = 6">klik</a>',
  '</textarea><script>window.__xss = 7</script>',
];
const FIELDS = ['rationale', 'target_group', 'goals', 'approach', 'conditions', 'transferability', 'cost',
  'training_needed', 'contact_name', 'contact_organisation'];

describe('hostile text in a resource', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('is shown as text in every field and in Markdown, never executed', { timeout: 90000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await signIn(page, env.server.baseUrl, SPOC_GENT);
    await page.goto(env.server.baseUrl + '/kennisbank/nieuw?soort=tool');
    const title = 'Zwaardvis ' + HOSTILE[0];
    await page.locator('#title').fill(title);
    await page.locator('#summary').fill('Zwaardvis ' + HOSTILE[1]);
    await page.locator('#body').fill([
      '# Kop ' + HOSTILE[2],
      '',
      'Tekst met ' + HOSTILE[1] + ' en [een link](javascript:window.__xss=8) en ' + HOSTILE[5],
      '',
      '<script>window.__xss = 9</script>',
      '',
      '```',
      HOSTILE[6],
      '```',
    ].join('\n'));
    for (let i = 0; i < FIELDS.length; i += 1) {
      await page.locator('#' + FIELDS[i]).fill(HOSTILE[i % HOSTILE.length]);
    }
    await page.getByLabel('Status').selectOption({ label: 'Gepubliceerd' });
    await submit(page, page.getByRole('button', { name: 'Bewaren' }));
    const resourcePath = new URL(page.url()).pathname;
    assert.match(resourcePath, /^\/kennisbank\/zwaardvis/);

    const checkPage = async (what) => {
      assert.equal(await page.evaluate(() => window.__xss), undefined, `no script ran on ${what}`);
      assert.deepEqual(dialogs, [], `no dialog on ${what}`);
      assert.equal(await page.locator('main img[src="x"], main svg[onload], main iframe, main [onmouseover]').count(), 0,
        `no injected elements on ${what}`);
      assert.equal(await page.locator('main a[href^="javascript:"]').count(), 0, `no javascript: links on ${what}`);
    };

    await checkPage('the resource page');
    assert.equal(await page.locator('h1').count(), 1, 'a heading in the text does not compete with the title');
    assert.equal(await page.locator('h1').innerText(), title, 'the title is shown as typed');
    const main = await page.locator('main').innerText();
    for (const hostile of HOSTILE.slice(0, 4)) {
      assert.ok(main.includes(hostile), `shown as text: ${hostile}`);
    }
    await page.locator('main').hover();

    await page.goto(env.server.baseUrl + resourcePath + '/geschiedenis');
    await checkPage('the history page');
    await page.goto(env.server.baseUrl + resourcePath + '/bewerken');
    await checkPage('the edit form');
    assert.equal(await page.locator('#title').inputValue(), title, 'the form gives the text back unchanged');
    assert.ok(await eventually(async () => {
      await page.goto(env.server.baseUrl + '/zoeken?q=zwaardvis');
      return (await page.locator('.results h2 a').count()) > 0 &&
        (await page.locator('.results h2 a').first().innerText()) === title;
    }), 'the hostile title is found and shown as text');
    await checkPage('the results page');
    await page.goto(env.server.baseUrl + '/kennisbank');
    await checkPage('the list');
    await context.close();
  });
});
