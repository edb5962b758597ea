// Foundation e2e: shell, routes, worker bridge, persistence, failure handling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launch, newPage, screenshot, appReady, withFullDisk, incompressible } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const ROUTES = [
  ['/resumes', 'Résumés'], ['/jobs', 'Jobs'], ['/runs', 'Runs'],
  ['/applications', 'Applications'], ['/settings', 'Settings'],
];


/**
 * Presses "Analyse in the engine" and returns what the page then shows: the answer or the
 * app's own error. The wait outlasts the app's 90 s limit for a worker to start, so a slow
 * cold start on a busy machine is never mistaken for a failure, and a real failure shows
 * the app's message instead of a timeout.
 */
async function analyse(page) {
  const before = await page.textContent('[data-testid=engine-result]');
  await page.click('[data-testid=engine-analyse]');
  await page.waitForFunction((prev) => {
    const t = document.querySelector('[data-testid=engine-result]')?.textContent;
    return t && t !== prev;
  }, before, { timeout: 120_000 });
  return page.textContent('[data-testid=engine-result]');
}

test('loads without the worker and becomes interactive', async () => {
  const { context, page, problems } = await newPage(browser);
  const wasmRequests = [];
  page.on('request', (r) => { if (r.url().includes('worker')) wasmRequests.push(r.url()); });
  const t0 = Date.now();
  await page.goto(server.url + '/');
  await appReady(page);
  const interactiveMs = Date.now() - t0;
  // "/" goes to the résumés page.
  await page.waitForURL(/\/resumes$/);
  const nav = await page.evaluate(() => {
    const e = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: e.domContentLoadedEventEnd, load: e.loadEventEnd };
  });
  console.log(`# navigation to interactive: ${interactiveMs} ms (DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms)`);
  assert.deepEqual(wasmRequests, [], 'the worker must not load until first use');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every route renders its page and empty state, at desktop and phone widths', async () => {
  for (const [viewport, tag] of [[{ width: 1280, height: 800 }, 'desktop'], [{ width: 360, height: 740 }, 'phone']]) {
    const { context, page, problems } = await newPage(browser, { viewport });
    await page.goto(server.url + '/resumes');
    await appReady(page);
    for (const [path, title] of ROUTES) {
      await page.click(`nav.app-nav a[href="${path}"]`);
      await page.waitForURL(new RegExp(path + '$'));
      assert.equal(await page.textContent('main h1'), title);
      assert.equal(await page.getAttribute(`nav.app-nav a[href="${path}"]`, 'aria-current'), 'page');
      // A page shows "Loading…" until its store read answers: wait for the empty state
      // itself (a state, not a time), then check it is there.
      if (path !== '/settings') {
        await page.waitForSelector('[data-testid=empty-state]', { state: 'visible' }).catch(() => {});
        assert.ok(await page.isVisible('[data-testid=empty-state]'), `${path} has an empty state`);
      }
      // Nothing overflows the viewport horizontally.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px at ${viewport.width}px`);
      await screenshot(page, `${tag}${path.replace('/', '-')}`);
    }
    // Deep link and unknown path.
    await page.goto(server.url + '/jobs');
    await appReady(page);
    assert.equal(await page.textContent('main h1'), 'Jobs');
    await page.goto(server.url + '/no-such-page');
    await appReady(page);
    assert.equal(await page.textContent('main h1'), 'Page not found');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('dark theme applies and persists', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  // System → Light → Dark.
  await page.click('.theme-toggle');
  await page.click('.theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const dark = await bg();
  assert.notEqual(light, dark);
  await screenshot(page, 'dark-settings');
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await context.close();
});

test('keyboard: skip link, tab order through the nav, visible focus', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // Tab from the top reaches the brand, then each nav link in order.
  await page.goto(server.url + '/resumes');
  await appReady(page);
  const seen = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => document.activeElement.getAttribute('href')));
  }
  for (const [path] of ROUTES) assert.ok(seen.includes(path), `${path} reachable by Tab (saw ${seen})`);
  // The focused element shows an outline.
  await page.focus('nav.app-nav a[href="/jobs"]');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  // Enter on a focused link navigates.
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/jobs$/);
  await context.close();
});

