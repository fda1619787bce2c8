// Shared set-up of the browser tests: a fresh Schakel server with demo content
// for each test file, a tiny "neutral" site for the quick exit to land on, a
// real SMTP server (Debian's aiosmtpd) that keeps the mails in a maildir, and
// Debian's Chromium driven by playwright-core (no browser download).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import assert from 'node:assert/strict';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

export const BINARY = process.env.SCHAKEL_BINARY || path.resolve(here, '../../build/debug/schakel');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Every page that an anonymous visitor can open.
export const PUBLIC_PAGES = ['/', '/toegankelijkheid', '/privacy', '/veilig-surfen', '/netwerk', '/kennisbank', '/kennisbank/barst',
  '/kennisbank/podcast-drie-sporen', '/zoeken', '/zoeken?q=mishandeling&thema=child_abuse', '/zoeken?q=babobx',
  '/vorming', '/vorming?thema=partner_violence', '/vorming/kindermishandeling-herkennen-demo', '/attest',
  '/hulp', '/hulp/partnergeweld', '/hulp/kindermishandeling', '/hulp/1712', '/hulp/in-de-buurt', '/hulp/dichtbij/beed',
  '/wat-doet-het-netwerk', '/doelen/1'];

// The demo coordinator and admin have TOTP switched on with this secret.
export const DEMO_TOTP_SECRET = 'ONRWQYLLMVWC2ZDFNVXS25DPORYC2MRW';
export const DEMO_COORDINATOR = {
  email: 'coordinator@demo.schakel.be',
  password: 'schakel-demo-2026',
  totpSecret: DEMO_TOTP_SECRET,
};
export const DEMO_PROFESSIONAL = { email: 'professional@demo.schakel.be', password: 'schakel-demo-2026' };

// Debian's Python, which has aiosmtpd (the `python3` on PATH may be another one).
export const SYSTEM_PYTHON = process.env.SCHAKEL_SMTP_PYTHON || '/usr/bin/python3';

