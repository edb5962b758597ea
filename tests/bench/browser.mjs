// Browser benchmarks, printed (never asserted): run after `trunk build --release`.
//
//   cd tests && node bench/browser.mjs [--runs 5] [--skip-board] [--job FILE]
//
// `--job FILE` tailors to that posting instead of the fixture résumé's own (a far one, such
// as ../tests/other-fields/jobs/sous-chef.txt, times the sentence encoder: its cold run
// downloads the model and encodes every bullet).
// `--skip-board` leaves out the two job-board sections (ranking and the Jobs page with
// 10 000 jobs, several minutes) when only the run and preview figures are wanted.
//
// - Tailor → PDF shown: from the click on "Tailor for this job" (the event's own timestamp)
//   to the run's first page drawn (the app's `fitted:page-drawn` mark), cold (fresh page:
//   worker not loaded) and warm (same tab, worker loaded, reached by in-app navigation),
//   median of N each; then where the last warm run spent its time (the app's
//   `fitted:*` performance measures, `app/src/perf.rs`) and the same as a timeline.
// - Worker cold start: first request from a fresh page until its answer (download +
//   instantiate + answer); warm re-renders in the worker alone (per template; with one-page
//   fitting; with page images); and the editor preview after an edit: from the input event
//   (debounce included) to the preview's page drawn again.
// - Job board: ranking 10 000 saved postings in the worker (tests/e2e/postings.mjs), cold
//   (every posting read from its text), warm (one bullet edited, postings by hash with the
//   résumé of the held score: what the Jobs page sends after an edit) with how many jobs
//   that edit made the worker score again, and warm with every job scored (summary edited),
//   median of N each.
// - Jobs page with 10 000 saved jobs: from navigation to the first job row drawn (the list
//   draws a page of rows from the cached job cards; fit scoring runs in the worker
//   meanwhile), median of N; and the first visit after the jobs changed, when the cards
//   are made again from every job.
// - Transfer sizes of the app and worker wasm as served (and brotli sizes of dist files).
import { readFile, readdir, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, newPage, appReady, idbPut, ROOT, DIST } from '../e2e/harness.mjs';
import { postings } from '../e2e/postings.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const withBoard = !process.argv.includes('--skip-board');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

const server = await startServer();
const browser = await launch();
const RESUME = join(ROOT, 'tests/fixtures/resumes/mateo-lindqvist.json');
const jobFile = process.argv.includes('--job') ? process.argv[process.argv.indexOf('--job') + 1] : join(ROOT, 'tests/fixtures/jobs/senior-backend-engineer-go-payments.txt');
const JD = await readFile(jobFile, 'utf8');

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
    // Back to the job inside the app (no page load), so the worker stays warm.
    await page.click('nav.app-nav a[href="/jobs"]');
    await page.click(`[data-testid=job-row] a[href="${new URL(jobUrl).pathname}"]`);
    await page.waitForURL(jobUrl);
    await page.waitForSelector('[data-testid=tailor]');
  }
  await page.evaluate(() => {
    performance.clearMeasures();
    performance.clearMarks('fitted:page-drawn');
    // The click's own timestamp, so the figure does not include the bench's round trips.
    window.__clickAt = null;
    document.addEventListener('click', (e) => { if (e.target.closest('[data-testid=tailor]')) window.__clickAt = e.timeStamp; }, { capture: true, once: true });
  });
  await page.click('[data-testid=tailor]');
  // From the click to the run's first page drawn (the app marks `fitted:page-drawn`).
  const ms = await page.waitForFunction(() => {
    const drawn = performance.getEntriesByName('fitted:page-drawn');
    return window.__clickAt !== null && drawn.length > 0 && document.querySelector('[data-testid=run-pdf] canvas') ? drawn[0].startTime - window.__clickAt : false;
  }, null, { timeout: 180_000, polling: 'raf' }).then((h) => h.jsonValue());
  const clickAt = await page.evaluate(() => window.__clickAt);
  lastBreakdown = await breakdown(page);
  lastTimeline = await page.evaluate((clickAt) => [...performance.getEntriesByType('measure')]
    .filter((m) => m.name.startsWith('fitted:'))
    .map((m) => `${(m.startTime - clickAt).toFixed(0).padStart(6)} ms +${m.duration.toFixed(0).padStart(4)} ms  ${m.name.slice(7)}`), clickAt);
  lastTimeline.push(`${ms.toFixed(0).padStart(6)} ms  first page drawn`);
  return ms;
}
let lastTimeline = [];

