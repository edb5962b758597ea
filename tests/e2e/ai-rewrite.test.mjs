// AI rewrites as a user meets them, against the local protocol server (never a real
// provider): without a key the run says how to get one; a reply that is not JSON (after the
// one repair) or a cancelled call stores nothing, a rate limit is waited out; "Propose rewrites" makes a proposal
// and changes nothing; an invented metric, tool and employer are flagged and left out
// of "Accept all unflagged"; accepting two bullets (one edited) and rejecting one makes an
// AI_GENERATED version beside the résumé's head, with its diff, and the run's PDF (read with
// pdftotext) says what was accepted and nothing that was rejected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, newPage, screenshot, appReady, importResume, addJob, assertAccessible, assertNoProgramText, idbAll, stored, providerServer, waitRunDone, pdfText, saveOpenAiKey, tailoredRun, JD } from './harness.mjs';

const KEY = 'sk-test-openai-rewrite-0123456789';
let app, browser, llm, work;
before(async () => {
  app = await startServer();
  browser = await launch();
  llm = await providerServer();
  work = await mkdtemp(join(tmpdir(), 'fitted-ai-'));
});
after(async () => { await browser?.close(); await app?.close(); llm?.stop(); });

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const lower = (t) => t.charAt(0).toLowerCase() + t.slice(1);
const saveKey = (page) => saveOpenAiKey(page, app.url, llm, KEY);

test('propose → flags → accept two, reject one → an AI-tailored version and its PDF', async () => {
  const { page, problems } = await newPage(browser);
  try {
    await body(page);
  } catch (e) {
    e.message += `\nbrowser problems:\n${problems.join('\n')}`;
    throw e;
  }
  // The scripted 429 is logged by the browser as a failed load; nothing else may be.
  assert.deepEqual(problems.filter((p) => !/status of 429/.test(p)), []);
});

