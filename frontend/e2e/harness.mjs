// End-to-end harness: the real app (wails dev: real Go code, real SQLite on a
// throwaway database) driven from headless Chromium through playwright-core.
//
//   import { startApp, screenshot } from './harness.mjs';
//   const app = await startApp();           // { baseURL, dbPath, newPage, stop }
//   try { const page = await app.newPage(); ... } finally { await app.stop(); }
//
// Helpers for the tests themselves: eventually (poll until true),
// saveSettings and createIncident (seed through the bound Go API, with
// defaults a test overrides in part).
//
// Needs no display: without DISPLAY it starts its own Xvfb for the native
// window that wails dev opens next to the dev server. Every process it starts
// (Xvfb, wails, vite, the app binary, its WebKit helpers) is gone after stop().
// Options: dbPath (default: a file in a fresh temp dir), timeoutMs (start-up,
// default 240 s: the first Go compile on a cold cache is slow), env (extra
// environment for the app), keepTemp (keep the temp dir with its logs).
// HINDSIGHT_E2E_VERBOSE=1 echoes wails' output as it comes.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = '/tmp/hindsight-e2e';
// Debian's package installs /usr/bin/chromium; Ubuntu's installs the snap
// behind /usr/bin/chromium-browser (and /snap/bin/chromium).
const CHROMIUM =
  process.env.HINDSIGHT_E2E_CHROMIUM ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'].find((p) => fs.existsSync(p)) ||
  '/usr/bin/chromium';
const DEFAULT_PORT = 34115;
const TAGS = 'webkit2_41,sqlite_fts5';
const VERBOSE = !!process.env.HINDSIGHT_E2E_VERBOSE;

/** Live harness processes, killed on process exit if a test forgot stop(). */
const live = new Set();
process.on('exit', () => {
  for (const h of live) h.killNow();
});
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(sig, () => process.exit(code)); // runs the 'exit' handler above
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function wailsBinary() {
  if (process.env.WAILS) return process.env.WAILS;
  const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim().split(path.delimiter)[0];
  const bin = path.join(gopath, 'bin', 'wails');
  if (!fs.existsSync(bin)) throw new Error(`wails CLI not found at ${bin}: run make deps`);
  return bin;
}

/** Single-quote a string for wails' shlex parsing of -appargs. */
function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1' }, () => srv.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function pickPort() {
  if (await portFree(DEFAULT_PORT)) return DEFAULT_PORT;
  return freePort();
}

/** All live descendants of pid (from /proc), deepest last. */
function descendants(pid) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) || []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, sig, group = false) {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    /* already gone */
  }
}

