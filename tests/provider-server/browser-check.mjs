#!/usr/bin/env node
// Checks, in real Chromium, the CORS behaviour the browser e2e tests rely on: a page on one
// origin calling the server on another. Needs tests/node_modules (playwright-core) and
// /usr/bin/chromium, like the e2e suite.
//
//   node tests/provider-server/browser-check.mjs
//
// Exits non-zero on the first surprise.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'package.json'));
const { chromium } = require('playwright-core');

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'server.mjs'), '--port', '0', '--exit-on-stdin-close'], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => {
      const m = String(d).match(/listening (\d+)/);
      if (m) resolve({ child, port: Number(m[1]) }); else reject(new Error(`unexpected output ${d}`));
    });
    child.once('error', reject);
  });
}

const api = await startServer();
const pageHost = await startServer();
const base = `http://127.0.0.1:${api.port}`;
let browser;
try {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // launch() gives every run a fresh temporary profile.
  });
  const page = await browser.newPage();
  // Another origin (another port) than the API server.
  await page.goto(`http://127.0.0.1:${pageHost.port}/__health`);
  const script = (body) => fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify(body) });
  const call = (path, init) => page.evaluate(async ([url, init]) => {
    try {
      const r = await fetch(url, init);
      return { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() };
    } catch (e) {
      return { failed: String(e) };
    }
  }, [`${base}${path}`, init]);
  const withKey = { headers: { authorization: 'Bearer sk-browser-test', 'content-type': 'application/json' } };

  let r = await call('/v1/models', withKey);
  assert.equal(r.status, 200, JSON.stringify(r));

  const anthropic = { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }) };
  r = await call('/v1/messages', anthropic);
  assert.equal(r.status, 401, 'Anthropic refuses browser calls without the opt-in header');
  anthropic.headers['anthropic-dangerous-direct-browser-access'] = 'true';
  r = await call('/v1/messages', anthropic);
  assert.equal(r.status, 200, JSON.stringify(r));

  await script({ steps: [{ scenario: 'rate-limit', retryAfter: 7 }] });
  r = await call('/v1/models', withKey);
  assert.equal(r.status, 429);
  assert.equal(r.retryAfter, '7', 'retry-after is exposed to the page');

  await script({ sticky: { scenario: 'cors-blocked' } });
  r = await call('/v1/models', withKey);
  assert.match(r.failed ?? '', /Failed to fetch/, JSON.stringify(r));
  r = await call('/api/tags', {});
  assert.match(r.failed ?? '', /Failed to fetch/, 'a simple request without CORS headers is blocked too');
  r = await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then((x) => x.type, (e) => String(e)), `${base}/v1`);
  assert.equal(r, 'opaque', 'the reachability probe still sees the host');

  await script({ sticky: null, steps: [{ scenario: 'forbidden-no-cors' }] });
  r = await call('/api/tags', {});
  assert.match(r.failed ?? '', /Failed to fetch/, 'Ollama refusing the origin');

  await script({ sticky: null, steps: [] });
  r = await call('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'llama3.1:8b', stream: true, messages: [] }) });
  assert.equal(r.status, 200);
  assert.equal(r.body.trim().split('\n').length, 10, 'nine NDJSON deltas and the done line');

  console.log('browser CORS check: ok');
} finally {
  await browser?.close();
  api.child.kill();
  pageHost.child.kill();
}