async function body(page) {
  const { runUrl, runId } = await tailoredRun(page, app.url);
  await page.waitForSelector('[data-testid=ai-no-key]');

  await saveKey(page);

  // The model's reply: an honest rewrite, one with invented facts, another honest one, and
  // a bullet that was not selected.
  const [plan] = (await idbAll(page, 'selectionPlans')).filter((p) => p.runId === runId);
  const chosen = plan.selected.workExperience;
  assert.ok(chosen.length >= 3, 'at least three chosen bullets');
  const honest = `Delivered ${lower(chosen[0].originalText)}`;
  const invented = 'Shipped Kotlin services at Stripe, cutting costs 73%.';
  const other = `Owned ${lower(chosen[2].originalText)}`;
  const reply = { bullets: [
    { bulletId: chosen[0].bulletId, text: honest, mergedIds: [] },
    { bulletId: chosen[1].bulletId, text: invented, mergedIds: [] },
    { bulletId: chosen[2].bulletId, text: other, mergedIds: [] },
    { bulletId: 'exp_nowhere_b1', text: 'A bullet nobody chose.', mergedIds: [] },
  ], summary: '', skillsOrder: [] };
  const versionsBefore = await idbAll(page, 'resumeVersions');
  const runBefore = (await idbAll(page, 'runs')).find((r) => r.id === runId);

  // A model that answers in prose twice (the client's one repair attempt fails too): the
  // user is told, and nothing is stored.
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', text: 'Sure! Here are your improved bullets.', times: 2 }]);
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=ai-propose]');
  await page.click('[data-testid=ai-propose]');
  await page.waitForFunction(() => [...document.querySelectorAll('.toast, [role=alert]')].some((e) => e.textContent.includes('this run are unchanged')), null, { timeout: 60_000 });
  assert.equal((await llm.requests()).filter((r) => r.path.endsWith('/chat/completions')).length, 2, 'the answer and one repair');
  assert.deepEqual(await idbAll(page, 'proposals'), []);
  assert.deepEqual((await idbAll(page, 'runs')).find((r) => r.id === runId), runBefore, 'the run is unchanged');
  assert.equal(await page.locator('[data-testid=proposal]').count(), 0);

  // A model that does not answer: the button counts the wait, Cancel stops the request,
  // and nothing is stored.
  await llm.reset();
  await llm.sticky({ scenario: 'hang', path: 'chat/completions' });
  await page.click('[data-testid=ai-propose]');
  await page.waitForFunction(() => /Waiting for the model… [1-9]/.test(document.querySelector('[data-testid=ai-propose]')?.textContent || ''), null, { timeout: 30_000 });
  await page.click('[data-testid=ai-cancel]');
  await page.waitForFunction(() => [...document.querySelectorAll('.toast')].some((e) => e.textContent.startsWith('Cancelled.')), null, { timeout: 30_000 });
  const deadline = Date.now() + 10_000;
  while (!(await llm.requests()).some((r) => r.aborted) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await llm.requests()).some((r) => r.aborted), 'the request was aborted, not left running');
  assert.deepEqual(await idbAll(page, 'proposals'), []);
  assert.equal(await page.locator('[data-testid=ai-cancel]').count(), 0);

  // Rate-limited once with retry-after: the client waits and the proposal arrives, streamed
  // (slowly here, so the page can be seen counting what has arrived).
  await llm.reset();
  const replyText = JSON.stringify(reply);
  const chunks = replyText.match(/[\s\S]{1,60}/g);
  await llm.script([{ scenario: 'rate-limit', path: 'chat/completions', retryAfter: 1 }, { scenario: 'reply', path: 'chat/completions', text: replyText, chunks, delayMs: 250 }]);
  await page.click('[data-testid=ai-propose]');
  // Both read in the same frame: the count and the button's state while the answer arrives.
  const writing = await (await page.waitForFunction(() => {
    const got = document.querySelector('[data-testid=ai-received]');
    return got && [got.textContent, document.querySelector('[data-testid=ai-propose]').textContent];
  }, null, { timeout: 60_000 })).jsonValue();
  assert.match(writing[0], /^[1-9]\d* characters of the answer received$/);
  assert.match(writing[1], /The model is writing/);
  await page.waitForSelector('[data-testid=proposal-bullet]', { timeout: 60_000 });
  const sent = (await llm.requests()).filter((r) => r.path.endsWith('/chat/completions'));
  assert.equal(sent.length, 2, 'the 429 and the retry');
  assert.equal(sent[1].headers.authorization, `Bearer ${KEY}`);
  assert.equal(sent[1].json.stream, true, 'the answer is streamed');
  assert.match(JSON.stringify(sent[1].json), new RegExp(chosen[0].bulletId), 'the chosen bullets are in the prompt');

  // The proposal: three rewritten bullets, the invented one flagged with each fact.
  const items = page.locator('[data-testid=proposal-bullet]');
  assert.equal(await items.count(), 3);
  const flagged = page.locator('[data-testid=proposal-bullet][data-flagged=true]');
  assert.equal(await flagged.count(), 1);
  const kinds = await flagged.locator('[data-testid=proposal-flag]').evaluateAll((els) => els.map((e) => [e.dataset.kind, e.textContent]));
  assert.deepEqual(kinds.map((k) => k[0]).sort(), ['number', 'organisation', 'tool'], JSON.stringify(kinds));
  assert.match(await page.textContent('[data-testid=proposal-notes]'), /1 rewrite\(s\) of bullets that were not selected/);
  // Nothing changed yet.
  assert.equal((await idbAll(page, 'resumeVersions')).length, versionsBefore.length);
  assert.equal((await idbAll(page, 'runs')).find((r) => r.id === runId).versionId, versionsBefore[0].id);

  // Accept all unflagged: the flagged bullet stays rejected.
  await page.click('[data-testid=proposal-accept-unflagged]');
  assert.equal(await flagged.locator('[data-testid=proposal-reject]').getAttribute('aria-pressed'), 'true');
  assert.equal(await items.nth(0).locator('[data-testid=proposal-accept]').getAttribute('aria-pressed'), 'true');
  // Edit the third instead of taking it as proposed; reject the flagged one explicitly.
  const third = page.locator(`[data-testid=proposal-bullet][data-bullet-id="${chosen[2].bulletId}"]`);
  await third.locator('[data-testid=proposal-edit]').click();
  const edited = `Took charge: ${lower(chosen[2].originalText)}`;
  await third.locator('[data-testid=proposal-edit-text]').fill(edited);
  await flagged.locator('[data-testid=proposal-reject]').click();
  await assertNoProgramText(page, 'proposal');
  await assertAccessible(page, 'proposal');
  await screenshot(page, 'ai-proposal');
  assert.match(await page.textContent('[data-testid=proposal-apply]'), /2 accepted/);
  await page.click('[data-testid=proposal-apply]');
  await page.waitForSelector('[data-testid=proposal-accepted]', { timeout: 120_000 });
  await waitRunDone(page);

  // A new AI_GENERATED version, child of the version tailored; the résumé's head stays.
  const versions = await stored(page, 'resumeVersions', (v) => v.type === 'AI_GENERATED');
  const ai = versions.find((v) => v.type === 'AI_GENERATED');
  assert.equal(ai.parentVersionId, versionsBefore[0].id);
  const [master] = await idbAll(page, 'masterResumes');
  assert.equal(master.headVersionId, versionsBefore[0].id, 'the master résumé is not replaced');
  const run = (await idbAll(page, 'runs')).find((r) => r.id === runId);
  assert.equal(run.versionId, ai.id);
  const diff = (await idbAll(page, 'versionDiffs')).find((d) => d.toVersionId === ai.id);
  assert.equal(diff.rewritten.length, 2, 'two bullets rewritten');
  assert.equal(diff.added.length + diff.removed.length, 0);

  // The PDF is the accepted version's: the accepted and edited text, not the rejected one.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
  const path = join(work, 'ai.pdf');
  await dl.saveAs(path);
  const text = pdfText(path);
  assert.ok(text.includes(squash(honest).slice(0, 40)), 'accepted rewrite in the PDF');
  assert.ok(text.includes(squash(edited).slice(0, 40)), 'edited rewrite in the PDF');
  assert.ok(!text.includes('Kotlin') && !text.includes('Stripe'), 'nothing rejected');
  assert.match(await page.textContent('[data-testid=run-version]'), /AI-tailored/);
  await screenshot(page, 'ai-accepted');

  // The versions page shows the branch.
  await page.goto(`${app.url}/resumes/${master.id}/versions`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=version-row]').length === 2);
  assert.match(await page.locator('[data-testid=version-row]').nth(1).textContent(), /AI-tailored/);
  await screenshot(page, 'versions-ai');
}