/** The app's performance measures (`app/src/perf.rs`) since the last clear: total and count per name. */
async function breakdown(page) {
  return page.evaluate(() => {
    const out = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (!m.name.startsWith('fitted:')) continue;
      const k = m.name.slice(7);
      out[k] = out[k] || { ms: 0, n: 0 };
      out[k].ms += m.duration; out[k].n += 1;
    }
    return out;
  });
}
let lastBreakdown = {};
const printBreakdown = (title, b) => {
  console.log(title);
  for (const [k, v] of Object.entries(b).sort((x, y) => y[1].ms - x[1].ms)) console.log(`  ${k.padEnd(28)} ${v.ms.toFixed(1).padStart(8)} ms  ×${v.n}`);
};

const cold = [], warm = [], workerCold = [], rerender = [], rerenderLater = [];
// The cold run's spans (for a far job, with the sentence model's download and encoding).
let coldBreakdown = {}, coldTimeline = [];
let lastPreviewTimeline = [];
for (let i = 0; i < runs; i++) {
  const { context, page, jobUrl } = await prepared();
  // In `prepared` the worker ran (import, job metadata) in another page; this page has its
  // own worker, not yet started: the first tailor includes its download and start.
  cold.push(await tailorOnce(page, jobUrl));
  coldBreakdown = lastBreakdown;
  coldTimeline = lastTimeline;
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
  await page.evaluate(() => {
    performance.clearMarks('fitted:page-drawn');
    window.__inputAt = null;
    document.addEventListener('input', (e) => { window.__inputAt = e.timeStamp; }, { capture: true });
  });
  // From an edit to the preview's first page drawn again.
  const editAndWait = async (text) => {
    await page.evaluate(() => { window.__inputAt = null; });
    await page.locator('[data-testid=bullet] textarea').first().fill(text);
    return page.waitForFunction(() => {
      const drawn = performance.getEntriesByName('fitted:page-drawn').filter((m) => window.__inputAt !== null && m.startTime > window.__inputAt);
      return drawn.length > 0 ? drawn[0].startTime - window.__inputAt : false;
    }, null, { timeout: 60_000, polling: 'raf' }).then((h) => h.jsonValue());
  };
  rerender.push(await editAndWait(`Edited bullet ${i} with a new measurable outcome of 42%.`));
  lastPreviewTimeline = await page.evaluate(() => [...performance.getEntriesByType('measure')]
    .filter((m) => m.name.startsWith('fitted:') && m.startTime > window.__inputAt)
    .map((m) => `${(m.startTime - window.__inputAt).toFixed(0).padStart(6)} ms +${m.duration.toFixed(0).padStart(4)} ms  ${m.name.slice(7)}`));
  lastPreviewTimeline.push(`${rerender[rerender.length - 1].toFixed(0).padStart(6)} ms  page drawn again`);
  // The first edit after the editor opens runs code the browser has not optimised yet;
  // later edits, once the previous preview is drawn and saved, show the steady state.
  for (let k = 1; k <= 3; k++) {
    await page.waitForTimeout(700);
    rerenderLater.push(await editAndWait(`Edited bullet ${i} again (${k}) with another outcome of ${40 + k}%.`));
  }
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
    const render = (template, d, fit_to_page = false, images = false) => new Promise((ok, err) => {
      const id = next++;
      pending.set(id, (kind) => kind === 'Result' ? ok() : err(new Error('render failed')));
      w.postMessage({ Request: { id, request: { Render: { document: d, template, layout: { paper: 'a4', step: 0 }, fit_to_page, page_images: images ? 1.0 : null } } } });
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
    // The same edit with one-page fitting, with and without page images (SVG).
    const variants = {};
    for (const [name, fit, images] of [['fit', true, false], ['fit+images', true, true], ['images', false, true]]) {
      const times = [];
      for (let k = 0; k < 7; k++) {
        const d = structuredClone(doc);
        d.work[0].highlights[0] = `${d.work[0].highlights[0]} (${name} ${k})`;
        const t = performance.now();
        await render('classic', d, fit, images);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      variants[name] = times[3];
    }
    w.terminate();
    return { first, warm, variants };
  }, doc));
  await context.close();
}

