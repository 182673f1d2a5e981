// Bench only: a gateway core whose upstream answers from memory with a lane's recorded reply, and the GatewayRequest
// of the lane's recorded request (a body of one chunk, as the Node adapter hands it). The log line is
// JSON.stringify'd, as the default logger does, without being written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANES = {
  anthropic: { request: 'anthropic/text/request.json', reply: 'anthropic/text/upstream-response.json' },
  gemini: { request: 'gemini/js-genai-text/request.json', reply: 'gemini/js-genai-text/upstream-response.json' },
  'openai-compatible': { request: 'openai-compatible/seed-say-test/request.json', reply: 'openai-compatible/seed-say-test/upstream-response.json' },
};

export function createMemoryLane(root, createGatewayCore, lane) {
  const files = LANES[lane];
  const readJson = (path) => JSON.parse(readFileSync(join(root, 'fixtures', path), 'utf8'));
  const encoder = new TextEncoder();
  const requestBytes = encoder.encode(JSON.stringify(readJson(files.request)));
  const replyBytes = encoder.encode(JSON.stringify(readJson(files.reply).body));
  const replyHeaders = { get: (name) => (name === 'content-type' ? 'application/json' : null) };
  const lane_ = { lastLine: '' };
  const core = createGatewayCore({
    upstreams: { [lane]: { apiKey: 'bench-key', baseUrl: 'http://127.0.0.1:9' } },
    prefixes: [{ prefix: '', upstream: lane }],
    log: (line) => {
      lane_.lastLine = JSON.stringify(line);
    },
    fetch: async () => ({
      status: 200,
      headers: replyHeaders,
      body: (async function* () {
        yield replyBytes;
      })(),
    }),
  });
  const contentLength = String(requestBytes.byteLength);
  const header = (name) => (name === 'content-type' ? 'application/json' : name === 'content-length' ? contentLength : null);
  lane_.request = () => ({
    method: 'POST',
    path: '/v1/chat/completions',
    header,
    body: (async function* () {
      yield requestBytes;
    })(),
  });
  lane_.serve = async (iterations) => {
    for (let i = 0; i < iterations; i++) {
      const reply = await core(lane_.request());
      if (typeof reply.body !== 'string' || reply.status !== 200) throw new Error(`lane ${lane}: status ${reply.status}`);
    }
  };
  return lane_;
}