test('with a key the model reads the requirements, held to the posting; a failed reading falls back with the reason', async () => {
  const { page, problems } = await newPage(browser);
  await saveKey(page);
  await importResume(page, app.url);
  const jobUrl = `${app.url}/jobs/${await addJob(page, app.url)}`;
  const posting = await readFile(JD, 'utf8');
  const quote = posting.split('\n').find((l) => l.startsWith('- ')).slice(2).trim();

  // One requirement quoted from the posting, one quoted from nowhere.
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', json: {
    requirements: [
      { type: 'must', weight: 5, requirement: 'Build and run Go services that move money', jdEvidence: [quote], category: 'technical' },
      { type: 'must', weight: 4, requirement: 'Kubernetes operators', jdEvidence: ['Deep Kubernetes operator expertise'], category: 'technical' },
    ],
    keywords: [{ term: 'Go', importance: 5, type: 'tool', jdEvidence: [quote] }],
  } }]);
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  const first = page.url().split('/').pop().split('?')[0];
  await waitRunDone(page);
  const sent = (await llm.requests()).filter((r) => r.path.endsWith('/chat/completions'));
  assert.equal(sent.length, 1);
  assert.ok(JSON.stringify(sent[0].json).includes(quote.slice(0, 40)), 'the posting is sent');
  assert.match(await page.textContent('[data-testid=rubric-notes]'), /read by OpenAI · gpt-.*1 requirement\(s\) with no exact quote/);
  const rubric = (await idbAll(page, 'jdRubrics')).find((r) => r.runId === first);
  assert.match(rubric.version, /^rubric-v1\//);
  assert.equal(rubric.requirements.length, 1);
  assert.deepEqual(rubric.requirements[0].jdEvidence, [quote]);
  const run = (await idbAll(page, 'runs')).find((r) => r.id === first);
  assert.equal(run.promptVersions.rubric, 'rubric-v1');
  assert.equal(run.promptHashes.rubric.length, 64);
  assert.equal(run.mockMode, false);
  await screenshot(page, 'ai-rubric');

  // A reply that is not JSON, twice: the run still finishes, on the rules rubric, and says why.
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', text: 'I cannot help with that.', times: 2 }]);
  await page.goto(jobUrl);
  await page.click('[data-testid=tailor]');
  await page.waitForURL((u) => /\/runs\//.test(u.href) && !u.href.includes(first));
  const second = page.url().split('/').pop().split('?')[0];
  await waitRunDone(page);
  assert.match(await page.textContent('[data-testid=rubric-notes]'), /could not be used .*Fitted's own reading is shown/);
  const fallback = (await idbAll(page, 'jdRubrics')).find((r) => r.runId === second);
  assert.match(fallback.version, /^fitted-rules-rubric/);
  assert.ok(fallback.requirements.length > 5, 'the rules rubric is complete');
  assert.deepEqual(problems, []);
});

test('a bullet locked after the proposal keeps its text when the proposal is accepted', async () => {
  const { page, problems } = await newPage(browser);
  await saveKey(page);
  await importResume(page, app.url);
  const editor = page.url();
  await addJob(page, app.url);
  // Fitted's own reading of the requirements for this run (the model is for rewrites).
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', text: 'no', times: 2 }]);
  await page.click('[data-testid=tailor]');
  await page.waitForURL(/\/runs\//);
  const runUrl = page.url();
  const runId = runUrl.split('/').pop().split('?')[0];
  await waitRunDone(page);
  const [plan] = (await idbAll(page, 'selectionPlans')).filter((p) => p.runId === runId);
  const [a, b] = plan.selected.workExperience;
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', json: {
    bullets: [{ bulletId: a.bulletId, text: `Delivered ${lower(a.originalText)}`, mergedIds: [] }, { bulletId: b.bulletId, text: `Owned ${lower(b.originalText)}`, mergedIds: [] }],
    summary: '', skillsOrder: [],
  } }]);
  await page.click('[data-testid=ai-propose]');
  await page.waitForSelector('[data-testid=proposal-bullet]', { timeout: 60_000 });

  // Lock the first bullet in the editor, then accept both rewrites.
  await page.goto(editor);
  await page.waitForSelector('[data-testid=bullet] textarea');
  const rows = page.locator('[data-testid=bullet]');
  let index = -1;
  for (let i = 0; i < await rows.count(); i++) {
    if ((await rows.nth(i).locator('textarea').inputValue()) === a.originalText) { index = i; break; }
  }
  assert.ok(index >= 0, 'the first chosen bullet is in the editor');
  await rows.nth(index).locator('[data-testid=lock-bullet]').click();
  await stored(page, 'masterResumes', (m) => (m.locks?.bullets || []).includes(a.originalText));
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=proposal-accept-unflagged]');
  await page.click('[data-testid=proposal-accept-unflagged]');
  await page.click('[data-testid=proposal-apply]');
  await page.waitForSelector('[data-testid=proposal-accepted]', { timeout: 120_000 });
  await waitRunDone(page);

  const versions = await stored(page, 'resumeVersions', (v) => v.type === 'AI_GENERATED');
  const ai = versions.find((v) => v.type === 'AI_GENERATED');
  const diff = (await idbAll(page, 'versionDiffs')).find((d) => d.toVersionId === ai.id);
  assert.equal(diff.rewritten.length, 1, 'only the unlocked bullet changed');
  assert.ok(!JSON.stringify(diff.rewritten).includes('Delivered'), 'the locked bullet kept its text');
  assert.deepEqual(problems, []);
});

