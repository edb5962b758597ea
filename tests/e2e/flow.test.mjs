// The tailoring flow end to end, with no API key: import → edit → preview → job (and its
// duplicate) → run to DONE → pin/exclude → PDF text → reload mid-run → backup round trip →
// bad inputs. Real Chromium, real IndexedDB, the real worker (Typst), real pdftotext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, newPage, screenshot, appReady, importResume as importResumeAt, addJob as addJobAt, RESUME, JD } from './harness.mjs';

const MARK = 'Quokkaflux';

let server, browser, work;
before(async () => {
  server = await startServer();
  browser = await launch();
  work = await mkdtemp(join(tmpdir(), 'fitted-flow-'));
});
after(async () => { await browser?.close(); await server?.close(); });

/** The text of a PDF, whitespace collapsed, via poppler's pdftotext. */
function pdfText(path) {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, ' ');
}
const squash = (s) => s.replace(/\s+/g, ' ').trim();
/** pdftotext may hyphen-break nothing but may split lines: compare on words. */
const containsWords = (hay, needle) => squash(hay).includes(squash(needle));

async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  const path = join(work, name);
  await dl.saveAs(path);
  return path;
}

/** Every record of every store of the app's database, straight from IndexedDB. */
async function dumpDb(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open('fitted'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const out = {};
    for (const name of [...db.objectStoreNames].sort()) {
      out[name] = await new Promise((ok, err) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(JSON.stringify(r.result)); r.onerror = () => err(r.error);
      });
    }
    db.close();
    return out;
  });
}

const importResume = (page) => importResumeAt(page, server.url);
const addJob = (page, text) => addJobAt(page, server.url, text);

async function waitDone(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent.includes('Status: Done'), null, { timeout: 120_000 });
  await page.waitForSelector('[data-testid=run-pdf]');
}

