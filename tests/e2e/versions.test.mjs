// Résumé versions as a user meets them: an editing session becomes one version, two versions
// compare word by word, an old one is restored as a new version, and a run keeps using the
// version it was made from after the résumé changes (its PDF text checked with pdftotext).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, newPage, screenshot, appReady, importResume, addJob, assertAccessible, stored } from './harness.mjs';

let server, browser, work;
before(async () => {
  server = await startServer();
  browser = await launch();
  work = await mkdtemp(join(tmpdir(), 'fitted-versions-'));
});
after(async () => { await browser?.close(); await server?.close(); });

const squash = (s) => s.replace(/\s+/g, ' ').trim();
function pdfText(path) {
  return squash(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}
async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  const path = join(work, name);
  await dl.saveAs(path);
  return path;
}
const rows = (page) => page.locator('[data-testid=version-row]');
async function waitRows(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=version-row]').length === n, n, { timeout: 30_000 });
}
async function saved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=save-state]')?.textContent === 'Saved', null, { timeout: 30_000 });
}
async function waitDone(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent.includes('Status: Done'), null, { timeout: 120_000 });
}

test('sessions become versions; compare, label, restore; a run keeps its version', async () => {
  const { page, problems } = await newPage(browser);
  try {
    await body(page, problems);
  } catch (e) {
    // A panic in the app shows as a blocked click: say what the browser reported.
    e.message += `\nbrowser problems:\n${problems.join('\n')}`;
    throw e;
  }
});

async function body(page, problems) {
  await importResume(page, server.url);
  const editor = page.url();
  const resumeId = editor.split('/').pop();

  // A new résumé has one version, the original.
  await page.click('[data-testid=versions-link]');
  await page.waitForURL(/\/versions$/);
  await waitRows(page, 1);
  assert.match(await rows(page).first().textContent(), /Original/);

  // Tailor it for a job: the run pins that version.
  const jobId = await addJob(page, server.url);
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  const runUrl = page.url();
  await waitDone(page);
  assert.match(await page.textContent('[data-testid=run-version]'), /Résumé version: Original/);
  assert.equal(await page.isVisible('[data-testid=tailor-latest]'), false, 'nothing changed yet');
  const chosen = squash(await page.locator('[data-testid=chosen-bullet] .bullet-text').first().textContent());
  const before = pdfText(await download(page, 'download-pdf', 'before.pdf'));
  assert.ok(before.includes(chosen.slice(0, 50)), 'the chosen bullet is in the run PDF');
  // Send it: the application will show this version and this PDF.
  await page.selectOption('[data-testid=app-status]', { label: 'Applied' });
  await stored(page, 'applicationTracking', (a) => a.applicationStatus === 'applied');

  // Edit that very bullet in the editor, then leave: the session becomes one version.
  await page.goto(editor);
  await page.waitForSelector('[data-testid=bullet] textarea');
  const boxes = page.locator('[data-testid=bullet] textarea');
  let index = -1;
  for (let i = 0; i < await boxes.count(); i++) {
    if (squash(await boxes.nth(i).inputValue()).startsWith(chosen.slice(0, 50))) { index = i; break; }
  }
  assert.ok(index >= 0, 'the chosen bullet is in the editor');
  const original = await boxes.nth(index).inputValue();
  const edited = original.replace(/^\S+/, 'Rebuilt');
  await boxes.nth(index).fill(edited);
  await saved(page);
  await boxes.nth(index).fill(edited + ' twice over');
  await saved(page);
  await page.click('[data-testid=versions-link]');
  await page.waitForURL(/\/versions$/);
  await waitRows(page, 2);
  assert.match(await rows(page).nth(1).textContent(), /Edited/);
  const status = (i) => rows(page).nth(i).locator('[data-testid=version-status]').getAttribute('data-status');
  assert.equal(await status(1), 'ACTIVE', 'the edit is the current version');
  assert.equal(await status(0), 'COMPILED', 'the original made the run\'s PDF');
  assert.match(await rows(page).first().textContent(), /Backend Engineer/, 'the original lists the run that used it');
  assert.equal(await rows(page).first().locator('[data-testid=version-application]').textContent(), 'Applied', 'and that it was sent');

  // Compare: exactly the one bullet, rewritten, with the new words marked.
  await rows(page).nth(0).locator('[data-testid=version-from]').check();
  await rows(page).nth(1).locator('[data-testid=version-to]').check();
  await page.click('[data-testid=version-compare]');
  await page.waitForSelector('[data-testid=version-diff]');
  assert.equal(await page.locator('[data-testid=diff-rewritten]').count(), 1);
  assert.match(await page.textContent('[data-testid=diff-rewritten]'), /Experience · .+ · bullet \d+/, 'the change is named in words');
  assert.equal(await page.locator('[data-testid=diff-added]').count(), 0);
  assert.equal(await page.locator('[data-testid=diff-removed]').count(), 0);
  const ins = await page.locator('[data-testid=diff-rewritten] ins').allTextContents();
  assert.ok(ins.join(' ').includes('Rebuilt') && ins.join(' ').includes('twice over'), `inserted words: ${ins}`);
  // A label sticks.
  await rows(page).nth(1).locator('[data-testid=version-label]').fill('Go roles');
  await rows(page).nth(1).locator('[data-testid=version-label]').press('Tab');
  await stored(page, 'resumeVersions', (v) => v.label === 'Go roles');
  await assertAccessible(page, 'versions');
  await screenshot(page, 'versions-compare');
  await page.reload();
  await waitRows(page, 2);
  assert.equal(await rows(page).nth(1).locator('[data-testid=version-label]').inputValue(), 'Go roles');

  // The run still says, and makes, what it used: re-selecting after the edit keeps the old text.
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=run-version]');
  assert.match(await page.textContent('[data-testid=run-version]'), /Original/);
  assert.ok(await page.isVisible('[data-testid=tailor-latest]'), 'offers the latest version');
  await page.click('[data-testid=reselect]');
  await page.waitForFunction(() => [...document.querySelectorAll('.toast, [role=status]')].some((e) => e.textContent.includes('Selection and PDF updated')), null, { timeout: 120_000 });
  const again = pdfText(await download(page, 'download-pdf', 'again.pdf'));
  assert.ok(again.includes(chosen.slice(0, 50)), 'the run still uses the bullet as it was');
  assert.ok(!again.includes('twice over'), 'and not the later edit');
  await screenshot(page, 'run-version');

  // The application shows the version that was sent and downloads the PDF that was sent.
  await page.goto(`${server.url}/applications`);
  await page.click('[data-testid=view-details]');
  await page.waitForSelector('[data-testid=application-version]');
  assert.match(await page.textContent('[data-testid=application-version]'), /Sent: résumé version Original/);
  const sent = pdfText(await download(page, 'application-pdf', 'sent.pdf'));
  assert.ok(sent.includes(chosen.slice(0, 50)) && !sent.includes('twice over'), 'the PDF sent, not a later one');
  await screenshot(page, 'applications-version');

  // Tailor again with the latest version: a new run on the edited text.
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=tailor-latest]');
  await page.click('[data-testid=tailor-latest]');
  await page.waitForURL((u) => u.href !== runUrl && /\/runs\//.test(u.href));
  await waitDone(page);
  assert.match(await page.textContent('[data-testid=run-version]'), /Go roles/);

  // Restore the original: a new version on top, and the editor shows the old text.
  await page.goto(`${server.url}/resumes/${resumeId}/versions`);
  await waitRows(page, 2);
  await rows(page).nth(0).locator('[data-testid=version-restore]').click();
  await waitRows(page, 3);
  assert.equal(await rows(page).nth(2).locator('[data-testid=version-status]').getAttribute('data-status'), 'ACTIVE');
  assert.equal(await rows(page).nth(1).locator('[data-testid=version-status]').getAttribute('data-status'), 'COMPILED', 'the edit made the second run\'s PDF');
  assert.match(await rows(page).nth(2).locator('[data-testid=version-label]').inputValue(), /Restored from Original/);
  await page.goto(editor);
  await page.waitForSelector('[data-testid=bullet] textarea');
  assert.equal(await page.locator('[data-testid=bullet] textarea').nth(index).inputValue(), original);
  assert.deepEqual(problems, []);
  void jobId;
}