test('worker round trip computes in the worker and shows the result', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  assert.equal(await page.textContent('[data-testid=worker-status]'), 'not loaded yet');
  const text = 'Fitted  tailors résumés\n in the browser';
  await page.fill('#engine-text', text);
  const result = await analyse(page);
  const expected = createHash('sha256').update(text.split(/\s+/).filter(Boolean).join(' ')).digest('hex');
  assert.ok(result.includes(expected), `${result} should contain ${expected}`);
  assert.ok(result.startsWith('6 words, 39 characters'), result);
  assert.equal(await page.textContent('[data-testid=worker-status]'), 'ready');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a crashed worker is reported and restarts on the next request', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  assert.match(await analyse(page), /SHA-256/);
  assert.equal(await page.textContent('[data-testid=worker-status]'), 'ready');
  await page.click('[data-testid=engine-crash]');
  await page.waitForSelector('[data-testid=worker-down]');
  assert.match(await page.textContent('[data-testid=worker-down]'), /crashed.*restart/s);
  assert.match(await page.textContent('[data-testid=engine-result]'), /Error: .*crashed/);
  // Next request: a fresh worker answers.
  assert.match(await analyse(page), /SHA-256/);
  assert.equal(await page.textContent('[data-testid=worker-status]'), 'ready');
  assert.equal(await page.$('[data-testid=worker-down]'), null);
  await context.close();
});

test('a worker that fails to load is reported, and works once it can load', async () => {
  const { context, page } = await newPage(browser);
  let block = true;
  await page.route('**/worker_bg.wasm*', (route) => (block ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.click('[data-testid=engine-analyse]');
  await page.waitForSelector('[data-testid=worker-down]');
  assert.match(await page.textContent('[data-testid=engine-result]'), /Error: .*could not start/);
  block = false;
  assert.match(await analyse(page), /SHA-256/);
  await context.close();
});

test('data written survives a reload', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.waitForFunction(() => !document.querySelector('form button[type=submit]').disabled);
  await page.fill('#profile-name', 'Zoë Ñúñez-Østergaard');
  await page.click('text=Save profile');
  await page.waitForSelector('text=Profile saved on this device.');
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('#profile-name').value !== '');
  assert.equal(await page.inputValue('#profile-name'), 'Zoë Ñúñez-Østergaard');
  assert.deepEqual(problems, []);
  await context.close();
});

test('worker protocol: several requests in flight, each answered under its own id', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  const replies = await page.evaluate(() => new Promise((resolve, reject) => {
    const w = new Worker(new URL('worker-boot.js', document.baseURI));
    const got = [];
    w.onerror = (e) => reject(new Error(e.message));
    w.onmessage = (ev) => {
      const m = ev.data;
      if (m.Ready) {
        // Three requests before any answer arrives, ids out of order, plus an unknown shape.
        for (const [id, text] of [[9, 'nine words? no, three'], [3, 'alpha'], [5, 'beta gamma']]) {
          w.postMessage({ Request: { id, request: { AnalyzeText: { text } } } });
        }
        w.postMessage({ Request: { id: 11, request: { NoSuchRequest: {} } } });
        w.postMessage({ Request: { id: 12, request: 'Ping' } });
      } else {
        got.push(m);
        if (got.length === 5) { w.terminate(); resolve(got); }
      }
    };
  }));
  const byId = Object.fromEntries(replies.map((m) => {
    const [kind, body] = Object.entries(m)[0];
    return [body.id, { kind, body }];
  }));
  const sha = (t) => createHash('sha256').update(t).digest('hex');
  assert.equal(byId[9].body.response.TextAnalysis.sha256, sha('nine words? no, three'));
  assert.equal(byId[3].body.response.TextAnalysis.sha256, sha('alpha'));
  assert.equal(byId[5].body.response.TextAnalysis.words, 2);
  assert.equal(byId[12].body.response.Pong.protocol, 10, 'protocol v10 (core/src/protocol.rs PROTOCOL_VERSION)');
  // An undecodable request is answered with an error (id 0: it belongs to no request), not a crash.
  assert.equal(byId[0].kind, 'Error');
  assert.equal(byId[0].body.error.code, 'BadInput');
  await context.close();
});

