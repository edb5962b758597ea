// The Jobs list ranked by fit for the active résumé, with a few hundred saved postings (made
// from the fixtures by tests/e2e/postings.mjs and stored straight into IndexedDB, as a heavy
// user's would be): best fit first with reasons, a filter by fit band, scores stored and
// reused — reopening the page scores nothing, a new posting scores only itself, an edited
// résumé scores every job again — and the job page shows its fit in full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, screenshot, appReady, importResume, addJob, idbAll, idbPut, stored } from './harness.mjs';
import { postings } from './postings.mjs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { JD } from './harness.mjs';

const N = 240;
let app, browser;
before(async () => {
  app = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await app?.close(); });

/** Stores the generated postings as saved jobs of the profile's user (`company(i)` and
 * `age(i)` in days, when given). */
async function seedJobs(page, list, { company = (i) => `Employer ${i + 1}`, age = () => 1 } = {}) {
  const [resume] = await idbAll(page, 'masterResumes');
  const jobs = list.map((p) => {
    const t = Date.now() - age(p.i) * 86_400_000 + p.i;
    return {
      id: `gen-${p.i}`,
      userId: resume.userId,
      jobUrl: '',
      platform: '',
      title: p.text.split('\n')[0].split(/ [—–-] | at /)[0].trim(),
      company: company(p.i),
      rawDescription: p.text,
      descriptionHash: p.hash,
      createdAt: t,
      updatedAt: t,
    };
  });
  await idbPut(page, 'jobs', jobs);
  return resume;
}

const statusIs = async (page, re, timeout = 180_000) => {
  try {
    await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid=fit-status]')?.textContent || ''), re.source, { timeout });
  } catch (e) {
    const text = await page.locator('[data-testid=fit-status]').textContent().catch(() => '(no fit status)');
    throw new Error(`fit status never matched ${re}: “${text}”`, { cause: e });
  }
};

const fitRecords = async (page, resumeId) => (await idbAll(page, 'jobFitScores')).filter((s) => s.masterResumeId === resumeId && s.id.startsWith(resumeId + ':'));

