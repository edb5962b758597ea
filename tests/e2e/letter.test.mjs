// Cover letters as a user meets them: a draft from the run's chosen bullets with nothing
// flagged; a fact typed into it is flagged while typing; leaving the field saves it (it is
// there after a reload); the PDF (pdftotext) and the text file hold the letter; a save that
// fails (the run was deleted in another tab) says so and keeps the text on screen; a letter
// written by the model (the protocol server, never a real provider) is checked the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, newPage, screenshot, appReady, importResume, addJob, idbAll, stored, providerServer, waitRunDone, pdfText, saveOpenAiKey, tailoredRun, ARTIFACTS } from './harness.mjs';

let app, browser, llm, work;
before(async () => {
  app = await startServer();
  browser = await launch();
  llm = await providerServer();
  work = await mkdtemp(join(tmpdir(), 'fitted-letter-'));
});
after(async () => { await browser?.close(); await app?.close(); llm?.stop(); });

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const paragraphs = (page) => page.locator('[data-testid=letter-paragraph]').evaluateAll((els) => els.map((e) => e.value));
async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  const path = join(work, name);
  await dl.saveAs(path);
  return path;
}

test('cover letter: draft, live check, saved on leaving a field, PDF and text, a failed save keeps the text, a model letter is checked', async () => {
  const { context, page, problems } = await newPage(browser);
  const { runUrl, runId } = await tailoredRun(page, app.url);

  // The draft: saved at once, nothing flagged, built on a chosen bullet.
  await page.click('[data-testid=letter-draft]');
  await page.waitForSelector('[data-testid=letter-paragraph]');
  const [draft] = (await stored(page, 'coverLetters', (r) => r.runId === runId)).filter((r) => r.runId === runId);
  assert.equal(draft.modelKey, 'none');
  assert.deepEqual(draft.flags, []);
  assert.match(draft.typstSource, /#letter\(letter-data/);
  assert.equal(await page.locator('[data-testid=letter-flag]').count(), 0);
  const [plan] = (await idbAll(page, 'selectionPlans')).filter((p) => p.runId === runId);
  const chosen = [...plan.selected.workExperience, ...plan.selected.projects].map((b) => b.originalText);
  const body = (await paragraphs(page)).join(' ');
  assert.ok(chosen.some((t) => body.includes(t.split(/\s+/).slice(1, 6).join(' '))), `a chosen bullet is cited:\n${body}`);
  assert.match(await page.textContent('[data-testid=letter-status]'), /Drafted by Fitted.*saved/);

  // A fact typed in is flagged while typing, and saved when the field is left.
  const second = page.locator('[data-testid=letter-paragraph]').nth(1);
  const before = await second.inputValue();
  await second.fill(`${before} At Globex Dynamics I cut costs by 87%.`);
  await page.waitForSelector('[data-testid=letter-flag][data-kind=number]');
  const kinds = await page.locator('[data-testid=letter-flag]').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.ok(kinds.includes('organisation'), kinds.join());
  assert.match(await page.textContent('[data-testid=letter-flag-count]'), /fact\(s\) not found in your résumé/);
  assert.match(await page.textContent('[data-testid=letter-status]'), /unsaved changes/);
  await page.locator('[data-testid=letter-closing]').focus();
  await stored(page, 'coverLetters', (r) => r.runId === runId && r.wasEdited && r.letter.paragraphs[1].includes('Globex Dynamics') && r.flags.length >= 2);
  await screenshot(page, 'run-cover-letter');
  // The panel alone (the full page puts the sticky header over it).
  await page.locator('[data-testid=cover-letter]').screenshot({ path: join(ARTIFACTS, 'screenshots', 'run-cover-letter-panel.png') });

  // After a reload the edited letter is back.
  await page.reload();
  await appReady(page);
  await page.waitForSelector('[data-testid=letter-paragraph]');
  assert.ok((await paragraphs(page))[1].includes('Globex Dynamics'));

  // PDF (one page, the letter in order) and text.
  const pdf = await download(page, 'letter-pdf', 'letter.pdf');
  assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /^Pages:\s+1$/m);
  const text = pdfText(pdf);
  const greeting = await page.inputValue('[data-testid=letter-greeting]');
  const g = text.indexOf(squash(greeting));
  const e = text.indexOf('At Globex Dynamics I cut costs by 87%.');
  assert.ok(g >= 0 && e > g, `greeting then the edited paragraph:\n${text}`);
  assert.ok(text.endsWith('Kind regards, Mateo Lindqvist'), text.slice(-80));
  const txt = await readFile(await download(page, 'letter-txt', 'letter.txt'), 'utf8');
  assert.ok(txt.startsWith(greeting) && txt.includes('Globex Dynamics') && txt.endsWith('Kind regards,\nMateo Lindqvist\n'), txt);

  // Sent: the Applications page offers the letter beside the résumé that was sent.
  await page.selectOption('[data-testid=app-status]', { label: 'Applied' });
  await stored(page, 'applicationTracking', (a) => a.runId === runId && a.applicationStatus === 'applied');
  await page.goto(`${app.url}/applications`);
  // The board card carries the letter (and the PDF) sent, one click away.
  await page.waitForSelector('[data-testid=application-card] [data-testid=application-letter]');
  const fromCard = pdfText(await download(page, 'application-card] [data-testid=application-letter', 'card-letter.pdf'));
  assert.ok(fromCard.includes('At Globex Dynamics I cut costs by 87%.'), fromCard);
  assert.ok(pdfText(await download(page, 'application-card] [data-testid=application-pdf', 'card-resume.pdf')).length > 200);
  await page.click('[data-testid=view-details]');
  await page.waitForSelector('[data-testid=application-letter]');
  const sentLetter = pdfText(await download(page, 'application-letter', 'sent-letter.pdf'));
  assert.ok(sentLetter.includes('At Globex Dynamics I cut costs by 87%.'), sentLetter);
  await screenshot(page, 'applications-letter');
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=letter-paragraph]');

  // The run is deleted in another tab: the next save fails, says so, and the text stays.
  const other = await context.newPage();
  await other.goto(runUrl);
  await appReady(other);
  await other.click('text=Delete run');
  await other.waitForURL(/\/runs$/);
  await other.close();
  await second.fill('This paragraph must not be lost.');
  await page.locator('[data-testid=letter-greeting]').focus();
  await page.waitForFunction(() => [...document.querySelectorAll('.toast, [role=alert]')].some((t) => t.textContent.includes('Your text is still here')), null, { timeout: 30_000 });
  assert.equal(await second.inputValue(), 'This paragraph must not be lost.');
  const kept = (await idbAll(page, 'coverLetters')).find((r) => r.runId === runId);
  assert.ok(kept.letter.paragraphs[1].includes('Globex Dynamics'), 'the stored letter is the last one saved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a letter written by the model is checked like any other; Cancel leaves the letter as it was', async () => {
  const { page, problems } = await newPage(browser);
  await saveOpenAiKey(page, app.url, llm, 'sk-test-openai-letter-0123456789');
  await importResume(page, app.url);
  await addJob(page, app.url);
  await llm.reset();
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  const runId = page.url().split('/').pop().split('?')[0];
  await waitRunDone(page);

  const reply = { greeting: 'Dear Vantaloop Payments hiring team,', paragraphs: [
    'I am applying for the Senior Backend Engineer role at Vantaloop Payments.',
    'At Initech I scaled payments to 37 countries.',
  ], closing: 'Best regards,' };
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', text: JSON.stringify(reply), delayMs: 50 }]);
  await page.click('[data-testid=letter-write]');
  await page.waitForSelector('[data-testid=letter-paragraph]', { timeout: 60_000 });
  const [rec] = (await stored(page, 'coverLetters', (r) => r.runId === runId)).filter((r) => r.runId === runId);
  assert.equal(rec.modelKey, 'openai-gpt-4-1');
  assert.equal(rec.promptVersion, 'cover-letter-v1');
  assert.deepEqual(rec.letter, reply);
  const spans = rec.flags.map((f) => [f.path, f.span, f.kind]);
  assert.ok(spans.some(([p, s, k]) => p === 'letter.paragraphs[1]' && s === 'Initech' && k === 'organisation'), JSON.stringify(spans));
  assert.ok(spans.some(([p, s, k]) => p === 'letter.paragraphs[1]' && s.startsWith('37') && k === 'number'), JSON.stringify(spans));
  assert.ok(!spans.some(([p]) => p === 'letter.paragraphs[0]'), 'the posting\'s own company and title are not flagged');
  assert.match(await page.textContent('[data-testid=letter-status]'), /Written by OpenAI · gpt-4\.1/);
  const sent = (await llm.requests()).filter((r) => r.path.endsWith('/chat/completions')).pop();
  assert.equal(sent.json.stream, true);
  assert.match(JSON.stringify(sent.json.messages), /cover letter/);

  // A second model letter, cancelled while the model hangs: the first stays.
  page.on('dialog', (d) => d.accept());
  await llm.sticky({ scenario: 'hang', path: 'chat/completions' });
  await page.click('[data-testid=letter-write]');
  await page.waitForSelector('[data-testid=letter-cancel]');
  await page.click('[data-testid=letter-cancel]');
  await page.waitForFunction(() => [...document.querySelectorAll('.toast')].some((e) => e.textContent.includes('Your cover letter is unchanged')), null, { timeout: 30_000 });
  assert.deepEqual((await idbAll(page, 'coverLetters')).find((r) => r.runId === runId).letter, reply);
  await llm.reset();
  assert.deepEqual(problems, []);
});