test('two models side by side: the user picks per bullet, and the version takes each pick', async () => {
  const { page, problems } = await newPage(browser);
  const { runUrl, runId } = await tailoredRun(page, app.url);
  // Two providers on the protocol server: OpenAI and Anthropic.
  await saveKey(page);
  const row = page.locator('[data-testid=provider-anthropic]');
  if (!(await row.locator('details').evaluate((d) => d.open))) await row.locator('summary').click();
  await row.locator('[data-testid=base-url]').fill(llm.url);
  await row.locator('[data-testid=key-input]').fill('sk-ant-test-variants-0123456789');
  await row.locator('[data-testid=save-key]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-anthropic] [data-testid=key-status]')?.textContent === 'Saved, not tested');

  const [plan] = (await idbAll(page, 'selectionPlans')).filter((p) => p.runId === runId);
  const chosen = plan.selected.workExperience;
  const a = chosen.slice(0, 2).map((b) => `Delivered ${lower(b.originalText)}`);
  const b = chosen.slice(0, 2).map((c) => `Owned ${lower(c.originalText)}`);
  const replyOf = (texts) => ({ bullets: texts.map((text, i) => ({ bulletId: chosen[i].bulletId, text, mergedIds: [] })), summary: '', skillsOrder: [] });
  await llm.reset();
  await llm.script([
    { scenario: 'reply', path: 'chat/completions', json: replyOf(a) },
    { scenario: 'reply', path: 'v1/messages', json: replyOf(b) },
  ]);
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=ai-propose]');
  await page.click('[data-testid=ai-propose]');
  await page.waitForSelector('[data-testid=proposal-bullet]', { timeout: 60_000 });
  // The second model is preset to the one that did not write the proposal.
  assert.equal(await page.inputValue('[data-testid=ai-variant-provider]'), 'ANTHROPIC');
  await page.click('[data-testid=ai-variant]');
  await page.waitForSelector('[data-testid=proposal-variant][data-variant="1"]', { timeout: 60_000 });
  assert.match(await page.textContent('[data-testid=proposal-models]'), /OpenAI · .*Anthropic · /);
  const sent = (await llm.requests()).filter((r) => /chat\/completions|v1\/messages/.test(r.path));
  assert.equal(sent.length, 2);
  assert.equal(sent[1].headers['x-api-key'], 'sk-ant-test-variants-0123456789');
  assert.ok(JSON.stringify(sent[1].json).includes(chosen[0].bulletId), 'the same bullets go to the second model');

  // Bullet 1 from the second model, bullet 2 from the first.
  const item = (id) => page.locator(`[data-testid=proposal-bullet][data-bullet-id="${id}"]`);
  await item(chosen[0].bulletId).locator('[data-testid=proposal-pick]').click();
  await item(chosen[1].bulletId).locator('[data-testid=proposal-accept]').click();
  assert.equal(await item(chosen[0].bulletId).locator('[data-testid=proposal-pick]').getAttribute('aria-pressed'), 'true');
  await screenshot(page, 'ai-variants');
  await page.click('[data-testid=proposal-apply]');
  await page.waitForSelector('[data-testid=proposal-accepted]', { timeout: 60_000 });
  await waitRunDone(page);
  const [tailored] = (await idbAll(page, 'tailoredResumes')).filter((t) => t.runId === runId);
  const texts = tailored.workExperience.flatMap((r) => r.bullets).reduce((m, x) => ({ ...m, [x.bulletId]: x }), {});
  assert.equal(texts[chosen[0].bulletId].tailoredText, b[0]);
  assert.equal(texts[chosen[1].bulletId].tailoredText, a[1]);
  assert.ok(texts[chosen[0].bulletId].wasRewritten && texts[chosen[1].bulletId].wasRewritten);
  assert.match(tailored.modelName, /^OpenAI · .* \+ Anthropic · /);
  const run = (await idbAll(page, 'runs')).find((r) => r.id === runId);
  assert.deepEqual(run.modelVariants.filter((k) => k !== 'none'), ['openai-gpt-4-1', 'anthropic-claude-sonnet-4-5']);
  assert.deepEqual(problems, []);
});