test('saved jobs ranked by fit with reasons; scores reused, only what changed is scored again', async () => {
  const { page, problems } = await newPage(browser);
  await importResume(page, app.url);
  const list = postings(N);
  const family = Object.fromEntries(list.map((p) => [`gen-${p.i}`, p.family]));
  const resume = await seedJobs(page, list);

  await page.goto(app.url + '/jobs');
  await appReady(page);
  await statusIs(page, new RegExp(`${N} of ${N} jobs scored`));
  assert.equal(await page.locator('[data-testid=fit-progress]').count(), 0, 'no progress bar once done');

  // A page of rows at first; "Show more" adds the rest.
  assert.equal(await page.locator('[data-testid=job-row]').count(), 100);
  assert.match(await page.textContent('[data-testid=jobs-shown]'), new RegExp(`Showing 100 of ${N} jobs`));
  while (await page.locator('[data-testid=jobs-more]').count()) await page.click('[data-testid=jobs-more]');
  // Best fit first: the badges never go up, and the top of the list is this backend
  // engineer's own profession, the bottom others'.
  const rows = await page.locator('[data-testid=job-row]').evaluateAll((els) => els.map((e) => ({
    id: e.dataset.jobId, fit: Number(e.querySelector('[data-testid=job-fit]').textContent), reasons: e.querySelectorAll('[data-testid=fit-reasons] li').length,
  })));
  assert.equal(rows.length, N);
  for (let k = 1; k < rows.length; k++) assert.ok(rows[k - 1].fit >= rows[k].fit, `row ${k}: ${rows[k - 1].fit} then ${rows[k].fit}`);
  const top = rows.slice(0, 20).map((r) => family[r.id]);
  assert.ok(top.every((f) => /backend|distributed|machine-learning/.test(f)), `top 20: ${top}`);
  const bottom = rows.slice(-20).map((r) => family[r.id]);
  assert.ok(bottom.every((f) => !/backend|distributed/.test(f)), `bottom 20: ${bottom}`);
  assert.ok(rows[0].reasons >= 1, 'reasons under the best job');
  // What the list shows is what is stored.
  const scores = await fitRecords(page, resume.id);
  assert.equal(scores.length, N);
  const byJob = Object.fromEntries(scores.map((s) => [s.jobId, s]));
  assert.ok(rows.every((r) => byJob[r.id].fitScore === r.fit));
  assert.ok(scores.every((s) => s.resumeHash === resume.contentHash));
  await screenshot(page, 'jobs-fit');

  // Filter by band: only weak fits, exactly those stored as under 40.
  await page.selectOption('[data-testid=fit-band]', 'weak');
  while (await page.locator('[data-testid=jobs-more]').count()) await page.click('[data-testid=jobs-more]');
  const bands = await page.locator('[data-testid=job-row] [data-testid=job-fit]').evaluateAll((els) => els.map((e) => e.dataset.band));
  assert.equal(bands.length, scores.filter((s) => s.fitScore < 40).length);
  assert.ok(bands.length > 0 && bands.every((b) => b === 'weak'), `${bands}`);
  await page.selectOption('[data-testid=fit-band]', 'all');

  // Search reaches the postings' text (the list itself holds none: it reads them once a
  // search needs them): every posting that says "kafka", in its title or its body.
  const expected = list.filter((p) => p.text.toLowerCase().includes('kafka')).length;
  assert.ok(expected > 0 && expected < N);
  await page.fill('[data-testid=job-search]', 'kafka');
  const listed = async () => {
    while (await page.locator('[data-testid=jobs-more]').count()) await page.click('[data-testid=jobs-more]');
    return page.locator('[data-testid=job-row]').count();
  };
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=job-row]').length === Math.min(n, 100), expected);
  assert.equal(await listed(), expected);
  await page.fill('[data-testid=job-search]', '');

  // Reopening the page scores nothing: every record is the one written before.
  const written = Object.fromEntries(scores.map((s) => [s.id, s.createdAt]));
  await page.reload();
  await appReady(page);
  await statusIs(page, new RegExp(`${N} of ${N} jobs scored`), 30_000);
  const changed = (await fitRecords(page, resume.id)).filter((s) => written[s.id] !== s.createdAt);
  assert.equal(changed.length, 0, `scored again: ${changed.map((c) => c.jobId).slice(0, 5)}`);

  // A new posting: its page shows its fit in full, and only it was scored.
  const jobId = await addJob(page, app.url);
  await page.waitForSelector('[data-testid=job-fit-card] [data-testid=job-fit]', { timeout: 60_000 });
  assert.ok(await page.locator('[data-testid=job-fit-card] [data-testid=fit-reasons] li').count() >= 1);
  await screenshot(page, 'job-fit');
  await page.click('nav.app-nav a[href="/jobs"]');
  await statusIs(page, new RegExp(`${N + 1} of ${N + 1} jobs scored`), 60_000);
  const afterAdd = await fitRecords(page, resume.id);
  assert.deepEqual(afterAdd.filter((s) => written[s.id] !== s.createdAt).map((s) => s.jobId), [jobId]);

  // An edited résumé is another résumé: every job is scored again, for the new content.
  await page.goto(`${app.url}/resumes/${resume.id}`);
  const box = page.locator('[data-testid=bullet] textarea').first();
  await box.fill(`${await box.inputValue()} Cut p99 latency by a third.`);
  await box.blur();
  await stored(page, 'masterResumes', (r) => r.id === resume.id && /Cut p99 latency by a third/.test(JSON.stringify(r.document)));
  const [edited] = (await idbAll(page, 'masterResumes')).filter((r) => r.id === resume.id);
  assert.notEqual(edited.contentHash, resume.contentHash);
  await page.click('nav.app-nav a[href="/jobs"]');
  await statusIs(page, new RegExp(`${N + 1} of ${N + 1} jobs scored`), 180_000);
  const again = await fitRecords(page, resume.id);
  assert.equal(again.filter((s) => s.resumeHash === edited.contentHash).length, N + 1);

  // The worker now knows every posting and the edited résumé: editing one more bullet
  // (reached inside the app, so the worker stays) scores again only the jobs whose score
  // that edit can change; the rest keep theirs.
  await page.click('nav.app-nav a[href="/resumes"]');
  await page.click(`a.list-title[href="/resumes/${resume.id}"]`);
  await page.waitForSelector('[data-testid=bullet] textarea');
  const box2 = page.locator('[data-testid=bullet] textarea').nth(1);
  await box2.fill(`${await box2.inputValue()} Ran weekly design reviews.`);
  await box2.blur();
  await stored(page, 'masterResumes', (r) => r.id === resume.id && /Ran weekly design reviews/.test(JSON.stringify(r.document)));
  const [edited2] = (await idbAll(page, 'masterResumes')).filter((r) => r.id === resume.id);
  await page.click('nav.app-nav a[href="/jobs"]');
  await statusIs(page, new RegExp(`${N + 1} of ${N + 1} jobs scored`), 180_000);
  const pass = await page.locator('[data-testid=fit-pass]').textContent({ timeout: 30_000 });
  const [, computed, kept] = pass.match(/change (\d+) of them.* other (\d+) kept/).map(Number);
  assert.equal(computed + kept, N + 1, pass);
  assert.ok(computed < N + 1, pass);
  await screenshot(page, 'jobs-fit-after-edit');
  const third = await fitRecords(page, resume.id);
  assert.equal(third.filter((s) => s.resumeHash === edited2.contentHash).length, N + 1);
  const before = Object.fromEntries(again.map((s) => [s.jobId, JSON.stringify([s.fitScore, s.fitReasons, s.missingSkills, s.strengths])]));
  const differ = third.filter((s) => before[s.jobId] !== JSON.stringify([s.fitScore, s.fitReasons, s.missingSkills, s.strengths]));
  assert.ok(differ.length <= computed, `${differ.length} scores changed, ${computed} scored again`);
  assert.deepEqual(problems, []);
});

