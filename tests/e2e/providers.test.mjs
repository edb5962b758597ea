// Settings → AI providers in Chromium against the local protocol server (never a real
// provider): add key → test → valid/invalid; faults give their message and leave stored data
// unchanged; passphrase encrypt/lock/unlock; keys go only to their own provider.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, screenshot, appReady, providerServer, idbAll, stored as storedWhen } from './harness.mjs';

const OPENAI_KEY = 'sk-test-openai-0123456789abcdefWXYZ';
const ANTHROPIC_KEY = 'sk-ant-test-0123456789abcdefQRST';
const PASS = 'correct horse battery staple';

let app, browser, a, b;
before(async () => {
  app = await startServer();
  browser = await launch();
  a = await providerServer();
  b = await providerServer();
});
after(async () => { await browser?.close(); await app?.close(); a?.stop(); b?.stop(); });

const apiKeys = (page) => idbAll(page, 'apiKeys');

const row = (page, tag) => page.locator(`[data-testid=provider-${tag}]`);

async function openRow(page, tag) {
  const r = row(page, tag);
  if (!(await r.locator('details').evaluate((d) => d.open))) await r.locator('summary').click();
  return r;
}

async function testKey(page, tag) {
  const r = await openRow(page, tag);
  await r.locator('[data-testid=test-key]').click();
  await page.waitForFunction((t) => {
    const el = document.querySelector(`[data-testid=provider-${t}] [data-testid=key-result]`);
    return el && el.textContent && el.textContent !== 'Testing…';
  }, tag, { timeout: 60_000 });
  return (await row(page, tag).locator('[data-testid=key-result]').textContent()).trim();
}

