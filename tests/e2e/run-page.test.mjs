// The run page and the editor preview as a new user meets them: pages shown as pictures in
// every browser, the review beside the pages on a wide screen and in tabs on a phone, the
// template and paper chosen in the editor used by runs (and said on the run), the CLI making
// the same PDF as the app, and the whole path from job to download by keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, newPage, screenshot, appReady, tabTo, importResume as importResumeAt, addJob as addJobAt, ROOT, RESUME, JD } from './harness.mjs';


let server, browser, work;
before(async () => {
  server = await startServer();
  browser = await launch();
  work = await mkdtemp(join(tmpdir(), 'fitted-run-page-'));
});
after(async () => { await browser?.close(); await server?.close(); });

const importResume = (page) => importResumeAt(page, server.url);
/** Saves the fixture posting; returns the job page's URL. */
async function addJob(page) {
  await addJobAt(page, server.url);
  return page.url();
}

/** How much of a canvas is ink (dark pixels): a drawn page has thousands, a blank one none. */
async function inkedPixels(page, selector) {
  return page.$eval(selector, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100) n++;
    return n;
  });
}

async function waitDone(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent.includes('Status: Done'), null, { timeout: 120_000 });
  await page.waitForSelector('[data-testid=run-pdf] canvas', { timeout: 120_000 });
}