test('target roles, dream and hidden companies, stale and archived jobs', async () => {
  const { page, problems } = await newPage(browser);
  await importResume(page, app.url);
  const list = postings(36, 11);
  const companies = ['Northwind', 'Dreamco Ltd', 'Blockedco', 'Fabrikam'];
  await seedJobs(page, list, { company: (i) => companies[i % 4], age: (i) => (i % 9 === 0 ? 45 : 2) });
  await page.goto(app.url + '/jobs');
  await appReady(page);
  await statusIs(page, /36 of 36 jobs scored/);

  // Both lists naming one company (however spelled): refused, nothing saved.
  await page.click('[data-testid=board-prefs] summary');
  await page.fill('[data-testid=dream-companies]', 'Acme');
  await page.fill('[data-testid=hidden-companies]', 'ACME, Inc.');
  await page.click('[data-testid=prefs-save]');
  await page.waitForSelector('[data-testid=prefs-error]');
  assert.equal((await idbAll(page, 'companyPrefs')).length, 0);

  await page.fill('[data-testid=target-roles]', 'Backend Engineer');
  await page.fill('[data-testid=dream-companies]', 'DreamCo');
  await page.fill('[data-testid=hidden-companies]', 'blockedco inc');
  await page.click('[data-testid=prefs-save]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=prefs-error]') && document.querySelectorAll('[data-testid=job-dream]').length > 0);
  const rows = () => page.locator('[data-testid=job-row]').evaluateAll((els) => els.map((e) => ({
    company: e.querySelector('.list-main .muted').textContent,
    fit: Number(e.querySelector('[data-testid=job-fit]').textContent),
    dream: !!e.querySelector('[data-testid=job-dream]'),
    hidden: !!e.querySelector('[data-testid=job-hidden-company]'),
    role: e.querySelector('[data-testid=job-target-role]')?.textContent,
    stale: !!e.querySelector('[data-testid=job-stale]'),
    title: e.querySelector('.list-title').textContent,
  })));

  // Hidden companies are off the list; dream companies rank 10 points higher.
  let shown = await rows();
  assert.equal(shown.length, 27);
  assert.ok(shown.every((r) => !/Blockedco/.test(r.company)));
  assert.ok(shown.filter((r) => /Dreamco/.test(r.company)).every((r) => r.dream));
  const ranked = shown.map((r) => (r.dream ? Math.min(100, r.fit + 10) : r.fit));
  for (let k = 1; k < ranked.length; k++) assert.ok(ranked[k - 1] >= ranked[k], `boosted order at ${k}: ${ranked}`);
  assert.ok(shown.some((r, k) => k > 0 && r.dream && r.fit < shown[k - 1].fit), 'a dream job is above a higher raw score');
  // Stale: the jobs saved 45 days ago.
  assert.equal(shown.filter((r) => r.stale).length, list.filter((p) => p.i % 9 === 0 && p.i % 4 !== 2).length);
  assert.match(await page.locator('label:has([data-testid=show-hidden])').textContent(), /Show hidden companies \(9\)/);
  await screenshot(page, 'jobs-prefs');
  await page.check('[data-testid=show-hidden]');
  shown = await rows();
  assert.equal(shown.length, 36);
  assert.ok(shown.filter((r) => /Blockedco/.test(r.company)).every((r) => r.hidden));
  await page.uncheck('[data-testid=show-hidden]');

  // Target roles only: every title names the role.
  await page.check('[data-testid=target-only]');
  shown = await rows();
  assert.ok(shown.length > 0 && shown.every((r) => r.role === 'Target: Backend Engineer' && /backend/i.test(r.title) && /engineer/i.test(r.title)), JSON.stringify(shown.map((r) => r.title)));
  await page.uncheck('[data-testid=target-only]');

  // Skill gaps across the target-role jobs: a chart and a table, stored as the user's report.
  const targeted = shown.length;
  await page.click('[data-testid=skill-gaps] summary');
  assert.match(await page.textContent('[data-testid=skill-gaps-find]'), new RegExp(`across ${targeted} job`));
  await page.click('[data-testid=skill-gaps-find]');
  await page.waitForSelector('[data-testid=skill-gap-chart] rect', { timeout: 60_000 });
  const gapRows = await page.locator('[data-testid=skill-gap-table] tbody tr').count();
  assert.ok(gapRows >= 1);
  assert.equal(await page.locator('[data-testid=skill-gap-chart] rect').count(), gapRows);
  const [report] = await idbAll(page, 'skillGapResults');
  assert.equal(report.jobsConsidered, targeted);
  assert.equal(report.topGaps.length, gapRows);
  const weights = report.topGaps.map((g) => g.weight);
  assert.deepEqual([...weights].sort((x, y) => y - x), weights, 'heaviest gap first');
  assert.ok(report.topGaps.every((g) => g.jobs >= 1 && g.jobs <= targeted && g.mustJobs <= g.jobs));
  await screenshot(page, 'skill-gaps');

  // Archive one job: off the list, listed under Archived, and back.
  const first = page.locator('[data-testid=job-row] a.list-title').first();
  const title = await first.textContent();
  await first.click();
  await page.click('[data-testid=job-archive]');
  await page.waitForFunction(() => document.querySelector('[data-testid=job-archive]')?.textContent === 'Unarchive');
  await page.click('nav.app-nav a[href="/jobs"]');
  await statusIs(page, /36 of 36 jobs scored/, 30_000);
  assert.equal((await rows()).length, 26);
  await page.check('[data-testid=show-archived]');
  shown = await rows();
  assert.deepEqual(shown.map((r) => r.title), [title]);
  assert.deepEqual(problems, []);
});

