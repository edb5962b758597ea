// The Applications page as a job seeker with several applications uses it: what is due
// now, the funnel, a board whose cards move by keyboard and by drag (each move stamped and
// kept in the history), a table, CSV export and import (round trip; a bad file changes
// nothing), and "no reply" after the number of days set in Settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, newPage, screenshot, appReady, importResume, idbAll, idbPut } from './harness.mjs';

let app, browser, work;
before(async () => {
  app = await startServer();
  browser = await launch();
  work = await mkdtemp(join(tmpdir(), 'fitted-apps-'));
});
after(async () => { await browser?.close(); await app?.close(); });

const DAY = 86_400_000;

async function clear(page, store) {
  await page.evaluate(async (store) => {
    const db = await new Promise((ok) => { const r = indexedDB.open('fitted'); r.onsuccess = () => ok(r.result); });
    await new Promise((ok) => { const tx = db.transaction(store, 'readwrite'); tx.objectStore(store).clear(); tx.oncomplete = ok; });
    db.close();
  }, store);
}

const noon = (offsetDays) => { const d = new Date(); d.setHours(12, 0, 0, 0); return d.getTime() + offsetDays * DAY; };

test('due now, funnel, board moves by keyboard and drag, table, CSV round trip, ghosted after N days', async () => {
  const { context, page, problems } = await newPage(browser);
  // The browser's own Notification, recorded as it is used (Chromium shows none headless).
  await page.addInitScript(() => {
    const Real = window.Notification;
    window.__notified = [];
    window.Notification = class extends Real {
      constructor(title, options) {
        super(title, options);
        window.__notified.push({ title, body: options?.body, tag: options?.tag });
      }
    };
  });
  await importResume(page, app.url);
  const [resume] = await idbAll(page, 'masterResumes');
  const uid = resume.userId;
  const now = Date.now();
  const companies = ['Vantaloop', 'Harbour Health', 'Northwind', 'Lumen Analytics', 'Quayside Travel'];
  await idbPut(page, 'jobs', companies.map((c, i) => ({
    id: `job-${i}`, userId: uid, jobUrl: '', platform: '', title: `Engineer ${i + 1}`, company: c,
    rawDescription: `Engineer ${i + 1} at ${c}. We need Go, Kafka and PostgreSQL experience for payments.`, descriptionHash: `hash-${i}`, createdAt: now - 50 * DAY, updatedAt: now - 50 * DAY,
  })));
  const base = (i, status, extra = {}) => ({
    id: `app-${i}`, userId: uid, runId: `run-${i}`, jobId: `job-${i}`, applicationStatus: status, createdAt: now - 45 * DAY, updatedAt: now - 45 * DAY, ...extra,
  });
  await idbPut(page, 'applicationTracking', [
    base(0, 'applied', { appliedAt: now - 40 * DAY }),
    base(1, 'interviewing', { appliedAt: now - 30 * DAY, responseReceivedAt: now - 20 * DAY, interviewScheduledAt: now - 10 * DAY, nextAction: 'Prepare system design', nextActionDue: noon(0) }),
    base(2, 'offer', { appliedAt: now - 30 * DAY, responseReceivedAt: now - 25 * DAY, interviewScheduledAt: now - 20 * DAY, offerReceivedAt: now - 2 * DAY }),
    base(3, 'not_applied', { nextAction: 'Ask Sam for a referral', nextActionDue: noon(-2) }),
    base(4, 'applied', { appliedAt: now - 10 * DAY }),
  ]);

  await page.goto(app.url + '/applications');
  await appReady(page);
  await page.waitForSelector('[data-testid=application-card]');

  // Due now: the overdue step first, then today's.
  const due = await page.locator('[data-testid=reminder]').evaluateAll((els) => els.map((e) => [e.dataset.due, e.textContent]));
  assert.deepEqual(due.map((d) => d[0]), ['overdue', 'today']);
  assert.match(due[0][1], /Ask Sam for a referral/);
  assert.match(due[1][1], /Prepare system design/);

  // Browser notifications: offered, not used until allowed; once allowed, one per due
  // application, and not again the same day.
  assert.equal(await page.evaluate(() => window.__notified.length), 0);
  await page.waitForSelector('[data-testid=reminders-notify]');
  await context.grantPermissions(['notifications'], { origin: new URL(app.url).origin });
  await page.click('[data-testid=reminders-notify]');
  await page.waitForFunction(() => window.__notified.length === 2);
  const notes = await page.evaluate(() => window.__notified);
  assert.deepEqual(notes.map((n) => n.tag).sort(), ['fitted-reminder-app-1', 'fitted-reminder-app-3']);
  assert.ok(notes.some((n) => /Ask Sam for a referral/.test(n.body)), JSON.stringify(notes));
  assert.match(await page.textContent('[data-testid=reminders-notify-status]'), /browser notification once a day/);
  await page.reload();
  await appReady(page);
  await page.waitForSelector('[data-testid=reminder]');
  assert.equal(await page.evaluate(() => window.__notified.length), 0, 'no second notification the same day');

  // The funnel counts every application that got at least that far.
  const bars = await page.locator('[data-testid=funnel-chart] rect').evaluateAll((els) => els.map((e) => [e.dataset.stage, Number(e.dataset.count)]));
  assert.deepEqual(bars, [['applied', 4], ['screening', 2], ['interview', 2], ['offer', 1]]);

  // No reply after 30 days (the default): only the application of 40 days ago.
  const ghosted = async () => page.locator('[data-testid=application-card]:has([data-testid=card-ghosted])').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.deepEqual(await ghosted(), ['app-0']);
  await screenshot(page, 'applications-board');

  // Keyboard: focus a card, → moves it to the next column, and it keeps the focus.
  const column = (id) => page.locator(`[data-testid=application-card][data-id=${id}]`).evaluate((e) => e.closest('[data-testid=board-column]').dataset.status);
  assert.equal(await column('app-4'), 'Applied');
  await page.focus('[data-testid=application-card][data-id=app-4]');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=application-card][data-id=app-4]')?.closest('[data-testid=board-column]').dataset.status === 'Viewed');
  await page.waitForFunction(() => document.activeElement?.dataset?.id === 'app-4');
  const moved = (await idbAll(page, 'applicationTracking')).find((a) => a.id === 'app-4');
  assert.equal(moved.applicationStatus, 'viewed');
  assert.equal(moved.responseReceivedAt, undefined, 'being viewed is not a reply');
  assert.deepEqual(moved.history.map((h) => h.status), ['applied', 'viewed'], 'the history keeps the status it had and the move');

  // Drag and drop: the card lands in the column it is dropped on.
  await page.dragAndDrop('[data-testid=application-card][data-id=app-0]', '[data-testid=board-column][data-status=Screening]');
  await page.waitForFunction(() => document.querySelector('[data-testid=application-card][data-id=app-0]')?.closest('[data-testid=board-column]').dataset.status === 'Screening');
  assert.equal((await idbAll(page, 'applicationTracking')).find((a) => a.id === 'app-0').applicationStatus, 'screening');

  // Table view: one row per application.
  await page.click('[data-testid=view-table]');
  assert.equal(await page.locator('[data-testid=application-table-row]').count(), 5);
  await screenshot(page, 'applications-table');

  // CSV: export, wipe, import — the same applications come back; importing again updates.
  const before = await idbAll(page, 'applicationTracking');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=applications-csv]')]);
  const file = join(work, 'applications.csv');
  await dl.saveAs(file);
  const csv = await readFile(file, 'utf8');
  assert.equal(csv.trim().split('\n')[0], 'id,runId,jobId,company,title,applicationStatus,appliedAt,responseReceivedAt,interviewScheduledAt,offerReceivedAt,rejectedAt,nextAction,nextActionDue,notes,history,createdAt');
  assert.match(csv, /Harbour Health/);
  await clear(page, 'applicationTracking');
  await page.reload();
  await appReady(page);
  await page.setInputFiles('[data-testid=applications-csv-import]', file);
  await page.waitForSelector('[data-testid=toast] >> text=Imported: 5 added, 0 updated.');
  const after = await idbAll(page, 'applicationTracking');
  const strip = (a) => { const { updatedAt, ...rest } = a; return rest; };
  const byId = (v) => Object.fromEntries(v.map((a) => [a.id, strip(a)]));
  // Dates go through the CSV in milliseconds-free RFC 3339, so compare to the second.
  const secs = (v) => JSON.parse(JSON.stringify(byId(v), (k, x) => (typeof x === 'number' && x > 1e12 ? Math.floor(x / 1000) : x)));
  assert.deepEqual(secs(after), secs(before));
  await page.waitForSelector('[data-testid=application-card]');
  await page.setInputFiles('[data-testid=applications-csv-import]', file);
  await page.waitForSelector('[data-testid=toast] >> text=Imported: 0 added, 5 updated.');

  // A bad cell: refused with its line and column, nothing changes.
  const bad = join(work, 'bad.csv');
  await writeFile(bad, csv.replace(',screening,', ',shortlisted,'));
  await page.setInputFiles('[data-testid=applications-csv-import]', bad);
  await page.waitForSelector('[data-testid=toast] >> text=/Line \\d+, column “applicationStatus”/');
  assert.deepEqual(secs(await idbAll(page, 'applicationTracking')), secs(before));

  // Settings: no reply after 7 days flags the application of 10 days ago too (now Viewed,
  // which still has no real reply).
  await page.goto(app.url + '/settings');
  await page.waitForFunction(() => document.querySelector('[data-testid=ghosted-days]')?.value === '30');
  await page.fill('[data-testid=ghosted-days]', '7');
  await page.click('[data-testid=ghosted-save]');
  await page.waitForSelector('[data-testid=toast] >> text=/Saved: applications without a reply/');
  assert.equal((await idbAll(page, 'users'))[0].settings.ghostedAfterDays, 7);
  await page.goto(app.url + '/applications');
  await page.waitForSelector('[data-testid=application-card][data-id=app-4] [data-testid=card-ghosted]');
  assert.deepEqual(await ghosted(), ['app-4']);
  assert.deepEqual(problems, []);
});
