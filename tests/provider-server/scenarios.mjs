// Routes and scripted replies of the protocol test server (see server.mjs and README.md).
//
// The wire shapes below follow each provider's public API documentation as of 2025: field
// names, error bodies, stream event order. Where a provider's exact error text matters to the
// client (e.g. Anthropic's credit-balance message), the text mirrors what the provider sends.

/** Every scenario a step may name; GET /__scenarios returns this list. */
export const scenarioList = [
  { name: 'ok', about: 'A realistic success for the route (model list, chat JSON or stream, tags, key info).' },
  { name: 'reply', about: 'Success whose content is `text`, or `json` serialised (or the tool input for Anthropic).' },
  { name: 'auth', about: '401 with the provider\'s wrong-key error body (Gemini: 400 API_KEY_INVALID).' },
  { name: 'forbidden', about: '403 with the provider\'s permission error body, CORS headers present.' },
  { name: 'forbidden-no-cors', about: '403 with an empty body and no CORS headers, preflight refused: Ollama refusing an origin.' },
  { name: 'cors-blocked', about: 'A normal success sent without CORS headers (preflight refused): only a browser notices.' },
  { name: 'no-credit', about: 'Out of credit: 402 Insufficient Balance (OpenAI format), Anthropic 400 credit balance, Gemini 429 billing.' },
  { name: 'quota', about: '429 with code insufficient_quota (OpenAI format); same as no-credit elsewhere.' },
  { name: 'model-not-found', about: '404 with the provider\'s unknown-model error body.' },
  { name: 'not-found', about: 'Plain 404 (a wrong base URL).' },
  { name: 'rate-limit', about: '429 with `retry-after` = `retryAfter` seconds (default 1), or an HTTP date `retryAfterDate` seconds ahead; `noRetryAfter: true` omits it.' },
  { name: 'server-error', about: '500 (or `status`) with the provider\'s server error body.' },
  { name: 'overloaded', about: '529 Anthropic overloaded_error / 503 elsewhere.' },
  { name: 'bad-request', about: '400 with the provider\'s invalid-request body and `message`.' },
  { name: 'hang', about: 'Never answers; the request stays open until the client gives up.' },
  { name: 'slow', about: 'Success after `delayMs` (default 1000) before the headers.' },
  { name: 'malformed', about: '200 whose body (or a stream chunk) is not valid JSON.' },
  { name: 'cut', about: 'Stream: `cutAfter` (default 2) content chunks, then the connection is destroyed. JSON: half a body, then destroyed.' },
  { name: 'cut-clean', about: 'Stream ends cleanly after `cutAfter` chunks but without its terminal event ([DONE], message_stop, done:true, finishReason).' },
  { name: 'stream-error', about: 'Stream sends `cutAfter` chunks, then an in-stream error event.' },
  { name: 'redirect', about: '307 to `location`.' },
];

const DEFAULT_TEXT = 'Hello from the Fitted test server — résumé ✓.';
const DEFAULT_MODELS = {
  openai: ['gpt-4o-mini', 'gpt-4.1', 'text-embedding-3-small'],
  anthropic: ['claude-haiku-4-5', 'claude-sonnet-4-5'],
  gemini: ['gemini-2.5-flash', 'gemini-2.5-pro', 'text-embedding-004'],
  ollama: ['llama3.1:8b', 'nomic-embed-text:latest'],
};