test('bulk import: JSON Resume jobs, a CSV with named columns, pasted postings; duplicates reported, nothing saved twice', async () => {
  const { page, problems } = await newPage(browser);
  const work = await mkdtemp(join(tmpdir(), 'fitted-bulk-'));
  await addJob(page, app.url);
  const jd = await readFile(JD, 'utf8');
  const [a, b, c, d, e] = postings(5, 23).map((p) => p.text);
  await page.goto(app.url + '/jobs');
  await appReady(page);
  await page.click('[data-testid=bulk-import] summary');
  const summary = async () => (await page.waitForSelector('[data-testid=bulk-summary]', { timeout: 60_000 })).textContent();

  // Pasted: one already saved, one new, one too short.
  await page.fill('[data-testid=bulk-text]', `${jd}\n---\n${a}\n\n-----\nJust a title here.`);
  await page.click('[data-testid=bulk-go]');
  assert.match(await summary(), /Added 1 job\(s\); 1 duplicate\(s\); 1 skipped\./);
  assert.match(await page.textContent('[data-testid=bulk-duplicates]'), /posting 1: already saved as “Senior Backend Engineer/);
  assert.match(await page.textContent('[data-testid=bulk-skipped]'), /posting 3: That is only 4 words/);
  await screenshot(page, 'jobs-bulk');

  // JSON Resume job schema: a list of two jobs.
  const jobsJson = join(work, 'jobs.json');
  await writeFile(jobsJson, JSON.stringify([
    { title: 'Platform Engineer', company: 'Quayside', description: b, location: { city: 'Leeds', countryCode: 'GB' }, meta: { canonical: 'https://jobs.example/quayside/1' } },
    { title: 'Clinical Analyst', company: 'Harbour Health', description: c, qualifications: ['Epic certification'] },
  ]));
  await page.setInputFiles('[data-testid=bulk-file]', jobsJson);
  await page.waitForFunction(() => /Added 2 job/.test(document.querySelector('[data-testid=bulk-summary]')?.textContent || ''), null, { timeout: 60_000 });

  // CSV with named columns, then the same file again: all duplicates, nothing added.
  const csv = join(work, 'postings.csv');
  const q = (t) => `"${t.replaceAll('"', '""')}"`;
  await writeFile(csv, `Job Title,Employer,Link,Description\nData Engineer,Lumen,https://lumen.example/jobs/7,${q(d)}\nUX Researcher,Transit Co,,${q(e)}\n`);
  await page.setInputFiles('[data-testid=bulk-file]', csv);
  await page.waitForFunction(() => /Added 2 job/.test(document.querySelector('[data-testid=bulk-summary]')?.textContent || ''), null, { timeout: 60_000 });
  await page.setInputFiles('[data-testid=bulk-file]', csv);
  await page.waitForFunction(() => /Added 0 job\(s\); 2 duplicate/.test(document.querySelector('[data-testid=bulk-summary]')?.textContent || ''), null, { timeout: 60_000 });

  const saved = await idbAll(page, 'jobs');
  assert.equal(saved.length, 6);
  assert.equal(new Set(saved.map((j) => j.descriptionHash)).size, 6);
  const lumen = saved.find((j) => j.company === 'Lumen');
  assert.equal(lumen.title, 'Data Engineer');
  assert.equal(lumen.jobUrl, 'https://lumen.example/jobs/7');
  const quay = saved.find((j) => j.company === 'Quayside');
  assert.equal(quay.location, 'Leeds, GB');
  assert.equal(quay.jobUrl, 'https://jobs.example/quayside/1');
  assert.ok(quay.rawDescription.startsWith('Platform Engineer — Quayside'));
  assert.equal(await page.locator('[data-testid=job-row]').count(), 6);
  assert.deepEqual(problems, []);
});