// Upper bound of one test, so that a hang fails instead of blocking the suite.
export const TEST_TIMEOUT_MS = 30000;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const NEUTRAL_HTML = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Weerbericht</title></head>
<body><main><h1>Weerbericht</h1><p>Morgen droog en zonnig, tot 18 graden.</p></main></body></html>`;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts the neutral site: GET /neutraal answers a harmless weather page.
async function startNeutralSite() {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url.split('?')[0] === '/neutraal') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(NEUTRAL_HTML);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('niet gevonden\n');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/neutraal`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Starts aiosmtpd on a free port; every mail it receives becomes a file in
// `<dir>/maildir/new`.
async function startSmtpServer(dir) {
  const port = await freePort();
  const maildir = path.join(dir, 'maildir');
  const child = spawn(
    SYSTEM_PYTHON,
    ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (chunk) => { log += chunk; });
  child.stderr.on('data', (chunk) => { log += chunk; });
  let spawnError = null;
  child.on('error', (err) => { spawnError = err; });
  const deadline = Date.now() + 10000;
  for (;;) {
    if (spawnError) throw new Error(`aiosmtpd did not start: ${spawnError.message}`);
    if (child.exitCode !== null) throw new Error(`aiosmtpd exited with ${child.exitCode}:\n${log}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`aiosmtpd did not listen on ${port} within 10 s:\n${log}`);
    }
    await sleep(100);
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    maildir,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(url, child, output, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`schakel serve exited with ${child.exitCode}:\n${output()}`);
    }
    if (child.spawnError) throw child.spawnError;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${output()}`);
}

// Starts a fresh server on a temporary database with demo content, plus the
// neutral site. Returns { baseUrl, origin, neutralUrl, neutralOrigin, stop }.
// `beforeServe(databaseFile)`, when given, runs after the demo is loaded and
// before the server starts (a story's own rows of another part's tables).
export async function startServer({ beforeServe } = {}) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`Schakel binary not found at ${BINARY}; build it or set SCHAKEL_BINARY`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-browser-'));
  const database = `sqlite:${path.join(dir, 'schakel.db')}`;
  const common = ['--database', database, '--data-dir', dir];

  const demo = spawnSync(BINARY, ['demo', ...common], { encoding: 'utf8', timeout: 60000 });
  if (demo.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`schakel demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);
  }
  if (beforeServe) beforeServe(path.join(dir, 'schakel.db'));

  const neutral = await startNeutralSite();
  let smtp;
  try {
    smtp = await startSmtpServer(dir);
  } catch (err) {
    await neutral.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [
    'serve', ...common,
    '--listen', `127.0.0.1:${port}`,
    '--quick-exit-url', neutral.url,
    '--access-log', '',
    '--allow-demo-accounts',
    '--smtp-url', smtp.url,
    '--base-url', baseUrl,
  ];
  if (process.env.SCHAKEL_DEV === '1') args.push('--dev');

  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => {
    log += chunk;
    if (log.length > 100000) log = log.slice(-50000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (err) => { child.spawnError = err; });

  try {
    await waitUntilReady(`${baseUrl}/readyz`, child, () => log);
  } catch (err) {
    child.kill('SIGKILL');
    await smtp.stop();
    await neutral.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    baseUrl,
    origin: baseUrl,
    neutralUrl: neutral.url,
    neutralOrigin: neutral.origin,
    maildir: smtp.maildir,
    mailsSeen: new Set(),
    log: () => log,
    smtpLog: smtp.log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        await exited;
        clearTimeout(timer);
      }
      await smtp.stop();
      await neutral.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Starts server and browser for one test file; `stop` tears both down.
export async function setUp(options = {}) {
  const server = await startServer(options);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    server,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// The visible text of the page's <main>, or '' when there is none or it is hidden.
export async function visibleMainText(page) {
  const main = page.locator('main#inhoud');
  if ((await main.count()) === 0) return '';
  if (!(await main.isVisible())) return '';
  return (await main.innerText()).trim();
}

// Polls `fn` until it returns a truthy value or `timeoutMs` passes; returns the last value.
export async function eventually(fn, timeoutMs = 5000, stepMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let value = await fn();
  while (!value && Date.now() < deadline) {
    await sleep(stepMs);
    value = await fn();
  }
  return value;
}

// ---------- TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) ----------

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

// The code for time step `step` (seconds since the epoch / 30).
export function totpCodeAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(number).padStart(6, '0');
}

// The current code of `secret`.
export function totpCode(secret, timeMs = Date.now()) {
  return totpCodeAt(secret, Math.floor(timeMs / 1000 / 30));
}

// The server refuses a code of a step that was used before (replay), so each
// call returns a code of a step not handed out yet: the current one, or the
// next one (the server accepts one step of clock drift), or it waits.
const lastTotpStep = new Map();
export async function freshTotpCode(secret) {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, (lastTotpStep.get(secret) ?? -1) + 1);
    if (step <= now + 1) {
      lastTotpStep.set(secret, step);
      return totpCodeAt(secret, step);
    }
    await sleep(1000);
  }
}

// ---------- Mail ----------

function decodeEncodedWords(value) {
  // Whitespace between two encoded words is not part of the text.
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, kind, text) => {
    const buffer = kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return new TextDecoder(charset).decode(buffer);
  });
}

// Splits a message (or a MIME part) into lower-cased headers and body.
function parseEntity(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody({ headers, body }) {
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return bytes.toString('utf8');
  }
  return body;
}

// Reads one stored mail: { to, subject, text, html, link } with `text` the
// decoded text/plain part and `link` its first http(s) link.
export function parseMail(raw) {
  const message = parseEntity(raw);
  const type = message.headers['content-type'] || 'text/plain';
  let text = '';
  let html = '';
  const attachments = [];
  // Walks nested multiparts (mixed > alternative) for the text parts and the
  // names of attached files.
  const walk = (entity, entityType) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(entityType)?.[1];
    if (!boundary) return false;
    const parts = entity.body.replace(/\r\n/g, '\n').split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      const child = parseEntity(part.replace(/^\n/, ''));
      const partType = child.headers['content-type'] || '';
      const lower = partType.toLowerCase();
      if (lower.startsWith('multipart/')) walk(child, partType);
      else if (/attachment/i.test(child.headers['content-disposition'] || '')) {
        attachments.push({ name: /filename="?([^";]+)"?/i.exec(child.headers['content-disposition'])?.[1] ?? '', type: lower, content: decodeBody(child) });
      } else if (lower.startsWith('text/plain') && !text) text = decodeBody(child);
      else if (lower.startsWith('text/html') && !html) html = decodeBody(child);
    }
    return true;
  };
  if (!walk(message, type)) text = decodeBody(message);
  const link = /https?:\/\/[^\s<>"]+/.exec(text)?.[0] ?? null;
  return {
    to: message.headers.to || '',
    rcpt: message.headers['x-rcptto'] || '',
    subject: decodeEncodedWords(message.headers.subject || ''),
    text,
    html,
    link,
    attachments,
  };
}

function mailFiles(maildir) {
  const folder = path.join(maildir, 'new');
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder)
    .map((name) => ({ name, file: path.join(folder, name), time: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => a.time - b.time || a.name.localeCompare(b.name));
}

// The subject of a daily or weekly digest (digest/templates).
const DIGEST_SUBJECT = /^Je (dagelijks|wekelijks) overzicht/;

// Waits (up to `timeoutMs`) for a mail to `address` that no earlier call
// returned, and returns it parsed (see parseMail). Each mail is returned once.
// Digests are passed over unless `digest` is true.
export async function waitForMail(server, address, { timeoutMs = 10000, digest = false } = {}) {
  const wanted = address.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const { name, file } of mailFiles(server.maildir)) {
      if (server.mailsSeen.has(name)) continue;
      const mail = parseMail(fs.readFileSync(file, 'utf8'));
      if (!`${mail.to} ${mail.rcpt}`.toLowerCase().includes(wanted)) continue;
      // The demo's digest job may mail the demo people at any moment: only a
      // story about digests (digest: true) takes those.
      if (DIGEST_SUBJECT.test(mail.subject) !== digest) continue;
      server.mailsSeen.add(name);
      return mail;
    }
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${address} within ${timeoutMs} ms; server log:\n${server.log().slice(-3000)}\nSMTP log:\n${server.smtpLog().slice(-2000)}`);
    }
    await sleep(200);
  }
}

