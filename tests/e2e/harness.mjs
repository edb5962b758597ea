// Shared e2e harness: serves the built dist/ on 127.0.0.1 and drives Debian's Chromium
// through playwright-core (never a downloaded browser).
import { createServer } from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.FITTED_DIST || join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.ttf': 'font/ttf', '.otf': 'font/otf', '.woff2': 'font/woff2', '.typ': 'text/plain',
};

/**
 * Static server with the SPA fallback a static host gives (unknown paths → 404.html = the app).
 * `handle.rewrite = (path, text) => text` changes text files as served (a test deploying a
 * "new version" without rebuilding).
 */
export async function startServer(dir = DIST) {
  const handle = { rewrite: null };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      const s = await stat(file);
      if (s.isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      if (handle.rewrite && /\.(js|html)$/.test(file)) body = Buffer.from(handle.rewrite(path, body.toString('utf8')));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      try {
        const body = await readFile(join(dir, '404.html'));
        res.writeHead(200, { 'content-type': TYPES['.html'] });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end('not found');
      }
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return Object.assign(handle, { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) });
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** A fresh context (empty profile: empty IndexedDB) whose page errors fail the test. */
export async function newPage(browser, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', serviceWorkers = 'block' } = {}) {
  // Service workers are blocked unless a test is about them: request routing (used to
  // simulate failures) cannot see requests a service worker answers.
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true, serviceWorkers });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return { context, page, problems };
}

/**
 * Fragments of Rust/Leptos source that must never be visible text. A `>` inside an unbraced
 * `view!` attribute closure ends the tag early and prints the rest of the attribute list on
 * the page (the résumé editor once showed `= len() on : click = move | _| doc.update(…)` on
 * every bullet row); this catches that whole class on any page.
 */
