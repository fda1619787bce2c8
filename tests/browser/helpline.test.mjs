// User stories about the way to help: 1712, 101 and 112 on the home page and on
// /hulp/1712, with whether 1712 is open now, and the coordinator who keeps the
// hours and closing days current.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_COORDINATOR, expectAccessible, setUp, signIn, submit, TEST_TIMEOUT_MS,
} from './support.mjs';

// The demo's closing days (the Belgian public holidays of 2026 and 2027).
const HOLIDAYS = new Set([
  '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-07-21', '2026-08-15',
  '2026-11-01', '2026-11-11', '2026-12-25', '2027-01-01', '2027-03-29', '2027-05-01', '2027-05-06',
  '2027-05-17', '2027-07-21', '2027-08-15', '2027-11-01', '2027-11-11', '2027-12-25',
]);

// Date, weekday and minutes of a moment in Brussels.
function brussels(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit',
    weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

// Whether the demo's phone line (working days 9:00-17:00) is open at `ms`.
function phoneOpenAt(ms) {
  const b = brussels(ms);
  return !['Sat', 'Sun'].includes(b.weekday) && !HOLIDAYS.has(b.date) && b.minutes >= 540 && b.minutes < 1020;
}

// Checks the way to help on the page open in `page`: 1712, 101 and 112 as tel:
// links large enough to tap, and the phone's state as the clock says.
async function expectWayToHelp(page, what, { tappable = true } = {}) {
  for (const number of ['1712', '101', '112']) {
    const link = page.locator(`main a[href="tel:${number}"]`).first();
    assert.equal(await link.isVisible(), true, `${what}: tel:${number} is shown`);
    assert.match(await link.innerText(), new RegExp(`Bel ${number}`), `${what}: the link says what it does`);
    if (tappable) {
      const box = await link.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `${what}: tel:${number} is ${box.width}x${box.height}`);
      assert.ok(box.x >= 0 && box.x + box.width <= page.viewportSize().width, `${what}: tel:${number} is on screen`);
    }
  }
  const main = page.locator('main');
  assert.match(await main.innerText(), /1712 is geen noodnummer en geen meldpunt\./, what);
  const state = await page.locator('main .helpline-channel', { has: page.locator('a[href="tel:1712"]') })
    .locator('.helpline-state').innerText();
  return state.replace(/\s+/g, ' ').trim();  // the channel's name is visually hidden
}

