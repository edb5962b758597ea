#!/usr/bin/env node
// Fitted's local LLM-provider protocol server.
//
// Speaks the wire formats Fitted's provider layer (`llm/`, crate `fitted-llm`) talks to —
// OpenAI chat completions (JSON + SSE), Anthropic messages (JSON + SSE events), Gemini
// generateContent / streamGenerateContent?alt=sse, Ollama /api/chat (NDJSON) and /api/tags,
// and the model-list endpoints — so tests never call a real provider. Replies are scripted
// per test (see README.md): a queue of steps posted to POST /__script, a sticky default, or an
// `x-test-scenario` header. Every request is recorded (GET /__requests) so tests can check,
// from the server's side, which headers and keys each request carried.
//
// Only Node built-ins: it must start on a clean machine with nothing installed.
//
//   node tests/provider-server/server.mjs [--port 0] [--host 127.0.0.1] [--exit-on-stdin-close]
//
// Prints `listening <port>` on stdout once ready (port 0 = ephemeral).

import http from 'node:http';
import { scenarioList, routeOf, handleRoute, preflightBlocked } from './scenarios.mjs';

const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const port = Number(arg('--port', process.env.PORT ?? '0'));
const host = arg('--host', '127.0.0.1');

/** Server state: the scripted queue, the sticky step and the request log. */
const state = {
  steps: [],
  sticky: null,
  requests: [],
  seq: 0,
};

function corsHeaders(req) {
  const origin = req.headers.origin;
  return {
    'access-control-allow-origin': origin ?? '*',
    'vary': 'Origin',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    // `*` does not cover Authorization, so echo what the browser asks for.
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-expose-headers': '*',
    // Scenarios change between e2e steps; a cached preflight would hide the change.
    'access-control-max-age': '0',
    // Lets a cross-origin-isolated page (COEP require-corp, e.g. wasm-bindgen-test's) read
    // even opaque no-cors answers, which the client's reachability probe relies on.
    'cross-origin-resource-policy': 'cross-origin',
  };
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Takes the first queued step matching this request (method/path filters), else sticky. */
function takeStep(req, url, { peek = false } = {}) {
  const headerScenario = req.headers['x-test-scenario'];
  if (headerScenario) return { scenario: String(headerScenario) };
  for (let i = 0; i < state.steps.length; i++) {
    const step = state.steps[i];
    if (step.path && !url.pathname.includes(step.path)) continue;
    if (step.method && step.method.toUpperCase() !== req.method) continue;
    if (!peek) {
      step.times = (step.times ?? 1) - 1;
      if (step.times <= 0) state.steps.splice(i, 1);
    }
    return step;
  }
  return state.sticky ?? { scenario: 'ok' };
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function record(req, url, bodyText) {
  let json = null;
  try { json = bodyText ? JSON.parse(bodyText) : null; } catch { json = null; }
  const entry = {
    seq: ++state.seq,
    method: req.method,
    url: url.pathname + url.search,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...req.headers },
    body: bodyText,
    json,
    scenario: null,
    aborted: false,
    completed: false,
  };
  state.requests.push(entry);
  return entry;
}

async function control(req, res, url) {
  const cors = corsHeaders(req);
  if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
  if (url.pathname === '/__health') return sendJson(res, 200, { ok: true }, cors);
  if (url.pathname === '/__scenarios') return sendJson(res, 200, { scenarios: scenarioList }, cors);
  if (url.pathname === '/__requests' && req.method === 'GET') {
    return sendJson(res, 200, { requests: state.requests }, cors);
  }
  if (url.pathname === '/__requests' && req.method === 'DELETE') {
    state.requests = [];
    return sendJson(res, 200, { ok: true }, cors);
  }
  if (url.pathname === '/__reset' && req.method === 'POST') {
    state.steps = []; state.sticky = null; state.requests = [];
    return sendJson(res, 200, { ok: true }, cors);
  }
  if (url.pathname === '/__script' && req.method === 'POST') {
    let body;
    try { body = JSON.parse(await readBody(req) || '{}'); } catch (e) {
      return sendJson(res, 400, { error: `POST /__script wants JSON: ${e.message}` }, cors);
    }
    const steps = Array.isArray(body.steps) ? body.steps : [];
    const known = new Set(scenarioList.map((s) => s.name));
    for (const s of [...steps, ...(body.sticky ? [body.sticky] : [])]) {
      if (!s || typeof s.scenario !== 'string' || !known.has(s.scenario)) {
        return sendJson(res, 400, {
          error: `unknown scenario ${JSON.stringify(s && s.scenario)}; GET /__scenarios lists them`,
        }, cors);
      }
    }
    state.steps = body.append ? [...state.steps, ...steps] : steps.map((s) => ({ ...s }));
    if ('sticky' in body) state.sticky = body.sticky ?? null;
    return sendJson(res, 200, { ok: true, queued: state.steps.length }, cors);
  }
  return sendJson(res, 404, { error: `no control endpoint ${req.method} ${url.pathname}` }, cors);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/__')) {
    try { await control(req, res, url); } catch (e) { sendJson(res, 500, { error: String(e) }); }
    return;
  }
  const route = routeOf(req.method, url, req.headers);
  if (req.method === 'OPTIONS') {
    // A CORS preflight. Blocking scenarios refuse it without CORS headers (as Ollama does
    // for a disallowed origin); the step is consumed because the real request never comes.
    const step = takeStep(req, url, { peek: true });
    if (preflightBlocked(step)) {
      takeStep(req, url);
      res.writeHead(403); res.end();
      return;
    }
    res.writeHead(204, corsHeaders(req)); res.end();
    return;
  }
  const bodyText = await readBody(req);
  const entry = record(req, url, bodyText);
  res.on('close', () => {
    if (!res.writableFinished) entry.aborted = true; else entry.completed = true;
  });
  const step = takeStep(req, url);
  entry.scenario = step.scenario;
  try {
    await handleRoute({ req, res, url, route, step, body: entry.json, cors: corsHeaders(req), port: server.address().port });
  } catch (e) {
    if (!res.headersSent) sendJson(res, 500, { error: `test server bug: ${e && e.stack}` });
    else res.destroy();
  }
});

server.keepAliveTimeout = 1000;
server.listen(port, host, () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});

function shutdown() { server.close(); server.closeAllConnections?.(); process.exit(0); }
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (args.includes('--exit-on-stdin-close')) {
  // The test that spawned us holds our stdin; if it dies without killing us, we still exit.
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}