// Ranking saved jobs in the worker on its own: cold with texts, then warm by hash after an
// edit of one bullet (the worker's ranker keeps every posting it has read).
const rankCold = [], rankWarm = [], rankFull = [], rankRescored = [], rankChanged = [], rankUnchanged = [];
if (withBoard) {
  const board = postings(10_000).map((p) => ({ jobId: `gen-${p.i}`, jobHash: p.hash, text: p.text }));
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/settings');
  await appReady(page);
  const r = await page.evaluate(async ({ doc, board, runs }) => {
    const w = new Worker(new URL('worker-boot.js', document.baseURI));
    const pending = new Map();
    let ready;
    const isReady = new Promise((ok) => { ready = ok; });
    w.onmessage = (ev) => {
      const [kind, body] = Object.entries(ev.data)[0];
      if (kind === 'Ready') ready();
      else if (kind === 'Result' || kind === 'Error') { pending.get(body.id)?.([kind, body]); pending.delete(body.id); }
    };
    let next = 1;
    const rank = (d, jobs) => new Promise((ok, err) => {
      const id = next++;
      pending.set(id, ([kind, body]) => kind === 'Result' ? ok(body.response.Ranked) : err(new Error(JSON.stringify(body.error))));
      w.postMessage({ Request: { id, request: { RankJobs: { document: d, jobs, as_of: [2026, 12] } } } });
    });
    await isReady;
    const cold = [], warm = [], full = [], rescored = [], changed = [], unchanged = [];
    for (let k = 0; k < runs; k++) {
      // A fresh worker per cold run would also time its start; instead, new hashes make
      // every posting new to the ranker.
      const fresh = board.map((j) => ({ ...j, jobHash: `${j.jobHash}-${k}` }));
      let t = performance.now();
      const before = await rank(doc, fresh);
      cold.push(performance.now() - t);
      const byHash = fresh.map(({ jobId, jobHash }) => ({ jobId, jobHash }));
      // One bullet edited: only the jobs whose score the edit can change are computed.
      const d = structuredClone(doc);
      d.work[0].highlights[0] = `${d.work[0].highlights[0]} (edit ${k})`;
      t = performance.now();
      // As the Jobs page sends them: by hash, with the résumé of the score it holds.
      const out = await rank(d, byHash.map((j) => ({ ...j, held: before.resumeHash })));
      warm.push(performance.now() - t);
      if (out.unknown.length || out.jobs.length + out.unchanged.length !== board.length) throw new Error(`warm call missed postings: ${out.unknown.length} unknown, ${out.jobs.length} scored`);
      rescored.push(out.rescored);
      const was = new Map(before.jobs.map((j) => [j.jobId, JSON.stringify(j.fit)]));
      changed.push(out.jobs.filter((j) => was.get(j.jobId) !== JSON.stringify(j.fit)).length);
      unchanged.push(out.unchanged.length);
      // The summary edited: every job's score can change, every job is computed.
      const e = structuredClone(d);
      e.basics.summary = `${e.basics.summary || ''} Edited ${k}.`;
      t = performance.now();
      const all = await rank(e, byHash.map((j) => ({ ...j, held: out.resumeHash })));
      full.push(performance.now() - t);
      if (all.rescored !== board.length) throw new Error(`summary edit computed ${all.rescored} of ${board.length}`);
    }
    w.terminate();
    return { cold, warm, full, rescored, changed, unchanged };
  }, { doc, board, runs: Math.min(runs, 3) });
  rankCold.push(...r.cold);
  rankWarm.push(...r.warm);
  rankFull.push(...r.full);
  rankRescored.push(...r.rescored);
  rankChanged.push(...r.changed);
  rankUnchanged.push(...r.unchanged);
  await context.close();
}