// The mails to `address` that arrived so far and were not returned yet.
export function unreadMails(server, address) {
  const wanted = address.toLowerCase();
  return mailFiles(server.maildir)
    .filter(({ name }) => !server.mailsSeen.has(name))
    .map(({ file }) => parseMail(fs.readFileSync(file, 'utf8')))
    .filter((mail) => `${mail.to} ${mail.rcpt}`.toLowerCase().includes(wanted));
}

// ---------- Signing in ----------

// Signs in with e-mail and password on the sign-in form; for an account with
// TOTP, also types a fresh code on the second step. Ends on the page after.
export async function signIn(page, baseUrl, { email, password, totpSecret }) {
  await page.goto(baseUrl + '/aanmelden');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.locator('form.sign-in-form button[type="submit"]').click()]);
  if (totpSecret) {
    if (new URL(page.url()).pathname !== '/aanmelden/tweede-stap') {
      throw new Error(`expected the second step after the password, got ${page.url()}`);
    }
    await page.fill('#code', await freshTotpCode(totpSecret));
    await Promise.all([page.waitForNavigation(), page.locator('form.second-factor-form button[type="submit"]').click()]);
  }
}

// ---------- shared steps of the user stories ----------

// Fails with the list of axe-core violations (WCAG 2.1 A and AA) on the page.
export async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
    `axe-core on ${what}`);
}

// Clicks `button` and waits for the page it leads to; returns that response.
export async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return response;
}

// Fails unless the page fits a 320 px wide phone (no horizontal scroll of the
// document); leaves the viewport at 320 x 640.
export async function expectFits320(page, what) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} fits 320 px (${width} px)`);
}

// The texts of the page's charts (svg role="img") that stick out of their
// drawing; an empty list when no label is cut.
export async function clippedChartLabels(page) {
  return page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll('svg[role="img"]')) {
      const box = svg.viewBox.baseVal;
      for (const text of svg.querySelectorAll('text')) {
        const b = text.getBBox();
        if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5) out.push(text.textContent);
      }
    }
    return out;
  });
}
