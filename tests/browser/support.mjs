// Shared set-up of the browser tests: a fresh Schakel server with demo content
// for each test file, a tiny "neutral" site for the quick exit to land on, and
// Debian's Chromium driven by playwright-core (no browser download).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

export const BINARY = process.env.SCHAKEL_BINARY || path.resolve(here, '../../build/debug/schakel');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Every page that an anonymous visitor can open.
export const PUBLIC_PAGES = ['/', '/toegankelijkheid', '/privacy', '/veilig-surfen', '/netwerk'];

export const DEMO_COORDINATOR = { email: 'coordinator@demo.schakel.be', password: 'schakel-demo-2026' };

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

async function waitUntilReady(url, child, output, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`schakel serve exited with ${child.exitCode}:\n${output()}`);
    }
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
export async function startServer() {
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

  const neutral = await startNeutralSite();
  const port = await freePort();
  const args = [
    'serve', ...common,
    '--listen', `127.0.0.1:${port}`,
    '--quick-exit-url', neutral.url,
    '--access-log', '',
    '--allow-demo-accounts',
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

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${baseUrl}/readyz`, child, () => log);
  } catch (err) {
    child.kill('SIGKILL');
    await neutral.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    baseUrl,
    origin: baseUrl,
    neutralUrl: neutral.url,
    neutralOrigin: neutral.origin,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        await exited;
        clearTimeout(timer);
      }
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
export async function setUp() {
  const server = await startServer();
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