// The Jobs page with 10 000 saved jobs: navigation to the first row drawn.
const firstPaint = [], firstPaintCold = [];
if (withBoard) {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + '/resumes');
  await appReady(page);
  await page.setInputFiles('[data-testid=resume-file]', RESUME);
  await page.waitForURL(/\/resumes\/[^/]+$/);
  const userId = await page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('fitted'); r.onsuccess = () => ok(r.result); });
    const all = await new Promise((ok) => { const r = db.transaction('masterResumes').objectStore('masterResumes').getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return all[0].userId;
  });
  const t = Date.now() - 86_400_000;
  const jobs = postings(10_000).map((p) => ({ id: `gen-${p.i}`, userId, jobUrl: '', platform: '', title: p.text.split('\n')[0].slice(0, 80), company: `Employer ${p.i}`, rawDescription: p.text, descriptionHash: p.hash, createdAt: t + p.i, updatedAt: t + p.i }));
  for (let k = 0; k < jobs.length; k += 1000) await idbPut(page, 'jobs', jobs.slice(k, k + 1000));
  // The first visit makes the job cards (the jobs were written behind the store's back,
  // as after any change to jobs); later visits read them.
  for (let i = 0; i <= runs; i++) {
    await page.goto(server.url + '/settings');
    await appReady(page);
    const t0 = Date.now();
    await page.goto(server.url + '/jobs');
    await page.waitForSelector('[data-testid=job-row]', { timeout: 120_000 });
    (i === 0 ? firstPaintCold : firstPaint).push(Date.now() - t0);
  }
  await context.close();
}

if (withBoard) {
console.log(`jobs page with 10000 jobs: first paint ${fmt(firstPaint)} (navigation to the first row drawn)`);
console.log(`jobs page with 10000 jobs, first visit after the jobs changed (job cards made again): ${fmt(firstPaintCold)}`);
console.log(`rank 10000 jobs in worker: ${fmt(rankWarm)} (warm: one bullet edited, postings by hash)`);
console.log(`rank 10000 jobs in worker, every job computed (summary edited): ${fmt(rankFull)}`);
console.log(`rescore after editing one bullet: ${rankRescored.join(', ')} jobs rescored of 10000 (${rankChanged.join(', ')} results changed, ${rankUnchanged.join(', ')} answered as unchanged; each run)`);
console.log(`rank 10000 jobs in worker, cold (every posting read from its text): ${fmt(rankCold)}`);
}
console.log(`Worker cold start + first PDF (classic): ${fmt(direct.map((d) => d.first))}`);
for (const t of ['classic', 'modern', 'compact']) console.log(`Warm re-render in the worker, ${t}: ${fmt(direct.map((d) => d.warm[t]))}`);
for (const v of ['fit', 'images', 'fit+images']) console.log(`Warm re-render in the worker, classic, ${v}: ${fmt(direct.map((d) => d.variants[v]))}`);
printBreakdown('Where a warm Tailor → PDF spends its time (last run; overlapping spans):', lastBreakdown);
console.log('The same run as a timeline from the click:');
for (const line of lastTimeline) console.log(`  ${line}`);
printBreakdown('Where a cold Tailor → PDF spends its time (last run; overlapping spans):', coldBreakdown);
console.log('The same run as a timeline from the click:');
for (const line of coldTimeline) console.log(`  ${line}`);
console.log(`Tailor → PDF shown, cold (worker not loaded): ${fmt(cold)}`);
console.log(`Tailor → PDF shown, warm (worker loaded):     ${fmt(warm)}`);
console.log(`Worker cold start to first answer:            ${fmt(workerCold)}`);
console.log(`Preview re-render after an edit (incl. debounce): ${fmt(rerender)}`);
console.log(`Preview re-render after a later edit (2nd–4th, incl. debounce): ${fmt(rerenderLater)}`);
console.log('The last preview re-render as a timeline from the edit:');
for (const line of lastPreviewTimeline) console.log(`  ${line}`);

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