describe('the way to help', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  test('a citizen on a 360 px screen finds 1712 and 101/112 as tappable links on the home page and on /hulp/1712, and sees whether 1712 is open now', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const requests = [];
    const setCookies = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('response', async (res) => {
      const headers = await res.allHeaders().catch(() => ({}));
      if (headers['set-cookie']) setCookies.push(`${res.url()}: ${headers['set-cookie']}`);
    });

    for (const step of ['home', 'helpline']) {
      const before = phoneOpenAt(Date.now());
      const response = step === 'home'
        ? await page.goto(env.server.baseUrl + '/')
        : await submit(page, page.locator('main a[href="/hulp/1712"]'));  // one step from home
      assert.equal(response.status(), 200, step);
      assert.equal(response.headers()['cache-control'], 'no-store', step);
      const state = await expectWayToHelp(page, step);
      // The state as the clock says (unless it changed while the page loaded).
      if (before === phoneOpenAt(Date.now())) {
        assert.match(state, before ? /^Telefoon: Nu open tot 17:00\.$/ : /^Telefoon: Gesloten\. Opent .+ om 09:00\.$/, step);
      }
      const mail = await page.locator('main .helpline-channel', { hasText: 'Mail 1712' }).innerText();
      assert.match(mail, /Altijd open\./, `${step}: e-mail is always open`);
      assert.equal(await page.evaluate(() => document.cookie), '', `${step}: no cookie`);
      await expectAccessible(page, step);
    }
    assert.equal(new URL(page.url()).pathname, '/hulp/1712');
    assert.match(await page.title(), /^Praat met 1712 /);
    assert.match(await page.locator('main').innerText(), /Wanneer is 1712 open\?[\s\S]*maandag tot en met vrijdag: 09:00-17:00/);

    assert.deepEqual(setCookies, [], 'no Set-Cookie header');
    assert.deepEqual(await context.cookies(), [], 'no cookie in the browser');
    const foreign = requests.filter((u) => new URL(u).origin !== env.server.origin);
    assert.deepEqual(foreign, [], 'nothing loaded from another origin');

    // At 320 px nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/', '/hulp/1712']) {
      await page.goto(env.server.baseUrl + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width} px wide`);
    }
    await context.close();

    // Without JavaScript the way to help is all there.
    const noScript = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const plain = await noScript.newPage();
    for (const path of ['/', '/hulp/1712']) {
      await plain.goto(env.server.baseUrl + path);
      assert.match(await expectWayToHelp(plain, `${path} without JavaScript`), /^Telefoon: (Nu open|Gesloten)/);
    }
    // The quick exit is a real link: it leaves /hulp/1712 without JavaScript too.
    await submit(plain, plain.locator('#snel-weg'));
    assert.equal(plain.url(), env.server.neutralUrl);
    await noScript.close();
  });

  test('a coordinator changes the chat hours and adds a closing day', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.baseUrl, DEMO_COORDINATOR);
    await page.goto(env.server.baseUrl + '/netwerk/beheer');
    await submit(page, page.locator('main a[href="/hulp/1712/bewerken"]'));
    assert.equal(new URL(page.url()).pathname, '/hulp/1712/bewerken');
    assert.equal(await page.inputValue('#chat_tue'), '17:00-19:00');
    await expectAccessible(page, 'the editor of 1712');

    // A wrong hour is refused with a message at its field, and nothing changes.
    await page.fill('#chat_mon', '25:00-26:00');
    let response = await submit(page, page.getByRole('button', { name: 'Kanalen en uren bewaren' }));
    assert.equal(response.status(), 422);
    assert.match(await page.locator('.error-summary').innerText(), /Maandag \(Chat\): 25:00 is geen uur van de dag/);
    assert.equal(await page.getAttribute('#chat_mon', 'aria-invalid'), 'true');
    await expectAccessible(page, 'the editor with an error');

    await page.fill('#chat_mon', '09:00-12:00, 13:00-17:00');
    await page.fill('#chat_tue', '');
    response = await submit(page, page.getByRole('button', { name: 'Kanalen en uren bewaren' }));
    assert.equal(response.status(), 200);
    assert.match(await page.locator('.flash-region').innerText(), /De kanalen en uren van 1712 zijn bewaard\./);
    assert.equal(await page.inputValue('#chat_mon'), '09:00-12:00, 13:00-17:00');
    assert.equal(await page.inputValue('#chat_tue'), '');

    // A closing day some weeks ahead that is no holiday yet.
    let day = Date.now() + 40 * 86400000;
    while (HOLIDAYS.has(brussels(day).date)) day += 86400000;
    await page.fill('#day', brussels(day).date);
    await page.fill('#name', 'Teamdag van 1712');
    response = await submit(page, page.getByRole('button', { name: 'Sluitingsdag toevoegen' }));
    assert.equal(response.status(), 200);
    assert.match(await page.locator('.flash-region').innerText(), /De sluitingsdag is toegevoegd\./);
    assert.match(await page.locator('.closing-days-edit').innerText(), /Teamdag van 1712/);

    await page.setViewportSize({ width: 320, height: 640 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the editor is ${width} px wide`);

    // Citizens see the change on the page about 1712, reached from the editor.
    await submit(page, page.locator('main a[href="/hulp/1712"]'));
    const text = await page.locator('main').innerText();
    assert.match(text, /maandag: 09:00-12:00, 13:00-17:00/);
    assert.match(text, /dinsdag: gesloten[\s\S]*woensdag en donderdag: 17:00-19:00/);
    assert.match(await page.locator('.closing-days').innerText(), /Teamdag van 1712/);
    await context.close();
  });
});