/** Which provider format and operation a request path is. */
export function routeOf(method, url, headers) {
  const p = url.pathname;
  let m;
  if (p.endsWith('/chat/completions')) {
    m = p.match(/\/openai\/deployments\/([^/]+)\/chat\/completions$/);
    return { format: 'openai', op: 'chat', deployment: m ? decodeURIComponent(m[1]) : null };
  }
  if (p.endsWith('/embeddings') && method === 'POST') {
    m = p.match(/\/openai\/deployments\/([^/]+)\/embeddings$/);
    return { format: 'openai', op: 'embed', deployment: m ? decodeURIComponent(m[1]) : null };
  }
  if ((m = p.match(/\/models\/([^/]+):batchEmbedContents$/))) return { format: 'gemini', op: 'embed', model: decodeURIComponent(m[1]) };
  if (p.endsWith('/api/embed')) return { format: 'ollama', op: 'embed' };
  if (p.endsWith('/v1/messages')) return { format: 'anthropic', op: 'chat' };
  if ((m = p.match(/\/models\/([^/]+):(generateContent|streamGenerateContent)$/))) {
    return { format: 'gemini', op: 'chat', model: decodeURIComponent(m[1]), stream: m[2] === 'streamGenerateContent' };
  }
  if (p.endsWith('/api/chat')) return { format: 'ollama', op: 'chat' };
  if (p.endsWith('/api/tags')) return { format: 'ollama', op: 'models' };
  if (p.endsWith('/models') && method !== 'POST') {
    if (p.includes('/v1beta')) return { format: 'gemini', op: 'models' };
    if (headers['anthropic-version']) return { format: 'anthropic', op: 'models' };
    return { format: 'openai', op: 'models' };
  }
  if (p.endsWith('/key') && method !== 'POST') return { format: 'openai', op: 'key' };
  return { format: 'openai', op: 'unknown' };
}

/** Whether a step makes the CORS preflight fail (no CORS headers, as a browser would see). */
export function preflightBlocked(step) {
  return step.scenario === 'forbidden-no-cors' || step.scenario === 'cors-blocked';
}

/** The key a request carried, wherever its provider puts it. */
function keyOf(req, url) {
  const h = req.headers;
  const bearer = (h.authorization ?? '').replace(/^Bearer\s+/i, '');
  return h['x-api-key'] ?? h['api-key'] ?? h['x-goog-api-key'] ?? url.searchParams.get('key') ?? (bearer || null);
}

function wait(ms) { return new Promise((r) => setTimeout(r, ms)); }

function now() { return Math.floor(Date.now() / 1000); }

/** A minimal instance of a JSON Schema, so structured-output calls succeed by default. */
export function synth(s, depth = 0) {
  if (!s || typeof s !== 'object' || depth > 10) return null;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (Array.isArray(s.anyOf) && s.anyOf.length) return synth(s.anyOf[0], depth + 1);
  if (Array.isArray(s.oneOf) && s.oneOf.length) return synth(s.oneOf[0], depth + 1);
  let t = s.type;
  if (Array.isArray(t)) t = t.find((x) => x !== 'null') ?? 'null';
  if (!t && s.properties) t = 'object';
  switch (typeof t === 'string' ? t.toLowerCase() : t) {
    case 'object': {
      const out = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = synth(v, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, s.minItems ?? 1);
      return Array.from({ length: n }, () => synth(s.items ?? {}, depth + 1));
    }
    case 'string': return 'example';
    case 'integer': return 1;
    case 'number': return 1.5;
    case 'boolean': return true;
    case 'null': return null;
    default: return null;
  }
}

/** A deterministic unit-ish vector for a text, so tests can compare embeddings. */
export function fakeVector(text, dims = 8) {
  const v = [];
  for (let i = 0; i < dims; i++) {
    let h = 2166136261 ^ (i + 1);
    for (const ch of String(text)) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    v.push(((h % 2001) - 1000) / 1000);
  }
  return v;
}

