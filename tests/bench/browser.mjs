// Browser benchmarks, printed (never asserted): run after `trunk build --release`.
//
//   cd tests && node bench/browser.mjs [--runs 5]
//
// - Tailor → PDF shown: click "Tailor for this job" until the run's PDF frame appears,
//   cold (fresh browser context: worker not loaded, nothing cached) and warm (same tab,
//   worker loaded), median of N each.
// - Worker cold start: first request from a fresh page until its answer (download +
//   instantiate + answer), and a warm re-render of the résumé preview after an edit.
// - Transfer sizes of the app and worker wasm as served (and brotli sizes of dist files).
import { readFile, readdir, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, newPage, appReady, ROOT, DIST } from '../e2e/harness.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

const server = await startServer();
const browser = await launch();
const RESUME = join(ROOT, 'tests/fixtures/resumes/mateo-lindqvist.json');
const JD = await readFile(join(ROOT, 'tests/fixtures/jobs/senior-backend-engineer-go-payments.txt'), 'utf8');

/** A context with the résumé and job stored, then a fresh page at the job (worker not loaded). */
async function prepared() {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.setInputFiles('[data-testid=resume-file]', RESUME);
  await page.waitForURL(/\/resumes\/[^/]+$/);
  await page.goto(server.url + '/jobs');
  await appReady(page);
  await page.fill('[data-testid=job-text]', JD);
  await page.click('[data-testid=add-job]');
  await page.waitForURL(/\/jobs\/[^/]+$/);
  const jobUrl = page.url();
  await page.close();
  const fresh = await context.newPage();
  await fresh.goto(jobUrl);
  await appReady(fresh);
  await fresh.waitForSelector('[data-testid=tailor]');
  return { context, page: fresh, jobUrl };
}

async function tailorOnce(page, jobUrl) {
  if (page.url() !== jobUrl) {
    await page.goto(jobUrl);
    await appReady(page);
    await page.waitForSelector('[data-testid=tailor]');
  }
  const t0 = Date.now();
  await page.click('[data-testid=tailor]');
  await page.waitForSelector('[data-testid=run-pdf]', { timeout: 180_000 });
  return Date.now() - t0;
}

const cold = [], warm = [], workerCold = [], rerender = [];
for (let i = 0; i < runs; i++) {
  const { context, page, jobUrl } = await prepared();
  // In `prepared` the worker ran (import, job metadata) in another page; this page has its
  // own worker, not yet started: the first tailor includes its download and start.
  cold.push(await tailorOnce(page, jobUrl));
  warm.push(await tailorOnce(page, jobUrl));
  await context.close();
}

for (let i = 0; i < runs; i++) {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  const t0 = Date.now();
  await page.click('[data-testid=engine-analyse]');
  await page.waitForFunction(() => /SHA-256/.test(document.querySelector('[data-testid=engine-result]')?.textContent || ''), null, { timeout: 120_000 });
  workerCold.push(Date.now() - t0);
  // Warm re-render: edit a bullet in the editor, time until the preview status settles.
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.setInputFiles('[data-testid=resume-file]', RESUME);
  await page.waitForURL(/\/resumes\/[^/]+$/);
  await page.waitForSelector('[data-testid=pdf-preview]', { timeout: 120_000 });
  await page.waitForFunction(() => /page/.test(document.querySelector('[data-testid=preview-status]')?.textContent || ''));
  const t1 = Date.now();
  await page.locator('[data-testid=bullet] textarea').first().fill(`Edited bullet ${i} with a new measurable outcome of 42%.`);
  await page.waitForFunction(() => /Typesetting/.test(document.querySelector('[data-testid=preview-status]')?.textContent || ''), null, { timeout: 10_000 }).catch(() => {});
  await page.waitForFunction(() => /page/.test(document.querySelector('[data-testid=preview-status]')?.textContent || ''), null, { timeout: 60_000 });
  rerender.push(Date.now() - t1);
  await context.close();
}

// The worker on its own (no UI): cold = create the worker, download + instantiate it and
// typeset a first PDF; warm = typeset again after an edit, per template.
const doc = JSON.parse(await readFile(RESUME, 'utf8'));
const direct = [];
for (let i = 0; i < runs; i++) {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  direct.push(await page.evaluate(async (doc) => {
    const t0 = performance.now();
    const w = new Worker(new URL('worker-boot.js', document.baseURI));
    const pending = new Map();
    let ready;
    const isReady = new Promise((ok) => { ready = ok; });
    w.onmessage = (ev) => {
      const [kind, body] = Object.entries(ev.data)[0];
      if (kind === 'Ready') ready();
      else if (kind === 'Result' || kind === 'Error') { pending.get(body.id)?.(kind); pending.delete(body.id); }
    };
    let next = 1;
    const render = (template, d) => new Promise((ok, err) => {
      const id = next++;
      pending.set(id, (kind) => kind === 'Result' ? ok() : err(new Error('render failed')));
      w.postMessage({ Request: { id, request: { Render: { document: d, template, layout: { paper: 'a4', step: 0 }, fit_to_page: false } } } });
    });
    await isReady;
    await render('classic', doc);
    const first = performance.now() - t0;
    const warm = {};
    for (const template of ['classic', 'modern', 'compact']) {
      await render(template, doc);
      const times = [];
      for (let k = 0; k < 7; k++) {
        const d = structuredClone(doc);
        d.work[0].highlights[0] = `${d.work[0].highlights[0]} (edit ${k})`;
        const t = performance.now();
        await render(template, d);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      warm[template] = times[3];
    }
    w.terminate();
    return { first, warm };
  }, doc));
  await context.close();
}

console.log(`Worker cold start + first PDF (classic): ${fmt(direct.map((d) => d.first))}`);
for (const t of ['classic', 'modern', 'compact']) console.log(`Warm re-render in the worker, ${t}: ${fmt(direct.map((d) => d.warm[t]))}`);
console.log(`Tailor → PDF shown, cold (worker not loaded): ${fmt(cold)}`);
console.log(`Tailor → PDF shown, warm (worker loaded):     ${fmt(warm)}`);
console.log(`Worker cold start to first answer:            ${fmt(workerCold)}`);
console.log(`Preview re-render after an edit (incl. debounce): ${fmt(rerender)}`);

const files = (await readdir(DIST)).filter((f) => /\.(wasm|js|css)$/.test(f));
for (const f of files.sort()) {
  const p = join(DIST, f);
  const raw = (await stat(p)).size;
  let br = '';
  try { br = `, brotli ${(execFileSync('brotli', ['-c', '-q', '11', p], { maxBuffer: 1 << 28 }).length / 1024).toFixed(0)} KB`; } catch { /* brotli not installed */ }
  console.log(`dist/${f}: ${(raw / 1024).toFixed(0)} KB${br}`);
}
await browser.close();
await server.close();