test('import → edit → preview → job → run → pin/exclude → PDF → backup round trip', async () => {
  const { context, page, problems } = await newPage(browser);

  // 1. Import a JSON Resume file; edit a bullet; the preview follows; the PDF has the edit.
  await importResume(page);
  const first = page.locator('[data-testid=bullet] textarea').first();
  const edited = `Rebuilt the ${MARK} payment-authorization service in Go, handling 4,500 requests/sec at p99 under 80 ms.`;
  // Every bullet box is wide enough to read and edit (it was one character wide when an
  // attribute closure broke the row's markup).
  const widths = await page.$$eval('[data-testid=bullet] textarea', (els) => els.map((e) => e.getBoundingClientRect().width));
  assert.ok(widths.length > 3, 'the imported bullets are listed');
  assert.ok(Math.min(...widths) >= 200, `bullet boxes at 1280 px are at least 200 px wide: ${widths.map(Math.round)}`);
  await first.fill(edited);
  await page.waitForFunction(() => document.querySelector('[data-testid=save-state]')?.textContent === 'Saved', null, { timeout: 20_000 });
  await page.waitForSelector('[data-testid=pdf-preview]', { timeout: 120_000 });
  await page.waitForFunction(() => !/render|typeset|updating/i.test(document.querySelector('[data-testid=preview-status]')?.textContent || ''), null, { timeout: 120_000 });
  const editorPdf = pdfText(await download(page, 'download-pdf', 'editor.pdf'));
  assert.ok(editorPdf.includes(MARK), 'the downloaded PDF shows the edited bullet');
  await screenshot(page, 'flow-editor');

  // A reload right after typing keeps the edit.
  const again = `${edited} Second edit.`;
  await first.fill(again);
  await page.reload();
  await appReady(page);
  await page.waitForSelector('[data-testid=bullet] textarea');
  assert.equal(await page.locator('[data-testid=bullet] textarea').first().inputValue(), again);

  // 2. A job, then the same posting again: the duplicate goes to the existing job.
  const jd = await readFile(JD, 'utf8');
  const jobId = await addJob(page, jd);
  assert.match(await page.inputValue('#j-company'), /\S/, 'company pre-filled from the posting');
  const dupId = await addJob(page, jd);
  assert.equal(dupId, jobId, 'a duplicate description leads to the existing job');
  await page.goto(server.url + '/jobs');
  await appReady(page);
  await page.waitForSelector('[data-testid=job-row]');
  assert.equal(await page.locator('[data-testid=job-row]').count(), 1);
  await screenshot(page, 'flow-jobs');

  // 3. Tailor: the run walks its stages to DONE and shows the PDF.
  await page.goto(server.url + `/jobs/${jobId}`);
  await appReady(page);
  await screenshot(page, 'flow-job');
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  await waitDone(page);
  const cover = await page.textContent('[data-testid=coverage]');
  assert.match(cover, /Must-haves shown: \d+ of \d+/);
  await screenshot(page, 'flow-run-done');
  const runPdfPath = await download(page, 'download-pdf', 'run.pdf');
  const runPdf = pdfText(runPdfPath);
  assert.match(execFileSync('pdfinfo', [runPdfPath], { encoding: 'utf8' }), /^Pages:\s+1$/m, 'the tailored résumé is one page');
  // Files are stored as bytes (Uint8Array), not as arrays of numbers.
  const stored = await page.evaluate(async () => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open('fitted'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const all = await new Promise((ok) => { const r = db.transaction('generatedArtifacts').objectStore('generatedArtifacts').getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return all.map((a) => a.data instanceof Uint8Array);
  });
  assert.ok(stored.length >= 4 && stored.every(Boolean), `artifact bytes are Uint8Arrays: ${stored}`);

  // 4. Exclude a chosen bullet and pin a left-out one: the PDF follows.
  const chosen = page.locator('[data-testid=chosen-bullet]');
  const excludedText = squash(await chosen.first().locator('.bullet-text').textContent());
  assert.ok(containsWords(runPdf, excludedText.slice(0, 60)), 'the chosen bullet is in the PDF before exclusion');
  await chosen.first().locator('[data-testid=exclude]').click();
  await page.click('details:has([data-testid=dropped-bullet]) > summary');
  const dropped = page.locator('[data-testid=dropped-bullet]');
  const pinnedText = squash(await dropped.first().locator('.bullet-text').textContent());
  assert.ok(!containsWords(runPdf, pinnedText.slice(0, 60)), 'the left-out bullet is not in the PDF before pinning');
  await dropped.first().locator('[data-testid=pin]').click();
  await page.click('[data-testid=reselect]');
  await page.waitForFunction(() => [...document.querySelectorAll('.toast, [role=status]')].some((e) => e.textContent.includes('Selection and PDF updated')), null, { timeout: 120_000 });
  await page.waitForSelector('[data-testid=run-pdf]');
  const after = pdfText(await download(page, 'download-pdf', 'run-after.pdf'));
  assert.ok(!containsWords(after, excludedText.slice(0, 60)), 'the excluded bullet left the PDF');
  assert.ok(containsWords(after, pinnedText.slice(0, 60)), 'the pinned bullet is in the PDF');
  // Artifacts are stored with the run: downloadable again after a reload.
  await page.reload();
  await appReady(page);
  await page.waitForSelector('[data-testid=download-typ]');
  const typ = await readFile(await download(page, 'download-typ', 'run.typ'), 'utf8');
  assert.ok(typ.includes('#'), 'the Typst source downloads');

  // 5. Backup → erase → restore → backup: identical data.
  await page.goto(server.url + '/settings');
  await appReady(page);
  const b1 = JSON.parse(await readFile(await download(page, 'backup-export', 'backup1.json'), 'utf8'));
  assert.equal(b1.format, 'fitted-backup');
  assert.ok(b1.stores.generatedArtifacts.length >= 3, 'artifacts are in the backup');
  await page.click('[data-testid=erase-start]');
  await page.click('[data-testid=erase-confirm]');
  await page.waitForFunction(() => document.querySelector('[data-testid=backup-result]')?.textContent.includes('erased'));
  await page.goto(server.url + '/jobs');
  await appReady(page);
  await page.waitForSelector('[data-testid=empty-state]');
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.waitForSelector('[data-testid=backup-file]:not([disabled])');
  await page.setInputFiles('[data-testid=backup-file]', join(work, 'backup1.json'));
  await page.waitForFunction(() => document.querySelector('[data-testid=backup-result]')?.textContent.startsWith('Restored'), null, { timeout: 30_000 });
  const summary = await page.textContent('[data-testid=backup-result]');
  assert.match(summary, /1 jobs/);
  await page.waitForSelector('[data-testid=backup-export]:not([disabled])');
  const b2 = JSON.parse(await readFile(await download(page, 'backup-export', 'backup2.json'), 'utf8'));
  assert.deepEqual(b2.stores, b1.stores, 'export → erase → import → export is identical');
  await page.goto(server.url + `/runs/${b1.stores.runs[0].id}`);
  await appReady(page);
  await page.waitForSelector('[data-testid=run-pdf]');
  for (const path of ['/resumes', '/runs', '/applications', '/settings']) {
    await page.goto(server.url + path);
    await appReady(page);
    await screenshot(page, `flow${path.replace('/', '-')}`);
  }

  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload mid-run shows where it stopped, and Resume finishes it', async () => {
  const { context, page, problems } = await newPage(browser);
  await importResume(page);
  const jobId = await addJob(page, await readFile(JD, 'utf8'));

  // A fresh tab whose worker cannot load: the run starts and stalls at its first engine call.
  const tab = await context.newPage();
  await tab.route(/worker_bg\.wasm/, () => { /* never answered */ });
  await tab.goto(server.url + `/jobs/${jobId}`);
  await appReady(tab);
  await tab.click('[data-testid=tailor]');
  await tab.waitForURL(/\/runs\//);
  await tab.waitForFunction(() => /Working/.test(document.querySelector('[data-testid=run-status]')?.textContent || ''));
  const runUrl = tab.url().replace(/\?.*$/, '');
  await tab.close();

  // Back later: the run says where it stopped; Resume takes it to DONE.
  await page.goto(runUrl);
  await appReady(page);
  await page.waitForSelector('[data-testid=run-interrupted]');
  assert.match(await page.textContent('[data-testid=run-interrupted]'), /interrupted at/);
  await page.click('[data-testid=resume-run]');
  await waitDone(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad inputs give a clear message and change nothing stored', async () => {
  const { context, page, problems } = await newPage(browser);
  // A blank résumé (no bullets) made active, and one job.
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.click('text=Start blank');
  await page.waitForURL(/\/resumes\/[^/]+$/);
  const jobId = await addJob(page, await readFile(JD, 'utf8'));
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.waitForSelector('[data-testid=resume-row]');
  const before = await dumpDb(page);

  // Invalid JSON file.
  const bad = join(work, 'broken.json');
  await writeFile(bad, '{"basics": {"name": "Ana", }');
  await page.setInputFiles('[data-testid=resume-file]', bad);
  await page.waitForSelector('[data-testid=import-error]');
  assert.match(await page.textContent('[data-testid=import-error]'), /line \d+/i, 'names the line');

  // Empty job description, and a 20 000-word paste.
  await page.goto(server.url + '/jobs');
  await appReady(page);
  await page.click('[data-testid=add-job]');
  assert.match(await page.textContent('[data-testid=job-error]'), /paste/i);
  await page.fill('[data-testid=job-text]', 'word '.repeat(20_000));
  await page.click('[data-testid=add-job]');
  assert.match(await page.textContent('[data-testid=job-error]'), /20[, ]?000|too long|words/i);

  // Tailoring a résumé without bullets.
  await page.goto(server.url + `/jobs/${jobId}`);
  await appReady(page);
  await page.click('[data-testid=tailor]');
  await page.waitForFunction(() => document.body.textContent.includes('has no bullets to choose from'));
  assert.match(page.url(), /\/jobs\//, 'no run was opened');

  // A file that is not a backup.
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.waitForSelector('[data-testid=backup-file]:not([disabled])');
  await page.setInputFiles('[data-testid=backup-file]', RESUME);
  await page.waitForFunction(() => /not a Fitted backup/.test(document.querySelector('[data-testid=backup-result]')?.textContent || ''));

  const afterDump = await dumpDb(page);
  // Fit scores are a cache the job page fills in as it shows the job (derived from the job
  // and the résumé), not something the bad inputs changed.
  // Caches made from what is stored are not user data: fit scores, and the Jobs list's
  // cards (the `jobCards` record in `meta`).
  const withoutCards = (v) => JSON.stringify(JSON.parse(v || '[]').filter((r) => r.id !== 'jobCards'));
  const changed = Object.keys(before).filter((k) => k !== 'jobFitScores' && (k === 'meta' ? withoutCards(afterDump[k]) !== withoutCards(before[k]) : afterDump[k] !== before[k]));
  assert.deepEqual(changed, [], `nothing stored changed; changed: ${changed.map((k) => `${k}: ${before[k]} → ${afterDump[k]}`).join('\n')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('deleting a résumé or a job can be undone, or restored later from Recently deleted', async () => {
  const { context, page, problems } = await newPage(browser);
  await importResume(page);
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.waitForSelector('[data-testid=resume-row]');
  const rows = page.locator('[data-testid=resume-row]');

  await rows.first().locator('button.danger-outline').click();
  await page.waitForSelector('[data-testid=toast-action]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=resume-row]').length === 0);
  await page.click('[data-testid=toast-action]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=resume-row]').length === 1);

  await rows.first().locator('button.danger-outline').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=resume-row]').length === 0);
  await page.reload();
  await appReady(page);
  await page.click('details.deleted > summary');
  await page.click('details.deleted button:has-text("Restore")');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=resume-row]').length === 1);

  // A job: delete from its page, Undo brings it back and reopens it.
  const jobId = await addJob(page, await readFile(JD, 'utf8'));
  await page.click('button:has-text("Delete job")');
  await page.waitForURL(/\/jobs$/);
  await page.click('[data-testid=toast-action]');
  await page.waitForURL(new RegExp(`/jobs/${jobId}$`));
  await page.goto(server.url + '/jobs');
  await appReady(page);
  await page.waitForSelector('[data-testid=job-row]');
  assert.deepEqual(problems, []);
  await context.close();
});