test('keys: save, test, faults, passphrase, and keys only to their own provider', async () => {
  const { context, page, problems } = await newPage(browser);
  const violations = [];
  await page.exposeFunction('reportCsp', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportCsp(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(app.url + '/settings');
  await appReady(page);

  // OpenAI against server A: save → "Saved, not tested" → test → valid.
  let r = await openRow(page, 'openai');
  await r.locator('[data-testid=base-url]').fill(`${a.url}/v1`);
  await r.locator('[data-testid=key-input]').fill(OPENAI_KEY);
  await r.locator('[data-testid=save-key]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-openai] [data-testid=key-status]')?.textContent === 'Saved, not tested');
  assert.match(await testKey(page, 'openai'), /The key works/);
  await page.waitForFunction(() => /^Valid/.test(document.querySelector('[data-testid=provider-openai] [data-testid=key-status]')?.textContent || ''));
  let stored = (await apiKeys(page)).find((k) => k.provider === 'OPENAI');
  assert.equal(stored.apiKey, OPENAI_KEY);
  assert.equal(stored.isValid, true);
  assert.ok(stored.lastValidated > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(stored.settings.config)).baseUrl, `${a.url}/v1`);

  // Faults: each gives its message; the stored key and settings stay as they were.
  const faults = [
    [{ scenario: 'auth' }, /did not accept the API key/i],
    [{ scenario: 'no-credit' }, /no credit left|quota/i],
    [{ scenario: 'quota' }, /no credit left|quota/i],
    [{ scenario: 'server-error', times: 10 }, /server|500|try again/i],
    [{ scenario: 'rate-limit', retryAfter: 30, times: 10 }, /wait 30 seconds/i],
    [{ scenario: 'malformed', times: 10 }, /unexpected|could not read|not valid|malformed/i],
    [{ scenario: 'cors-blocked', times: 10 }, /blocked the request.*CORS/i],
  ];
  for (const [step, expected] of faults) {
    await a.reset();
    await a.sticky(step);
    const before = (await apiKeys(page)).find((k) => k.provider === 'OPENAI');
    const msg = await testKey(page, 'openai');
    assert.match(msg, expected, `${step.scenario}: ${msg}`);
    assert.doesNotMatch(msg, new RegExp(OPENAI_KEY), 'a message never shows the key');
    const after = (await apiKeys(page)).find((k) => k.provider === 'OPENAI');
    assert.equal(after.apiKey, before.apiKey, `${step.scenario} leaves the key`);
    assert.deepEqual(after.settings.config, before.settings.config, `${step.scenario} leaves the settings`);
    assert.equal(after.isValid, false);
    assert.ok(after.validationError, 'the reason is stored');
    await page.waitForFunction(() => document.querySelector('[data-testid=provider-openai] [data-testid=key-status]')?.textContent === 'Not working');
  }
  await a.reset();
  await screenshot(page, 'settings-providers-fault');
  assert.match(await testKey(page, 'openai'), /The key works/);

  // Anthropic against server B.
  r = await openRow(page, 'anthropic');
  await r.locator('[data-testid=base-url]').fill(b.url);
  await r.locator('[data-testid=key-input]').fill(ANTHROPIC_KEY);
  await r.locator('[data-testid=save-key]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-anthropic] [data-testid=key-status]')?.textContent === 'Saved, not tested');
  assert.match(await testKey(page, 'anthropic'), /The key works/);

  // Passphrase: keys sealed at rest, usable while unlocked.
  await page.fill('[data-testid=passphrase]', PASS);
  await page.click('[data-testid=set-passphrase]');
  await page.waitForFunction(() => /unlocked in this tab/.test(document.querySelector('[data-testid=keys-state]')?.textContent || ''), null, { timeout: 60_000 });
  const sealed = await apiKeys(page);
  for (const k of sealed) {
    assert.notEqual(k.apiKey, OPENAI_KEY);
    assert.notEqual(k.apiKey, ANTHROPIC_KEY);
    assert.equal(k.encryption.iterations, 600000);
    assert.equal(k.encryption.cipher, 'AES-256-GCM');
  }
  assert.notEqual(sealed[0].encryption.salt, sealed[1].encryption.salt, 'a salt per key');
  assert.notEqual(sealed[0].encryption.iv, sealed[1].encryption.iv, 'an IV per key');
  assert.match(await testKey(page, 'openai'), /The key works/);

  // Lock: keys unusable; a wrong passphrase changes nothing; the right one unlocks.
  await page.click('[data-testid=lock-keys]');
  await page.waitForFunction(() => /locked/.test(document.querySelector('[data-testid=keys-state]')?.textContent || ''));
  assert.match(await testKey(page, 'openai'), /locked/i);
  const lockedRows = await apiKeys(page);
  await page.fill('[data-testid=passphrase]', 'wrong passphrase');
  await page.click('[data-testid=unlock-keys]');
  await page.waitForFunction(() => /does not open/.test(document.querySelector('[data-testid=passphrase-result]')?.textContent || ''), null, { timeout: 60_000 });
  const strip = (rows) => rows.map(({ isValid, lastValidated, validationError, updatedAt, ...rest }) => rest);
  assert.deepEqual(strip(await apiKeys(page)), strip(lockedRows), 'a wrong passphrase changes nothing');
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => /locked/.test(document.querySelector('[data-testid=keys-state]')?.textContent || ''));
  await page.fill('[data-testid=passphrase]', PASS);
  await page.click('[data-testid=unlock-keys]');
  await page.waitForFunction(() => /unlocked in this tab/.test(document.querySelector('[data-testid=keys-state]')?.textContent || ''), null, { timeout: 60_000 });
  assert.match(await testKey(page, 'anthropic'), /The key works/);

  // Forget: the record goes.
  await (await openRow(page, 'anthropic')).locator('[data-testid=forget-key]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-anthropic] [data-testid=key-status]')?.textContent === 'No key');
  assert.equal((await apiKeys(page)).filter((k) => k.provider === 'ANTHROPIC').length, 0);

  // A base URL that is neither a known provider nor this computer: the engine worker, which
  // makes every call, refuses it before any request (the page's CSP does not bind it).
  r = await openRow(page, 'openai');
  await r.locator('[data-testid=base-url]').fill('https://llm.example.net/v1');
  await r.locator('[data-testid=save-key]').click();
  await storedWhen(page, 'apiKeys', (k) => k.provider === 'OPENAI' && k.settings?.config?.baseUrl === 'https://llm.example.net/v1');
  const before = (await a.requests()).length;
  assert.match(await testKey(page, 'openai'), /does not send requests to https:\/\/llm\.example\.net/);
  assert.equal((await a.requests()).length, before);

  // From the servers' side: each key went only to its own provider's server and routes.
  const seenA = await a.requests();
  const seenB = await b.requests();
  const all = JSON.stringify([...seenA, ...seenB]);
  for (const q of seenA) {
    assert.ok(!JSON.stringify(q).includes(ANTHROPIC_KEY), `Anthropic key sent to the OpenAI server: ${q.path}`);
    const auth = q.headers.authorization;
    if (auth) assert.equal(auth, `Bearer ${OPENAI_KEY}`);
    assert.ok(q.path.startsWith('/v1/'), q.path);
  }
  for (const q of seenB) {
    assert.ok(!JSON.stringify(q).includes(OPENAI_KEY), `OpenAI key sent to the Anthropic server: ${q.path}`);
    if (q.headers['x-api-key']) assert.equal(q.headers['x-api-key'], ANTHROPIC_KEY);
    assert.equal(q.headers.authorization, undefined);
  }
  assert.ok(all.includes(ANTHROPIC_KEY) && all.includes(OPENAI_KEY), 'both keys were used');
  assert.ok(seenB.some((q) => q.headers['anthropic-dangerous-direct-browser-access'] === 'true'));

  assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR|CORS|Access-Control/.test(p)), []);
  await context.close();
});
