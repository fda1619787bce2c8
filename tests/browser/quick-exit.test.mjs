// User stories about the quick exit ("Snel weg"): a citizen who may be watched
// must be able to leave at once, and Back must not bring the page back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { eventually, setUp, visibleMainText, TEST_TIMEOUT_MS } from './support.mjs';

describe('quick exit', () => {
  let env;
  before(async () => {
    env = await setUp();
  }, { timeout: 60000 });
  after(async () => {
    await env?.stop();
  }, { timeout: 30000 });

  // Opens /veilig-surfen and then the home page, so that Back has a Schakel page to go to.
  async function visitTwoPages(context) {
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/veilig-surfen');
    await page.goto(env.server.baseUrl + '/');
    assert.match(await visibleMainText(page), /strategische doelstellingen/i);
    return page;
  }

  // After Back, the visitor must see the neutral site or a blank page, never Schakel's content.
  async function assertBackShowsNothing(page) {
    await page.goBack({ waitUntil: 'commit' }).catch(() => null);
    const safe = await eventually(async () => {
      if (page.url() === env.server.neutralUrl) return true;
      return (await visibleMainText(page).catch(() => '')) === '';
    }, 5000);
    const text = await visibleMainText(page).catch(() => '');
    assert.ok(safe, `after Back the page shows ${page.url()}: ${text.slice(0, 80)}`);
    // Give a late script a moment, then check again that nothing came back.
    await page.waitForTimeout(300);
    if (page.url() !== env.server.neutralUrl) {
      assert.equal(await visibleMainText(page).catch(() => ''), '');
    }
    assert.doesNotMatch(await page.locator('body').innerText().catch(() => ''), /Veilig surfen|Schakel/);
  }

  test('a citizen leaves the page with the quick-exit button', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await visitTwoPages(context);
    await page.click('#snel-weg');
    await page.waitForURL(env.server.neutralUrl);
    assert.equal(await page.title(), 'Weerbericht');
    await assertBackShowsNothing(page);
    await context.close();
  });

  test('a citizen leaves every citizen page with the quick-exit button', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const citizenPages = ['/hulp', '/hulp/geweld-thuis', '/hulp/partnergeweld', '/hulp/kindermishandeling',
      '/hulp/ouderenmishandeling', '/hulp/1712', '/hulp/in-de-buurt', '/hulp/dichtbij/beed'];
    for (const path of citizenPages) {
      const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(env.server.baseUrl + path);
      await page.getByRole('link', { name: 'Snel weg' }).click();
      await page.waitForURL(env.server.neutralUrl);
      assert.equal(await page.title(), 'Weerbericht', path);
      await context.close();
    }
  });

  test('the screen goes blank at once, before the neutral site has loaded', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/veilig-surfen');
    // Keep the neutral site from arriving, so that only the blanking can be seen.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(env.server.neutralUrl, async (route) => {
      await held;
      await route.continue();
    });
    try {
      // Click and look at the page in the same task: whatever the visitor
      // sees next must already be blank.
      const seen = await page.evaluate(() => {
        document.getElementById('snel-weg').click();
        const overlay = document.querySelector('.quick-exit-overlay');
        const box = overlay ? overlay.getBoundingClientRect() : null;
        const style = overlay ? getComputedStyle(overlay) : null;
        return {
          title: document.title,
          mainDisplay: getComputedStyle(document.getElementById('inhoud')).display,
          headerDisplay: getComputedStyle(document.querySelector('header')).display,
          overlay: overlay
            ? {
                position: style.position,
                background: style.backgroundColor,
                zIndex: Number(style.zIndex),
                covers: box.left <= 0 && box.top <= 0 && box.right >= innerWidth && box.bottom >= innerHeight,
              }
            : null,
        };
      });
      assert.equal(seen.title, '', 'the title is cleared');
      assert.equal(seen.mainDisplay, 'none', 'the content is hidden');
      assert.equal(seen.headerDisplay, 'none', 'the header is hidden');
      assert.ok(seen.overlay, 'an overlay was added');
      assert.equal(seen.overlay.position, 'fixed');
      assert.equal(seen.overlay.background, 'rgb(255, 255, 255)');
      assert.ok(seen.overlay.zIndex >= 2147483000, `overlay z-index ${seen.overlay.zIndex}`);
      assert.ok(seen.overlay.covers, 'the overlay covers the whole window');
    } finally {
      release();
    }
    await page.waitForURL(env.server.neutralUrl);
    await context.close();
  });

  test('a citizen leaves the page by pressing Shift three times', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await visitTwoPages(context);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL(env.server.neutralUrl, { timeout: 5000 });
    assert.equal(await page.title(), 'Weerbericht');
    await assertBackShowsNothing(page);
    await context.close();
  });

  test('typing with Shift between other keys or holding Shift down does not leave the page', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await page.locator('#inhoud').focus();
    // Capital letters: Shift, a key, Shift, a key, Shift.
    for (const key of ['Shift', 'KeyH', 'Shift', 'KeyJ', 'Shift']) await page.keyboard.press(key);
    // Holding Shift: one press and key repeats.
    await page.keyboard.down('Shift');
    await page.keyboard.down('Shift');
    await page.keyboard.down('Shift');
    await page.keyboard.up('Shift');
    await page.waitForTimeout(500);
    assert.equal(page.url(), env.server.baseUrl + '/');
    assert.match(await visibleMainText(page), /strategische doelstellingen/i);
    await context.close();
  });

  test('the quick exit still works when the browser blocks sessionStorage', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'sessionStorage', {
        configurable: true,
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(env.server.baseUrl + '/');
    await page.click('#snel-weg');
    await page.waitForURL(env.server.neutralUrl, { timeout: 5000 });
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });

  test('the quick-exit link is the first thing a keyboard user reaches after the skip link', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      href: document.activeElement.getAttribute('href'),
      text: document.activeElement.textContent.trim(),
    }));
    assert.deepEqual(first, { href: '#inhoud', text: 'Naar de inhoud' });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'snel-weg');

    // Enter on the focused quick exit leaves as well.
    await page.keyboard.press('Enter');
    await page.waitForURL(env.server.neutralUrl, { timeout: 5000 });
    await context.close();
  });

  test('the skip link moves the focus to the main content', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.server.baseUrl + '/privacy');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'inhoud');
    await context.close();
  });
});