const PROGRAM_TEXT = [/move \|/, /move\|/, /on ?: ?click/, /on ?: ?input/, /\.update\(/, /\.with\(\|/, /=> \{/, /\bSome\(/, /\| ?_ ?\|/, /doc\.\w+\(/];

/** Fails when the page's visible text contains program source. */
export async function assertNoProgramText(page, where) {
  const text = await page.evaluate(() => document.body.innerText);
  for (const re of PROGRAM_TEXT) {
    const m = re.exec(text);
    if (m) {
      const at = Math.max(0, m.index - 60);
      throw new Error(`${where}: program text ${re} is visible: …${text.slice(at, m.index + 80).replace(/\s+/g, ' ')}…`);
    }
  }
}

let axeSource;
/**
 * axe-core's scan of the page as it is now: fails on any serious or critical violation
 * (contrast, names, roles, labels…). axe is evaluated through the DevTools protocol, which
 * the page's Content-Security-Policy does not apply to.
 */
export async function assertAccessible(page, where) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  if (violations.length) throw new Error(`${where}: accessibility violations:\n  ${violations.join('\n  ')}`);
}

/** Presses Tab until the focused element matches `selector` (keyboard-only navigation). */
export async function tabTo(page, selector, max = 150) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A full-page screenshot, after checking the page shows no program text and passes axe. */
export async function screenshot(page, name) {
  await assertNoProgramText(page, name);
  await assertAccessible(page, name);
  const dir = join(ARTIFACTS, 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The fixture résumé and posting most e2e tests use. */
export const RESUME = join(ROOT, 'tests/fixtures/resumes/mateo-lindqvist.json');
export const JD = join(ROOT, 'tests/fixtures/jobs/senior-backend-engineer-go-payments.txt');

/** Imports the fixture résumé on the Résumés page and waits for its editor. */
export async function importResume(page, base) {
  await page.goto(base + '/resumes');
  await appReady(page);
  await page.setInputFiles('[data-testid=resume-file]', RESUME);
  await page.waitForURL(/\/resumes\/[^/]+$/, { timeout: 60_000 });
  await page.waitForSelector('[data-testid=bullet] textarea');
}

/** Saves a posting on the Jobs page; returns the job's id. */
export async function addJob(page, base, text) {
  await page.goto(base + '/jobs');
  await appReady(page);
  await page.fill('[data-testid=job-text]', text ?? await readFile(JD, 'utf8'));
  await page.click('[data-testid=add-job]');
  await page.waitForURL(/\/jobs\/[^/]+$/, { timeout: 60_000 });
  return page.url().split('/').pop();
}

/** Wait until the app has mounted (the header nav exists). */
export async function appReady(page) {
  await page.waitForSelector('nav.app-nav a', { timeout: 30_000 });
}

/**
 * Run `fn(page, url)` in a browser whose profile lives on a small tmpfs that has been
 * filled until IndexedDB refuses writes with a real QuotaExceededError. Needs root (for
 * mount); returns false (and prints why) where that is not possible.
 */
export async function withFullDisk(server, path, fn) {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const dir = mkdtempSync('/tmp/fitted-fulldisk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    console.log(`# SKIP full-disk check: cannot mount a tmpfs here (${String(e.message).split('\n')[0]})`);
    return false;
  }
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
  });
  try {
    const page = await context.newPage();
    await page.goto(server.url + path);
    await appReady(page);
    const fill = async () => page.evaluate(async () => {
      const db = await new Promise((ok, err) => {
        const r = indexedDB.open('test-filler', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('x');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => err(r.error);
      });
      let n = 0;
      // Incompressible chunks, halving on refusal, until even 4 KB does not fit.
      for (let size = 1 << 20; size >= 4096;) {
        const buf = new Uint8Array(size);
        for (let o = 0; o < size; o += 65536) crypto.getRandomValues(buf.subarray(o, Math.min(o + 65536, size)));
        try {
          await new Promise((ok, err) => {
            const tx = db.transaction('x', 'readwrite');
            tx.objectStore('x').put(buf, n);
            tx.oncomplete = ok; tx.onabort = () => err(tx.error); tx.onerror = () => err(tx.error);
          });
          n++;
        } catch { size >>= 1; }
      }
      db.close();
      return n;
    });
    const free = async () => page.evaluate(() => new Promise((ok) => {
      const r = indexedDB.deleteDatabase('test-filler'); r.onsuccess = ok; r.onerror = ok; r.onblocked = ok;
    }));
    await fn(page, { fill, free });
  } finally {
    await context.close();
    try { execFileSync('umount', [dir]); } catch { /* best effort */ }
  }
  return true;
}

/** A string that does not compress (so it really takes space on disk). */
export function incompressible(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + Math.floor(Math.random() * 20000));
  return s;
}

/** Waits until the run page says the run is done. */
export async function waitRunDone(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent.includes('Status: Done'), null, { timeout: 120_000 });
}

/** The fixture résumé and posting, tailored: the finished run's page address and id. */
export async function tailoredRun(page, appUrl) {
  await importResume(page, appUrl);
  await addJob(page, appUrl);
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  const runUrl = page.url();
  await waitRunDone(page);
  return { runUrl, runId: runUrl.split('/').pop().split('?')[0] };
}

/** A PDF's text as pdftotext reads it, whitespace squashed. */
export function pdfText(path) {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, ' ').trim();
}

/** Saves `key` for the OpenAI route of the protocol server `llm` in Settings. */
export async function saveOpenAiKey(page, appUrl, llm, key) {
  await page.goto(appUrl + '/settings');
  await appReady(page);
  const row = page.locator('[data-testid=provider-openai]');
  if (!(await row.locator('details').evaluate((d) => d.open))) await row.locator('summary').click();
  await row.locator('[data-testid=base-url]').fill(`${llm.url}/v1`);
  await row.locator('[data-testid=key-input]').fill(key);
  await row.locator('[data-testid=save-key]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-openai] [data-testid=key-status]')?.textContent === 'Saved, not tested');
}

/** Every record of one of the app's IndexedDB stores, read from the page. */
export async function idbAll(page, store) {
  return page.evaluate(async (store) => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open('fitted'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const rows = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return rows;
  }, store);
}

/** Puts records straight into an IndexedDB store of the app (seeding what a heavy user has). */
export async function idbPut(page, store, records) {
  await page.evaluate(async ({ store, records }) => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open('fitted'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    await new Promise((ok, err) => {
      const tx = db.transaction(store, 'readwrite');
      for (const r of records) tx.objectStore(store).put(r);
      tx.oncomplete = ok;
      tx.onerror = () => err(tx.error);
    });
    db.close();
  }, { store, records });
}

/** Waits until some record of an IndexedDB store of the app satisfies `test` (checked here, in Node). */
export async function stored(page, store, test) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const all = await idbAll(page, store);
    if (all.some(test)) return all;
    if (Date.now() > deadline) throw new Error(`no ${store} record became ${test}: ${JSON.stringify(all).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The LLM protocol test server (tests/provider-server) on 127.0.0.1, with its controls. */
export async function providerServer() {
  const child = spawn(process.execPath, [join(ROOT, 'tests/provider-server/server.mjs'), '--port', '0', '--host', '127.0.0.1', '--exit-on-stdin-close'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((ok, err) => {
    let buf = '';
    child.stdout.on('data', (d) => { buf += d; const m = buf.match(/listening (\d+)/); if (m) ok(Number(m[1])); });
    child.on('exit', (c) => err(new Error(`provider server exited ${c}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const post = (path, body) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    url,
    script: (steps) => post('/__script', { steps }),
    sticky: (step) => post('/__script', { sticky: step }),
    reset: () => post('/__reset', {}),
    requests: async () => (await (await fetch(url + '/__requests')).json()).requests,
    stop: () => { child.stdin.end(); child.kill(); },
  };
}