test('a full disk gives a clear message and keeps what was saved', async () => {
  const ran = await withFullDisk(server, '/settings', async (page, { fill, free }) => {
    await page.waitForFunction(() => !document.querySelector('form button[type=submit]').disabled);
    await page.fill('#profile-name', 'Saved before');
    await page.click('text=Save profile');
    await page.waitForSelector('text=Profile saved on this device.');
    await fill();
    await page.fill('#profile-name', incompressible(100_000));
    await page.click('text=Save profile');
    await page.waitForSelector('[data-testid=toast] >> text=storage for Fitted is full');
    await free();
    await page.reload();
    await appReady(page);
    await page.waitForFunction(() => document.querySelector('#profile-name').value !== '');
    assert.equal(await page.inputValue('#profile-name'), 'Saved before');
  });
  if (!ran) return;
});

test('installable PWA: manifest, service worker, works offline after the first visit', async () => {
  const { context, page, problems } = await newPage(browser, { serviceWorkers: 'allow' });
  await page.goto(server.url + '/settings');
  await appReady(page);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.short_name, 'Fitted');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Use the engine once while online so it is cached too.
  assert.match(await analyse(page), /SHA-256/);
  await page.reload();
  await appReady(page);
  await context.setOffline(true);
  await page.goto(server.url + '/jobs');
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'Jobs');
  await page.click('nav.app-nav a[href="/settings"]');
  assert.match(await analyse(page), /SHA-256/);
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('a new deployment: "Update available — reload", and an old tab never starts a new engine', async () => {
  const { context, page, problems } = await newPage(browser, { serviceWorkers: 'allow' });
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await appReady(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the first version took over at once');
  const build = await page.getAttribute('meta[name=fitted-build]', 'content');
  assert.match(build, /^[0-9a-f]{16}$/, 'the build id is stamped');
  assert.equal(await page.isVisible('[data-testid=update-available]'), false);

  // Deploy "another build": the same files with another id in the service worker and boot script.
  server.rewrite = (path, text) => (/\/(sw|worker-boot)\.js$/.test(path) ? text.replaceAll(build, 'f00dfeedf00dfeed') : text);
  try {
    // This tab's engine is started now: the boot script is the new build's, so it refuses.
    await page.click('[data-testid=engine-analyse]');
    await page.waitForSelector('[data-testid=worker-down]');
    assert.match(await page.textContent('[data-testid=worker-down]'), /new version of Fitted was installed.*Reload/);
    // The new service worker installs and waits; the page offers the update.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('[data-testid=update-available]', { timeout: 30_000 });
    // It waits: the old version keeps controlling the tab (its cache stays) until accepted.
    assert.ok(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting), 'the new version waits');
    assert.ok((await page.evaluate(() => caches.keys())).includes(`fitted-${build}`));
    // Accepting it: the new version takes over and the page reloads.
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.click('[data-testid=update-reload]')]);
    await appReady(page);
    await page.waitForFunction(() => caches.keys().then((k) => k.length === 1 && k[0] === 'fitted-f00dfeedf00dfeed'), null, { timeout: 30_000 });
    assert.equal(await page.isVisible('[data-testid=update-available]'), false);
  } finally {
    server.rewrite = null;
  }
  assert.deepEqual(problems.filter((p) => !/engine|worker/i.test(p)), []);
  await context.close();
});