test('a locked bullet or section cannot be edited until unlocked, and stays locked after a reload', async () => {
  const { page, problems } = await newPage(browser);
  await importResume(page, server.url);
  const box = page.locator('[data-testid=bullet] textarea').first();
  const text = await box.inputValue();

  // Lock one bullet: its box is read-only and typing changes nothing; delete is disabled.
  await page.locator('[data-testid=lock-bullet]').first().click();
  assert.equal(await page.locator('[data-testid=lock-bullet]').first().getAttribute('aria-pressed'), 'true');
  assert.equal(await box.evaluate((e) => e.readOnly), true);
  await box.press('End');
  await page.keyboard.type(' sneaky');
  assert.equal(await box.inputValue(), text);
  assert.ok(await page.locator('[data-testid=bullet]').first().locator('button[aria-label^="Delete bullet"]').isDisabled());
  await screenshot(page, 'editor-locks');

  // Lock the Experience section: every field in it is disabled.
  const experience = page.locator('[data-testid=lock-section]', { hasText: 'Work experience' });
  await experience.click();
  assert.ok(await page.locator('[data-testid=bullet] textarea').nth(1).isDisabled());
  assert.ok(await page.locator('#w-pos-0').isDisabled());

  // Both survive a reload.
  await stored(page, 'masterResumes', (m) => m.locks?.sections?.includes('EXPERIENCE') && m.locks?.bullets?.length === 1);
  await page.reload();
  await page.waitForSelector('[data-testid=bullet] textarea');
  assert.ok(await page.locator('#w-pos-0').isDisabled(), 'the section is still locked');
  assert.equal(await page.locator('[data-testid=lock-bullet]').first().getAttribute('aria-pressed'), 'true');

  // Unlocked, both can be edited again.
  await page.locator('[data-testid=lock-section]', { hasText: 'Work experience' }).click();
  await page.locator('[data-testid=lock-bullet]').first().click();
  await box.fill(text + ' now edited');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-state]')?.textContent === 'Saved', null, { timeout: 30_000 });
  await page.reload();
  await page.waitForSelector('[data-testid=bullet] textarea');
  assert.equal(await page.locator('[data-testid=bullet] textarea').first().inputValue(), text + ' now edited');
  assert.deepEqual(problems, []);
});