async function startXvfb(logFile) {
  const log = fs.openSync(logFile, 'a');
  // -displayfd: Xvfb picks a free display and writes its number once it
  // accepts connections.
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp', '-noreset'],
    { stdio: ['ignore', log, log, 'pipe'], detached: true },
  );
  fs.closeSync(log);
  const display = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start within 20 s')), 20_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start Xvfb (run make deps): ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: see ${logFile}`));
    });
    child.stdio[3].on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${buf.trim()}`);
      }
    });
  });
  child.removeAllListeners('exit');
  child.stdio[3].destroy();
  return { child, display };
}

/**
 * Starts the app with wails dev on a throwaway database and a headless
 * Chromium to drive it.
 * @param {{dbPath?: string, timeoutMs?: number, env?: Record<string,string>, keepTemp?: boolean}} opts
 * @returns {Promise<{baseURL: string, dbPath: string, tempDir: string, logFile: string,
 *   newPage(): Promise<import('playwright-core').Page>, stop(): Promise<void>}>}
 */
export async function startApp(opts = {}) {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-e2e-'));
  const dbPath = opts.dbPath ? path.resolve(opts.dbPath) : path.join(tempDir, 'e2e.db');
  const logFile = path.join(tempDir, 'wails-dev.log');
  const timeoutMs = opts.timeoutMs ?? 240_000;

  let xvfb = null;
  let wails = null;
  let wailsExit = null;
  let browser = null;
  let stopped = false;
  let output = '';

  const harness = {
    killNow() {
      // Synchronous last resort (process exit): SIGKILL everything we started.
      if (wails?.pid) {
        for (const p of descendants(wails.pid)) signal(p, 'SIGKILL');
        signal(wails.pid, 'SIGKILL', true);
      }
      if (xvfb?.child.pid) signal(xvfb.child.pid, 'SIGKILL');
      if (!opts.keepTemp && !process.env.HINDSIGHT_E2E_KEEP) {
        fs.rmSync(tempDir, { recursive: true, force: true });
      }
    },
  };
  live.add(harness);

  async function stop() {
    if (stopped) return;
    stopped = true;
    if (browser) {
      await Promise.race([browser.close().catch(() => {}), sleep(10_000)]);
    }
    if (wails?.pid && wailsExit === null) {
      // Remember the whole tree first: wails runs vite in a process group of
      // its own, and orphans are re-parented out of our reach.
      const tree = new Set(descendants(wails.pid));
      // SIGTERM lets wails stop vite and the app binary and delete the dev binary.
      signal(wails.pid, 'SIGTERM', true);
      const deadline = Date.now() + 8_000;
      while (Date.now() < deadline && (alive(wails.pid) || [...tree].some(alive))) {
        for (const p of descendants(wails.pid)) tree.add(p);
        await sleep(100);
      }
      for (const p of [...tree]) for (const d of descendants(p)) tree.add(d);
      signal(wails.pid, 'SIGKILL', true);
      for (const p of tree) signal(p, 'SIGKILL');
      if (!(await exited(wails, 5_000))) throw new Error(`wails dev (pid ${wails.pid}) would not die`);
    } else if (wails?.pid) {
      signal(wails.pid, 'SIGKILL', true);
    }
    if (xvfb) {
      signal(xvfb.child.pid, 'SIGTERM');
      if (!(await exited(xvfb.child, 5_000))) signal(xvfb.child.pid, 'SIGKILL');
    }
    live.delete(harness);
    if (!opts.keepTemp && !process.env.HINDSIGHT_E2E_KEEP) {
      fs.rmSync(tempDir, { recursive: true, force: true });
    }
  }

  function exited(child, ms) {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      child.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  async function fail(message) {
    const tail = output.split('\n').slice(-200).join('\n');
    await stop().catch(() => {});
    const err = new Error(`${message}\n----- wails dev output (${logFile}) -----\n${tail}\n-----`);
    throw err;
  }

  try {
    const env = {
      ...process.env,
      HINDSIGHT_DB: dbPath,
      HINDSIGHT_LOG_DIR: tempDir,
      NO_AT_BRIDGE: '1',
      BROWSER: 'none',
      ...(opts.env || {}),
    };
    if (!env.DISPLAY) {
      xvfb = await startXvfb(path.join(tempDir, 'xvfb.log'));
      env.DISPLAY = xvfb.display;
    }

    const port = await pickPort();
    const baseURL = `http://localhost:${port}`;
    const args = [
      'dev',
      '-tags', TAGS,
      '-appargs', `--db ${shellQuote(dbPath)}`,
      '-devserver', `localhost:${port}`,
      '-s', // vite serves the frontend; no npm ci / npm run build
      '-skipbindings',
      '-m', // no go mod tidy
      '-nosyncgomod',
      '-noreload',
      '-nogorebuild', // others' edits must not restart the app mid-test
      '-nocolour',
      '-viteservertimeout', '60',
    ];
    const logStream = fs.createWriteStream(logFile);
    wails = spawn(wailsBinary(), args, {
      cwd: REPO_ROOT,
      env,
      detached: true, // own process group: stop() kills it whole
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    wails.once('exit', (code, sig) => {
      wailsExit = sig ?? code;
    });
    const onData = (d) => {
      const s = d.toString().replace(/\x1b\[[0-9;]*m/g, '');
      output += s;
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
      logStream.write(s);
      if (VERBOSE) process.stderr.write(s);
    };
    wails.stdout.on('data', onData);
    wails.stderr.on('data', onData);
    await new Promise((resolve, reject) => {
      wails.once('spawn', resolve);
      wails.once('error', reject);
    }).catch((e) => fail(`cannot start wails dev: ${e.message}`));

    // Ready = the dev server (inside the app binary) answers on the port and
    // wails has logged that it uses it.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (wailsExit !== null) await fail(`wails dev exited (${wailsExit}) before the app was ready`);
      if (/Build error|Unable to start application|failed to find Vite server URL|^\s*ERROR\s{2,}/m.test(output)) {
        await sleep(500); // let the rest of the message arrive
        await fail('wails dev could not build or start the app');
      }
      if (Date.now() > deadline) await fail(`the app was not ready after ${timeoutMs / 1000} s`);
      if (output.includes('Using DevServer URL')) {
        try {
          const res = await fetch(baseURL, { signal: AbortSignal.timeout(5_000) });
          if (res.ok && (await res.text()).includes('<div id="app">')) break;
        } catch {
          /* not up yet */
        }
      }
      await sleep(500);
    }

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });

    async function newPage() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // Console errors and uncaught exceptions, from the first script on.
      page.consoleErrors = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const where = msg.location()?.url || '';
        // Chromium asks for /favicon.ico on its own; the desktop webview never does.
        if (/\/favicon\.ico$/.test(where)) return;
        page.consoleErrors.push(where ? `${msg.text()} (${where})` : msg.text());
      });
      page.on('pageerror', (err) => page.consoleErrors.push(`pageerror: ${err.message}`));
      await page.goto(baseURL, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForSelector('#app > *', { state: 'attached', timeout: 60_000 });
      return page;
    }

    return { baseURL, dbPath, tempDir, logFile, newPage, stop };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}

/** Saves a PNG of the page as /tmp/hindsight-e2e/<name>.png; returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The median of some timings (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Screenshots the page in the light and the dark theme, notices hidden, and
 * keeps both in docs/screenshots as <prefix>-<name>.png and
 * <prefix>-<name>-dark.png (the user guide shows them).
 * @param {import('playwright-core').Page} page
 */