function pdfText(path) {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

test('pages as pictures, review beside them, the chosen layout used and said, the CLI makes the same PDF', async () => {
  const { context, page, problems } = await newPage(browser);
  await importResume(page);

  // The editor preview is pictures of the pages (no PDF viewer needed), with ink on them.
  await page.waitForSelector('[data-testid=pdf-preview] canvas', { timeout: 120_000 });
  assert.ok(await inkedPixels(page, '[data-testid=pdf-preview] canvas') > 2000, 'the preview page is drawn');
  // Choose Modern on A4 there: the choice is the user's layout for every run.
  await page.selectOption('[data-testid=template]', 'modern');
  await page.selectOption('[data-testid=paper]', 'a4');
  // The preview follows: its page turns A4-shaped (595 × 842 points).
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=pdf-preview] canvas');
    return c && Math.abs(c.width / c.height - 595 / 842) < 0.01;
  }, null, { timeout: 60_000 });
  await screenshot(page, 'editor-preview');

  // The editor's Word export: the résumé's name as the title, and every bullet the editor
  // holds as a list paragraph with exactly its text.
  const [editorDocx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-docx]')]);
  assert.match(editorDocx.suggestedFilename(), /\.docx$/);
  await editorDocx.saveAs(join(work, 'editor.docx'));
  const editorParas = JSON.parse(execFileSync('python3', [join(ROOT, 'typeset/tests/read_docx.py'), join(work, 'editor.docx')], { encoding: 'utf8' }));
  assert.equal(editorParas[0].style, 'Title');
  const editorBullets = await page.$$eval('[data-testid=bullet] textarea', (els) => els.map((e) => e.value.trim()).filter(Boolean));
  const editorListed = editorParas.filter((p) => p.list).map((p) => p.text.trim());
  assert.ok(editorListed.length >= 5, `list paragraphs: ${editorListed.length}`);
  for (const b of editorListed) assert.ok(editorBullets.includes(b), `a Word bullet the editor does not hold: ${b}`);

  const jobUrl = await addJob(page);
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  await waitDone(page);
  assert.ok(await inkedPixels(page, '[data-testid=run-pdf] canvas') > 2000, 'the run page is drawn');
  assert.match(await page.textContent('[data-testid=run-meta]'), /Modern, A4/, 'the run says which layout its PDF used');
  assert.equal(await page.locator('[data-testid=ranked-with]').count(), 0, 'a near job is ranked without the meaning model');

  // At 1280 px the review and the pages sit side by side, the pages in view at the top.
  const [review, pages] = await Promise.all(['#run-review', '#run-pages'].map((sel) => page.$eval(sel, (e) => e.getBoundingClientRect().toJSON())));
  assert.ok(pages.left >= review.right - 1, `pages to the right of the review (${JSON.stringify({ review, pages })})`);
  assert.ok(pages.top < 800, 'the pages start in the first screen');
  assert.equal(await page.isVisible('.run-tabs'), false, 'no tabs on a wide screen');
  await screenshot(page, 'run-desktop');

  // The downloaded PDF is A4 and one page.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
  const appPdf = join(work, 'app.pdf');
  await dl.saveAs(appPdf);
  const info = execFileSync('pdfinfo', [appPdf], { encoding: 'utf8' });
  assert.match(info, /^Pages:\s+1$/m);
  assert.match(info, /Page size:\s+595\.\d* x 841\.\d*/, info);

  // The ATS check: read back by the worker from the file's bytes, it finds everything, and
  // its text is what pdftotext reads from the downloaded PDF.
  await page.waitForSelector('[data-testid=ats-check]');
  assert.match(await page.textContent('[data-testid=ats-status]'), /Everything on the page was read back/);
  const bulletsLine = await page.textContent('[data-testid=ats-bullets]');
  const [, found, total] = bulletsLine.match(/(\d+) of (\d+), in order/) ?? [];
  assert.ok(Number(total) >= 3 && found === total, bulletsLine);
  const [, kwFound, kwTotal] = (await page.textContent('[data-testid=ats-keywords]')).match(/(\d+) of (\d+)/);
  assert.ok(Number(kwTotal) >= 5 && Number(kwFound) > 0, `keywords ${kwFound} of ${kwTotal}`);
  const squash = (t) => t.replace(/\s+/g, ' ').trim();
  await page.click('[data-testid=ats-check] summary');
  assert.equal(squash(await page.textContent('[data-testid=ats-text]')), squash(pdfText(appPdf)), 'the in-app read-back is what pdftotext reads');
  await page.$eval('[data-testid=ats-check]', (e) => e.scrollIntoView());
  await screenshot(page, 'run-ats-check');

  // The Word export: every chosen bullet as a list paragraph, the name as the title.
  const [docxDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-docx]')]);
  assert.match(docxDl.suggestedFilename(), /\.docx$/);
  const appDocx = join(work, 'app.docx');
  await docxDl.saveAs(appDocx);
  const paras = JSON.parse(execFileSync('python3', [join(ROOT, 'typeset/tests/read_docx.py'), appDocx], { encoding: 'utf8' }));
  assert.equal(paras[0].style, 'Title');
  const listed = paras.filter((p) => p.list).map((p) => squash(p.text));
  assert.equal(listed.length, Number(total), 'one list paragraph per chosen bullet');
  const pdfFlat = squash(pdfText(appPdf));
  for (const b of listed) assert.ok(pdfFlat.includes(b.replace(/^• /, '')), `bullet in the PDF too: ${b}`);

  // `fitted tailor` with the same résumé, posting, month, template and paper: the same text.
  const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
  const cli = ['debug', 'release'].map((p) => join(target, p, 'fitted')).find(existsSync);
  if (cli) {
    const d = new Date();
    const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    const cliPdf = join(work, 'cli.pdf');
    execFileSync(cli, ['tailor', RESUME, JD, '--out', cliPdf, '--as-of', month, '--template', 'modern', '--paper', 'a4'], { stdio: ['ignore', 'ignore', 'pipe'] });
    assert.equal(pdfText(cliPdf), pdfText(appPdf), 'the CLI and the app make the same résumé');
  } else {
    console.log('# SKIP CLI comparison: no fitted binary under', target);
  }

  // A phone: tabs, one panel at a time, arrow keys switch.
  // (Same browser profile, so the same stored run; a second tab at phone width.)
  const phone = { page: await context.newPage(), problems: [] };
  phone.page.on('pageerror', (e) => phone.problems.push(`pageerror: ${e.message}`));
  phone.page.on('console', (m) => { if (m.type() === 'error') phone.problems.push(`console: ${m.text()}`); });
  await phone.page.setViewportSize({ width: 360, height: 740 });
  await phone.page.goto(page.url().replace(/\?.*$/, ''));
  await appReady(phone.page);
  await phone.page.waitForSelector('.run-tabs [role=tab]');
  assert.equal(await phone.page.isVisible('#run-pages'), false, 'the pages wait behind their tab');
  await phone.page.click('#run-pages-tab');
  await phone.page.waitForSelector('[data-testid=run-pdf] canvas', { timeout: 120_000 });
  assert.equal(await phone.page.isVisible('#run-review'), false);
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing wider than the phone (${overflow}px)`);
  await screenshot(phone.page, 'run-phone-pdf');
  await phone.page.focus('#run-pages-tab');
  await phone.page.keyboard.press('ArrowLeft');
  assert.equal(await phone.page.evaluate(() => document.activeElement.id), 'run-review-tab');
  assert.equal(await phone.page.isVisible('#run-review'), true);
  await screenshot(phone.page, 'run-phone-review');
  assert.deepEqual(phone.problems, []);
  await phone.page.close();

  // Reopened later, the run shows its pages again (made from its stored Typst source).
  await page.goto(jobUrl);
  await appReady(page);
  await page.goBack();
  await appReady(page);
  await page.waitForSelector('[data-testid=run-pdf] canvas', { timeout: 120_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: from the job to a downloaded PDF, with an exclusion on the way', async () => {
  const { context, page, problems } = await newPage(browser);
  await importResume(page);
  await addJob(page);
  // Start from the job list, as a user would, and never touch the mouse again.
  await page.goto(server.url + '/jobs');
  await appReady(page);
  await tabTo(page, '[data-testid=job-row] a');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/jobs\/[^/]+$/);
  await tabTo(page, '[data-testid=tailor]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/runs\//);
  await waitDone(page);
  const first = (await page.textContent('[data-testid=chosen-bullet] .bullet-text')).trim();
  await tabTo(page, '[data-testid=chosen-bullet] [data-testid=exclude]');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('[data-testid=chosen-bullet] [data-testid=exclude]', 'aria-pressed'), 'true');
  await tabTo(page, '[data-testid=reselect]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.toast, [role=status]')].some((e) => e.textContent.includes('Selection and PDF updated')), null, { timeout: 120_000 });
  await page.waitForSelector('[data-testid=run-pdf] canvas');
  await tabTo(page, '[data-testid=download-pdf]');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = join(work, 'keyboard.pdf');
  await dl.saveAs(path);
  const text = pdfText(path).replace(/\s+/g, ' ');
  assert.ok(!text.includes(first.replace(/\s+/g, ' ').slice(0, 50)), 'the excluded bullet is not in the downloaded PDF');
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Tailors the fixture résumé to a posting from another trade (a sous-chef: the job list's fit
 * is about 6, so the engine asks for the sentence encoder), waits for a toast matching
 * `toastSeen`, and downloads the PDF. Returns the PDF's path, the model downloads the page
 * made, and the toasts it showed.
 */
async function tailorFarJob(page, name, toastSeen) {
  const models = [];
  page.on('request', (r) => { if (r.url().includes('models/sentence-model.safetensors')) models.push(r.url()); });
  // Every toast ever shown (info toasts go away after a few seconds; this does not depend on
  // how fast the run is).
  await page.addInitScript(() => {
    window.__toasts = [];
    new MutationObserver(() => {
      for (const t of document.querySelectorAll('[data-testid=toast]')) {
        if (!window.__toasts.includes(t.textContent)) window.__toasts.push(t.textContent);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await importResume(page);
  await addJobAt(page, server.url, await readFile(FAR_JD, 'utf8'));
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  await waitDone(page);
  // The run's notes come as it ends.
  await page.waitForFunction((re) => window.__toasts.some((t) => new RegExp(re).test(t)), toastSeen.source, { timeout: 60_000 });
  const toasts = await page.evaluate(() => window.__toasts);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
  const pdf = join(work, `${name}.pdf`);
  await dl.saveAs(pdf);
  return { pdf, models, toasts };
}

const FAR_JD = join(ROOT, 'tests/other-fields/jobs/sous-chef.txt');

/** `fitted tailor` of the far job with the app's default layout (extra flags first), or null. */
function cliFarPdf(name, flags = []) {
  const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
  const cli = ['debug', 'release'].map((p) => join(target, p, 'fitted')).find(existsSync);
  if (!cli) return null;
  const d = new Date();
  const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  const out = join(work, `${name}-cli.pdf`);
  execFileSync(cli, [...flags, 'tailor', RESUME, FAR_JD, '--out', out, '--as-of', month], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}

test('a far job: the meaning model is downloaded once and ranks its bullets, as the CLI does', async () => {
  const { context, page, problems } = await newPage(browser);
  const { pdf, models, toasts } = await tailorFarJob(page, 'far', /downloading the meaning model/);
  assert.equal(models.length, 1, `one model download: ${models}`);
  assert.ok(toasts.some((t) => /downloading the meaning model/.test(t)), `the download is announced: ${toasts}`);
  assert.ok(!toasts.some((t) => /could not be loaded/.test(t)), `no fallback: ${toasts}`);
  assert.match(await page.textContent('[data-testid=ranked-with]'), /meaning model ranked your bullets/, 'the review says how it ranked');
  await screenshot(page, 'run-far-job');
  // The CLI uses the same model file (beside its build): the same résumé. Without the model
  // the CLI picks other bullets for this job, so an app that ranked without it would differ.
  const withModel = cliFarPdf('far');
  if (withModel) {
    assert.equal(pdfText(withModel), pdfText(pdf), 'the CLI and the app make the same résumé for a far job');
    const without = cliFarPdf('far-plain', ['--no-sentence-model']);
    assert.notEqual(pdfText(without), pdfText(pdf), 'the model changed the selection (else this test proves nothing)');
  } else {
    console.log('# SKIP CLI comparison: no fitted binary');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a far job when the meaning model cannot be downloaded: the run finishes by shared words and says so', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.route('**/models/sentence-model.safetensors', (r) => r.fulfill({ status: 404, body: 'not found' }));
  const { pdf, toasts } = await tailorFarJob(page, 'far-offline', /could not be loaded/);
  assert.ok(toasts.some((t) => /meaning model[^]*could not be loaded/.test(t)), `the fallback is said: ${toasts}`);
  assert.equal(await page.locator('[data-testid=ranked-with]').count(), 0, 'ranked by shared words: the review does not claim the model');
  const plain = cliFarPdf('far-offline', ['--no-sentence-model']);
  if (plain) assert.equal(pdfText(plain), pdfText(pdf), 'the same résumé as the CLI without the model');
  // The 404 is the only failed request the page logs.
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  await context.close();
});

test('a far job with the meaning model turned off in Settings: nothing is downloaded, and the run says why', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  const box = page.locator('[data-testid=sentence-model-setting]');
  await box.waitFor();
  assert.equal(await box.isChecked(), true, 'on unless the user turns it off');
  // By keyboard: focus and Space.
  await box.focus();
  await page.keyboard.press('Space');
  await page.locator('[data-testid=toast]', { hasText: 'will not be downloaded' }).waitFor();
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=sentence-model-setting]')?.checked === false);
  await page.locator('#ranking-settings-h').scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-ranking');
  const { pdf, models, toasts } = await tailorFarJob(page, 'far-off', /turned off/);
  assert.equal(models.length, 0, `no model download: ${models}`);
  assert.ok(!toasts.some((t) => /downloading the meaning model/.test(t)), `${toasts}`);
  const plain = cliFarPdf('far-off', ['--no-sentence-model']);
  if (plain) assert.equal(pdfText(plain), pdfText(pdf), 'the same résumé as the CLI without the model');
  assert.deepEqual(problems, []);
  await context.close();
});