test('an aggressive rewrite merges two bullets of one role: accepting removes the absorbed one from the version and the PDF', async () => {
  const { page, problems } = await newPage(browser);
  const { runUrl, runId } = await tailoredRun(page, app.url);
  await saveKey(page);
  const [plan] = (await idbAll(page, 'selectionPlans')).filter((p) => p.runId === runId);
  const chosen = plan.selected.workExperience;
  // Two chosen bullets of the same role.
  const [a, b] = chosen.flatMap((x, i) => chosen.slice(i + 1).filter((y) => y.parentId === x.parentId).map((y) => [x, y]))[0];
  const merged = `${a.originalText.replace(/\.$/, '')}; ${lower(b.originalText)}`;
  await llm.reset();
  await llm.script([{ scenario: 'reply', path: 'chat/completions', json: {
    bullets: [{ bulletId: a.bulletId, text: merged, mergedIds: [b.bulletId] }], summary: '', skillsOrder: [] } }]);
  await page.goto(runUrl);
  await page.waitForSelector('[data-testid=ai-propose]');
  await page.selectOption('[data-testid=ai-mode]', 'AGGRESSIVE');
  await page.click('[data-testid=ai-propose]');
  await page.waitForSelector('[data-testid=proposal-bullet]', { timeout: 60_000 });
  const sent = (await llm.requests()).filter((r) => r.path.endsWith('/chat/completions'));
  assert.match(JSON.stringify(sent[0].json), /AGGRESSIVE/);
  assert.match(JSON.stringify(sent[0].json), /mergedIds/, 'the reply schema asks for merges');
  // One item: the merge, which says what accepting does; the absorbed bullet has no row.
  const items = page.locator('[data-testid=proposal-bullet]');
  assert.equal(await items.count(), 1);
  assert.equal(await items.first().getAttribute('data-bullet-id'), a.bulletId);
  assert.match(await items.first().locator('[data-testid=proposal-merged]').textContent(), /Merges 2 bullets into one/);
  await items.first().locator('[data-testid=proposal-accept]').click();
  await assertNoProgramText(page, 'proposal-merge');
  await screenshot(page, 'ai-merge');
  await page.click('[data-testid=proposal-apply]');
  await page.waitForSelector('[data-testid=proposal-accepted]', { timeout: 120_000 });
  await waitRunDone(page);

  // The new version has one bullet fewer (its diff from the version tailored says so); the
  // plan and the tailored record name its bullets.
  const ai = (await idbAll(page, 'resumeVersions')).find((v) => v.type === 'AI_GENERATED');
  const diff = (await idbAll(page, 'versionDiffs')).find((d) => d.toVersionId === ai.id);
  assert.equal(diff.added.length, 0);
  assert.equal(diff.removed.length + diff.rewritten.length, 2, JSON.stringify(diff));
  assert.deepEqual([...diff.removed.map((f) => f.text), ...diff.rewritten.map((r) => r.before)].sort(), [a.originalText, b.originalText].sort());
  assert.deepEqual(diff.rewritten.map((r) => r.after), [merged], 'the absorbed bullet left the version');
  const [after] = (await idbAll(page, 'selectionPlans')).filter((p) => p.runId === runId);
  assert.equal(after.selected.workExperience.length, chosen.length - 1);
  assert.deepEqual(after.coverage, plan.coverage, 'the coverage the user reviewed is kept');
  const [tailored] = (await idbAll(page, 'tailoredResumes')).filter((t) => t.runId === runId);
  const m = tailored.workExperience.flatMap((r) => r.bullets).find((x) => x.tailoredText === merged);
  assert.ok(m && m.wasRewritten && m.originalText.includes(b.originalText), JSON.stringify(m));

  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
  const path = join(work, 'merged.pdf');
  await dl.saveAs(path);
  const text = pdfText(path);
  assert.ok(text.includes(squash(merged).slice(-40)), 'the merged bullet is in the PDF');
  assert.equal(text.split(squash(b.originalText).slice(1, 30)).length - 1, 1, 'the absorbed text is in the PDF once, inside the merge');
  assert.deepEqual(problems, []);
});