export async function themeShots(page, prefix, name) {
  const keep = path.join(REPO_ROOT, 'docs', 'screenshots');
  await page.evaluate(() => document.querySelector('.toasts')?.style.setProperty('visibility', 'hidden'));
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.waitForTimeout(250);
    const file = await screenshot(page, `${prefix}-${name}${theme === 'dark' ? '-dark' : ''}`);
    fs.copyFileSync(file, path.join(keep, path.basename(file)));
  }
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'light';
    document.querySelector('.toasts')?.style.removeProperty('visibility');
  });
}

/**
 * Scrolls the element matching selector 100 px a frame (a brisk mouse wheel)
 * for `steps` frames and measures the time between frames: what "smooth"
 * means in docs/performance.md. Frames over 50 ms are three missed 60 Hz
 * frames.
 * @returns {Promise<{p50: number, p95: number, max: number, long: number, steps: number}>}
 */
export async function measureScrollFrames(page, selector, steps = 600) {
  return page.evaluate(
    async ({ selector, steps }) => {
      const el = document.querySelector(selector);
      el.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 300));
      const gaps = [];
      let last = performance.now();
      for (let i = 1; i <= steps; i++) {
        el.scrollTop += 100;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      gaps.sort((a, b) => a - b);
      const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * q))];
      return { p50: at(0.5), p95: at(0.95), max: gaps[gaps.length - 1], long: gaps.filter((g) => g > 50).length, steps };
    },
    { selector, steps },
  );
}

/**
 * Polls fn until it returns a truthy value and returns that value; an
 * exception thrown by fn counts as "not yet". Fails the test, naming `what`
 * and the last result or error, when nothing truthy came within ms.
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {string} what what the test waits for, for the failure message
 * @param {number} [ms] how long to wait (default 15 s)
 * @param {number} [intervalMs] the pause between tries (default 100 ms)
 * @returns {Promise<T>}
 */
export async function eventually(fn, what, ms = 15_000, intervalMs = 100) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The settings saveSettings starts from. */
export const DEFAULT_SETTINGS = Object.freeze({ theme: 'light', zone: 'Europe/Berlin', userName: 'Ana' });

/**
 * Saves the app's settings through SystemAPI.SaveSettings in the page:
 * DEFAULT_SETTINGS (light theme, Europe/Berlin, user Ana) with the fields of
 * `overrides` in their place.
 * @param {import('playwright-core').Page} page
 * @param {Partial<typeof DEFAULT_SETTINGS>} [overrides]
 */
export async function saveSettings(page, overrides = {}) {
  return page.evaluate((s) => window.go.app.SystemAPI.SaveSettings(s), { ...DEFAULT_SETTINGS, ...overrides });
}

/** The incident createIncident starts from: a SEV2 on checkout, under investigation. */
export const DEFAULT_INCIDENT = Object.freeze({
  title: 'Checkout returns 502 for EU customers',
  summary: '',
  severity: 'SEV2',
  status: 'investigating',
  services: ['checkout'],
  tags: [],
  commander: 'Ana',
  customerImpact: '',
  startedAt: '2026-11-23 14:00',
  detectedAt: '',
  mitigatedAt: '',
  resolvedAt: '',
  zone: 'Europe/Berlin',
});

/**
 * Creates an incident through IncidentsAPI.Create in the page: DEFAULT_INCIDENT
 * with the fields of `overrides` in their place. Returns the incident the Go
 * side created (id, ref, title, ...).
 * @param {import('playwright-core').Page} page
 * @param {Partial<typeof DEFAULT_INCIDENT>} [overrides]
 */
export async function createIncident(page, overrides = {}) {
  return page.evaluate((inp) => window.go.app.IncidentsAPI.Create(inp), { ...DEFAULT_INCIDENT, ...overrides });
}

/**
 * Steps of one end-to-end test, run in order as subtests of t: once a step
 * fails, the ones after it are skipped (they would fail for the same
 * reason), naming the step that failed.
 * @param {import('node:test').TestContext} t
 * @returns {(name: string, fn: (s: import('node:test').TestContext) => Promise<void>) => Promise<void>}
 */
export function stepper(t) {
  let failed = '';
  return (name, fn) =>
    t.test(name, async (s) => {
      if (failed) return s.skip(`after “${failed}” failed`);
      try {
        await fn(s);
      } catch (e) {
        failed = name;
        throw e;
      }
    });
}

/**
 * Gives an incident a root-cause tree through CausesAPI in the page: the
 * problem, and one root cause under it.
 * @param {import('playwright-core').Page} page
 * @param {string} incident the incident's id or ref
 * @param {string} problem
 * @param {string} root
 */
export async function addRootCause(page, incident, problem, root) {
  await page.evaluate(
    async ({ incident, problem, root }) => {
      const add = (parentId, kind, statement) =>
        window.go.app.CausesAPI.Add(incident, { parentId, after: '', position: null, kind, statement, notes: '' });
      const p = await add('', 'problem', problem);
      await add(p.id, 'root', root);
    },
    { incident, problem, root },
  );
}