function embeddingsFor(format, body, step, route) {
  const dims = step.dims ?? 8;
  if (format === 'gemini') {
    const texts = (body?.requests ?? []).map((r) => (r.content?.parts ?? []).map((p) => p.text ?? '').join(''));
    return { embeddings: texts.map((t) => ({ values: fakeVector(t, dims) })) };
  }
  const input = body?.input;
  const texts = Array.isArray(input) ? input : [input ?? ''];
  const tokens = texts.reduce((n, t) => n + String(t).split(/\s+/).filter(Boolean).length, 0);
  if (format === 'ollama') {
    return { model: body?.model, embeddings: texts.map((t) => fakeVector(t, dims)), total_duration: 1000, load_duration: 100, prompt_eval_count: tokens };
  }
  // OpenAI: answered out of order on purpose (`index` says where each belongs).
  const data = texts.map((t, index) => ({ object: 'embedding', index, embedding: fakeVector(t, dims) })).reverse();
  return { object: 'list', data, model: step.model ?? body?.model ?? route.deployment, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function chunksOf(text, step) {
  if (Array.isArray(step.chunks)) return step.chunks.map(String);
  return text.match(/\S+\s*/g) ?? [text];
}

/** The assistant's content for a chat request: scripted text/json, else schema-driven, else default. */
function contentFor(format, body, step) {
  if (typeof step.text === 'string') return { text: step.text };
  if (step.json !== undefined) return { text: JSON.stringify(step.json), json: step.json };
  body = body ?? {};
  if (format === 'openai') {
    const rf = body.response_format;
    if (rf && rf.type === 'json_schema') { const j = synth(rf.json_schema?.schema); return { text: JSON.stringify(j), json: j }; }
    if (rf && rf.type === 'json_object') return { text: '{"ok":true}', json: { ok: true } };
  }
  if (format === 'anthropic' && Array.isArray(body.tools) && body.tools.length) {
    const j = synth(body.tools[0].input_schema); return { text: JSON.stringify(j), json: j };
  }
  if (format === 'gemini') {
    const g = body.generationConfig ?? {};
    if (g.responseSchema || g.responseJsonSchema) { const j = synth(g.responseSchema ?? g.responseJsonSchema); return { text: JSON.stringify(j), json: j }; }
  }
  if (format === 'ollama' && body.format) {
    const j = typeof body.format === 'object' ? synth(body.format) : {};
    return { text: JSON.stringify(j), json: j };
  }
  return { text: DEFAULT_TEXT };
}

function usageOf(step, chunks) {
  return { input: step.usage?.input ?? 12, output: step.usage?.output ?? chunks.length };
}

// ───────────────────────────── errors ─────────────────────────────

function maskKey(key) {
  if (!key) return '';
  if (key.length <= 12) return '*'.repeat(key.length);
  return key.slice(0, 8) + '*'.repeat(key.length - 12) + key.slice(-4);
}

/** Status, body and extra headers of a provider-shaped error. */
function errorFor(format, scenario, step, ctx) {
  const model = ctx.model ?? 'unknown-model';
  const msg = step.message;
  if (format === 'anthropic') {
    const e = (status, type, message) => ({ status, body: { type: 'error', error: { type, message: msg ?? message } } });
    switch (scenario) {
      case 'auth': return e(401, 'authentication_error', ctx.corsNote ?? 'invalid x-api-key');
      case 'forbidden': return e(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
      case 'no-credit': case 'quota':
        return e(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      case 'model-not-found': return e(404, 'not_found_error', `model: ${model}`);
      case 'rate-limit': return e(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.');
      case 'overloaded': return e(step.status ?? 529, 'overloaded_error', 'Overloaded');
      case 'bad-request': return e(400, 'invalid_request_error', 'messages: field required');
      default: return e(step.status ?? 500, 'api_error', 'Internal server error');
    }
  }
  if (format === 'gemini') {
    const e = (code, status, message, details) => ({ status: code, body: { error: { code, message: msg ?? message, status, ...(details ? { details } : {}) } } });
    switch (scenario) {
      case 'auth': return e(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }]);
      case 'forbidden': return e(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
      case 'no-credit': case 'quota':
        return e(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.');
      case 'model-not-found': return e(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`);
      case 'rate-limit': return e(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${step.retryAfter ?? 1}s` }]);
      case 'overloaded': return e(step.status ?? 503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
      case 'bad-request': return e(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
      default: return e(step.status ?? 500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    }
  }
  if (format === 'ollama') {
    const e = (status, error) => ({ status, body: { error: msg ?? error } });
    switch (scenario) {
      case 'auth': return e(401, 'unauthorized');
      case 'forbidden': return e(403, 'forbidden');
      case 'no-credit': case 'quota': return e(402, 'payment required');
      case 'model-not-found': return e(404, `model "${model}" not found, try pulling it first`);
      case 'rate-limit': return e(429, 'too many requests');
      case 'overloaded': return e(step.status ?? 503, 'server busy, please try again.  maximum pending requests exceeded');
      case 'bad-request': return e(400, 'invalid request');
      default: return e(step.status ?? 500, 'llama runner process has terminated: exit status 2');
    }
  }
  // OpenAI and everything OpenAI-compatible (Azure, DeepSeek, OpenRouter, LM Studio, vLLM, …).
  const e = (status, message, type, code) => ({ status, body: { error: { message: msg ?? message, type, param: null, code } } });
  switch (scenario) {
    case 'auth': return e(401, `Incorrect API key provided: ${maskKey(ctx.key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
    case 'forbidden': return e(403, `Project does not have access to model ${model}`, 'invalid_request_error', 'model_not_found');
    case 'no-credit': return e(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error');
    case 'quota': return e(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota');
    case 'model-not-found': return e(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    case 'rate-limit': return e(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded');
    case 'overloaded': return e(step.status ?? 503, 'The engine is currently overloaded, please try again later', 'server_error', null);
    case 'bad-request': return e(400, 'Invalid request', 'invalid_request_error', null);
    default: return e(step.status ?? 500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
  }
}

// ───────────────────────────── successes ─────────────────────────────

function modelList(format, step, route) {
  const ids = step.models ?? DEFAULT_MODELS[format] ?? DEFAULT_MODELS.openai;
  if (format === 'gemini') {
    return {
      models: ids.map((id) => ({
        name: `models/${id}`,
        displayName: id,
        supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
      })),
    };
  }
  if (format === 'ollama') {
    return { models: ids.map((id) => ({ name: id, model: id, modified_at: '2025-01-01T00:00:00Z', size: 4661224676, digest: 'abc123', details: { format: 'gguf', family: 'llama' } })) };
  }
  if (format === 'anthropic') {
    return { data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })), has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
  }
  if (route.op === 'key') {
    return { data: { label: 'sk-or-v1-…test', usage: 0, limit: null, is_free_tier: false, limit_remaining: null } };
  }
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'system' })) };
}

function openaiJson(model, content, step, chunks) {
  const u = usageOf(step, chunks);
  return {
    id: 'chatcmpl-test', object: 'chat.completion', created: now(), model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: step.finishReason ?? 'stop' }],
    usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
    system_fingerprint: 'fp_test',
  };
}

function anthropicJson(model, content, step, chunks, body) {
  const u = usageOf(step, chunks);
  const tool = Array.isArray(body?.tools) && body.tools.length ? body.tools[0] : null;
  const useTool = tool && step.text === undefined;
  return {
    id: 'msg_test', type: 'message', role: 'assistant', model,
    content: useTool
      ? [{ type: 'tool_use', id: 'toolu_test', name: tool.name, input: content.json ?? {} }]
      : [{ type: 'text', text: content.text }],
    stop_reason: step.finishReason ?? (useTool ? 'tool_use' : 'end_turn'), stop_sequence: null,
    usage: { input_tokens: u.input, output_tokens: u.output },
  };
}

function geminiJson(model, text, step, chunks) {
  const u = usageOf(step, chunks);
  return {
    candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: step.finishReason ?? 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: u.input, candidatesTokenCount: u.output, totalTokenCount: u.input + u.output },
    modelVersion: model, responseId: 'resp-test',
  };
}

function ollamaJson(model, text, step, chunks) {
  const u = usageOf(step, chunks);
  return {
    model, created_at: new Date().toISOString(), message: { role: 'assistant', content: text },
    done_reason: step.finishReason ?? 'stop', done: true, total_duration: 1000000, load_duration: 1000,
    prompt_eval_count: u.input, prompt_eval_duration: 1000, eval_count: u.output, eval_duration: 1000,
  };
}

/** Writes a stream in the route's format, honouring cut / cut-clean / stream-error / malformed. */
async function writeStream(res, format, model, content, step, body, headers) {
  const isNdjson = format === 'ollama';
  res.writeHead(200, { ...headers, 'content-type': isNdjson ? 'application/x-ndjson' : 'text/event-stream', 'cache-control': 'no-cache' });
  const chunks = chunksOf(content.text, step);
  const u = usageOf(step, chunks);
  const delay = step.delayMs ?? 0;
  const scenario = step.scenario;
  const limit = ['cut', 'cut-clean', 'stream-error'].includes(scenario) ? Math.min(step.cutAfter ?? 2, chunks.length) : chunks.length;
  const sep = format === 'gemini' ? '\r\n\r\n' : '\n\n';
  const sse = (data, event) => res.write((event ? `event: ${event}\n` : '') + `data: ${typeof data === 'string' ? data : JSON.stringify(data)}${sep}`);
  const pause = async () => { if (delay > 0) await wait(delay); else await new Promise((r) => setImmediate(r)); };
  const alive = () => !res.destroyed && !res.writableEnded;

  // Opening events.
  if (format === 'anthropic') {
    sse({ type: 'message_start', message: { id: 'msg_test', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: u.input, output_tokens: 1 } } }, 'message_start');
    sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start');
    sse({ type: 'ping' }, 'ping');
  } else if (format === 'openai') {
    sse({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: now(), model, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  }
  if (scenario === 'malformed') {
    if (isNdjson) res.write('{"model": "x", "message": {\n'); else res.write(`data: {"choices": [{"delta": ${sep}`);
    res.end();
    return;
  }
  for (let i = 0; i < limit; i++) {
    await pause();
    if (!alive()) return;
    const c = chunks[i];
    if (format === 'openai') sse({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: now(), model, choices: [{ index: 0, delta: { content: c }, finish_reason: null }] });
    else if (format === 'anthropic') sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: c } }, 'content_block_delta');
    else if (format === 'gemini') sse({ candidates: [{ content: { parts: [{ text: c }], role: 'model' }, index: 0 }], modelVersion: model, usageMetadata: { promptTokenCount: u.input, totalTokenCount: u.input } });
    else res.write(JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: 'assistant', content: c }, done: false }) + '\n');
  }
  await pause();
  if (!alive()) return;
  if (scenario === 'cut') {
    // Give the client the chunks already written, then drop the connection mid-stream.
    await wait(30);
    res.destroy();
    return;
  }
  if (scenario === 'cut-clean') { res.end(); return; }
  if (scenario === 'stream-error') {
    if (format === 'anthropic') sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error');
    else if (format === 'gemini') sse({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    else if (format === 'ollama') res.write(JSON.stringify({ error: 'an error was encountered while running the model' }) + '\n');
    else sse({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } });
    res.end();
    return;
  }
  // Closing events.
  if (format === 'openai') {
    sse({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: now(), model, choices: [{ index: 0, delta: {}, finish_reason: step.finishReason ?? 'stop' }] });
    if (body?.stream_options?.include_usage) {
      sse({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: now(), model, choices: [], usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output } });
    }
    sse('[DONE]');
  } else if (format === 'anthropic') {
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop');
    sse({ type: 'message_delta', delta: { stop_reason: step.finishReason ?? 'end_turn', stop_sequence: null }, usage: { output_tokens: u.output } }, 'message_delta');
    sse({ type: 'message_stop' }, 'message_stop');
  } else if (format === 'gemini') {
    sse({ candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: step.finishReason ?? 'STOP', index: 0 }], usageMetadata: { promptTokenCount: u.input, candidatesTokenCount: u.output, totalTokenCount: u.input + u.output }, modelVersion: model });
  } else {
    res.write(JSON.stringify({ ...ollamaJson(model, '', step, chunks) }) + '\n');
  }
  res.end();
}

/** Answers one provider request according to its route and scripted step. */
export async function handleRoute({ req, res, url, route, step, body, cors }) {
  let scenario = step.scenario;
  const key = keyOf(req, url);
  const model = step.model ?? route.model ?? body?.model ?? route.deployment ?? null;
  const ctx = { key, model };
  const headers = scenario === 'cors-blocked' ? {} : { ...cors };
  if (route.format === 'anthropic') headers['request-id'] = 'req_test';
  if (route.format === 'openai') headers['x-request-id'] = 'req_test';

  // Conveniences for hand-driven (browser) tests, applied only when nothing else is scripted.
  if (scenario === 'ok') {
    if (key && /invalid/i.test(key)) scenario = 'auth';
    else if (model && /missing/i.test(model)) scenario = 'model-not-found';
    else if (route.format === 'anthropic' && req.headers.origin && req.headers['anthropic-dangerous-direct-browser-access'] !== 'true') {
      scenario = 'auth';
      ctx.corsNote = 'CORS requests must set \'anthropic-dangerous-direct-browser-access\' header';
    }
  }

  switch (scenario) {
    case 'hang':
      await new Promise((resolve) => res.on('close', resolve));
      return;
    case 'redirect':
      res.writeHead(307, { ...headers, location: step.location ?? 'http://127.0.0.1:9/' });
      res.end();
      return;
    case 'forbidden-no-cors':
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end();
      return;
    case 'not-found':
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      res.end('404 page not found');
      return;
    case 'slow':
      await wait(step.delayMs ?? 1000);
      if (res.destroyed) return;
      break;
    case 'rate-limit': {
      const { status, body: b } = errorFor(route.format, scenario, step, ctx);
      const h = { ...headers };
      if (!step.noRetryAfter) {
        h['retry-after'] = step.retryAfterDate !== undefined
          ? new Date(Date.now() + step.retryAfterDate * 1000).toUTCString()
          : String(step.retryAfter ?? 1);
      }
      res.writeHead(status, { ...h, 'content-type': 'application/json' });
      res.end(JSON.stringify(b));
      return;
    }
    case 'auth': case 'forbidden': case 'no-credit': case 'quota': case 'model-not-found':
    case 'server-error': case 'overloaded': case 'bad-request': {
      const { status, body: b } = errorFor(route.format, scenario, step, ctx);
      res.writeHead(status, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(b));
      return;
    }
    default: break;
  }

  if (route.op === 'unknown') {
    res.writeHead(404, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `Unknown path ${url.pathname}`, type: 'invalid_request_error' } }));
    return;
  }
  if (route.op === 'models' || route.op === 'key') {
    if (scenario === 'malformed') { res.writeHead(200, { ...headers, 'content-type': 'application/json' }); res.end('{"data": [{"id": '); return; }
    res.writeHead(200, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(modelList(route.format, step, route)));
    return;
  }

  if (route.op === 'embed') {
    if (scenario === 'malformed') { res.writeHead(200, { ...headers, 'content-type': 'application/json' }); res.end('{"data": [{"embedding": [0.1, '); return; }
    res.writeHead(200, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(embeddingsFor(route.format, body, step, route)));
    return;
  }

  // Chat.
  const content = contentFor(route.format, body, step);
  const stream = route.format === 'gemini' ? route.stream : route.format === 'ollama' ? body?.stream !== false : body?.stream === true;
  const modelName = model ?? 'test-model';
  if (stream) { await writeStream(res, route.format, modelName, content, step, body, headers); return; }

  const chunks = chunksOf(content.text, step);
  let out;
  if (route.format === 'anthropic') out = anthropicJson(modelName, content, step, chunks, body);
  else if (route.format === 'gemini') out = geminiJson(modelName, content.text, step, chunks);
  else if (route.format === 'ollama') out = ollamaJson(modelName, content.text, step, chunks);
  else out = openaiJson(modelName, content.text, step, chunks);
  const text = JSON.stringify(out);
  if (scenario === 'malformed') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' });
    res.end(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  if (scenario === 'cut') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    await wait(30);
    res.destroy();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/json' });
  res.end(text);
}
