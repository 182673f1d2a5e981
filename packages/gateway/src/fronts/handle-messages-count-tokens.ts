import { convertMessagesRequestToChat, convertOpenAIErrorToMessages } from '@interlingua/messages-mapper';
import { parseMessagesCountTokensRequest } from '@interlingua/messages-schema';
import { createOpenAIError, type OpenAIErrorResponse, type TranslationWarning } from '@interlingua/openai-schema';
import { geminiBridge } from '../bridges/gemini-bridge.js';
import { callUpstream } from '../call-upstream.js';
import { createDeadline } from '../create-deadline.js';
import { abortWhenClientCloses, clientClosedOf, LazyAbortController } from '../lazy-abort-controller.js';
import { formatWarningsHeader } from '../format-warnings-header.js';
import type { GatewayReply, GatewayRequest } from '../gateway-exchange.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { GatewayRuntime, RequestReport } from '../handle-translated-request.js';
import { jsonResponse } from '../json-response.js';
import { readRequestBody } from '../read-request-body.js';
import { readUpstreamBody } from '../read-upstream-body.js';
import { resolveModelRoute } from '../resolve-model-route.js';
import { estimateChatRequestTokens } from './estimate-chat-request-tokens.js';
import { checkAnthropicHeaders } from './messages-front.js';
import { passThroughAnthropicRequest } from './pass-through-anthropic-request.js';

/** Says how the count was made: `upstream` (Anthropic's or Gemini's own count) or `estimate; tokenizer=<encoding>`. */
export const TOKEN_COUNT_HEADER = 'x-interlingua-token-count';
/**
 * `POST /v1/messages/count_tokens`: the input token count of a Messages request, without generating.
 *
 * - Anthropic upstream: passed through unchanged (Anthropic counts).
 * - Gemini: the request is mapped as for `/v1/messages` and sent to `models/<model>:countTokens` as a
 *   `generateContentRequest` (Gemini counts the system instruction, contents and tools; `generationConfig` is left
 *   out); `totalTokens` → `input_tokens`.
 * - Any other upstream (OpenAI-compatible, replay models): an estimate with `options.tokenCounter` (the Node adapter
 *   gives gpt-tokenizer's o200k_base, loaded by the first request that needs it) over the mapped request (OpenAI's
 *   per-message overhead, 85 tokens per image, files not counted), marked `x-interlingua-token-count: estimate;
 *   tokenizer=<encoding>`; 501 without a tokenizer; 500 `token_counter_failed` when the tokenizer fails to load.
 */
export async function handleMessagesCountTokens(
  request: GatewayRequest,
  options: GatewayOptions,
  report: RequestReport,
  runtime: GatewayRuntime,
): Promise<GatewayReply> {
  const deadline = createDeadline(runtime.limits.requestTimeoutMs, Math.min(runtime.limits.upstreamTimeoutMs, runtime.limits.streamIdleTimeoutMs));
  const fail = (error: OpenAIErrorResponse, headers: Record<string, string> = {}): GatewayReply => {
    const translated = convertOpenAIErrorToMessages(error.status, error.body);
    return jsonResponse(translated.status, translated.body, headers);
  };
  let streaming = false;
  try {
    const body = await readRequestBody(request, runtime.limits.maxBodyBytes, deadline);
    if (!body.ok) return fail(body.error);
    const passed = await passThroughAnthropicRequest({ toClientError: convertOpenAIErrorToMessages }, body, '/v1/messages/count_tokens', request, options, report, runtime, deadline);
    if (passed) {
      streaming = passed.streaming;
      passed.reply.headers[TOKEN_COUNT_HEADER] = 'upstream';
      return passed.reply;
    }
    const parsed = parseMessagesCountTokensRequest(body.json);
    if (!parsed.ok) return jsonResponse(parsed.status, parsed.error);
    const { apiVersion, warnings: headerWarnings } = checkAnthropicHeaders((name) => request.header(name));
    const warnings: TranslationWarning[] = [...headerWarnings];
    // The hub needs a max_tokens; it does not change what is counted.
    const mapped = convertMessagesRequestToChat({ ...parsed.value, max_tokens: 1, stream: false }, { apiVersion });
    if (!mapped.ok) return jsonResponse(mapped.status, mapped.error);
    warnings.push(...mapped.warnings);
    report.model = parsed.value.model;
    const route = resolveModelRoute(options, parsed.value.model);
    if (!route) {
      return fail(createOpenAIError(404, `The model '${parsed.value.model}' does not exist or is not served by this gateway; GET /v1/models lists the models.`, { param: 'model', code: 'model_not_found' }));
    }
    const settings = options.upstreams?.[route.upstream];
    if (route.upstream === 'gemini' && !route.replay) {
      report.upstream = 'gemini';
      if (!settings?.apiKey) return fail(createOpenAIError(503, 'The gemini upstream has no API key configured.', { code: 'upstream_not_configured' }));
      const gemini = await geminiBridge.mapRequest({ ...mapped.request, model: route.upstreamModel }, { strict: false, ...(options.resolveMedia ? { resolveMedia: options.resolveMedia } : {}) });
      warnings.push(...gemini.warnings);
      if (!gemini.ok) return fail(gemini.error);
      const { generationConfig: _unused, ...countable } = gemini.upstream.body as Record<string, unknown>;
      const controller = new LazyAbortController();
      const clientClosed = clientClosedOf(request);
      const unlink = abortWhenClientCloses(controller, clientClosed);
      try {
        const baseUrl = (settings.baseUrl ?? geminiBridge.defaultBaseUrl).replace(/\/+$/, '');
        const called = await callUpstream(
          options.fetch ?? fetch,
          `${baseUrl}/v1beta/models/${route.upstreamModel}:countTokens`,
          { headers: { 'content-type': 'application/json', ...geminiBridge.authHeaders(settings.apiKey) }, body: JSON.stringify({ generateContentRequest: { model: `models/${route.upstreamModel}`, ...countable } }) },
          { controller, clientClosed, deadline, headersTimeoutMs: runtime.limits.upstreamTimeoutMs },
        );
        if (!called.ok) return fail(called.error);
        const text = await readUpstreamBody(called.response, { controller, deadline, idleTimeoutMs: runtime.limits.streamIdleTimeoutMs, maxBytes: 64 * 1024, truncate: true });
        let json: unknown = text.ok ? text.text : '';
        try {
          json = JSON.parse(text.ok ? text.text : '');
        } catch {
          // handled below
        }
        if (called.response.status < 200 || called.response.status > 299) {
          report.error = `upstream_${called.response.status}`;
          const error = geminiBridge.mapError(called.response.status, json, called.response.headers);
          return fail({ status: error.status, body: error.body } as OpenAIErrorResponse, error.headers);
        }
        const total = (json as { totalTokens?: unknown } | null)?.totalTokens;
        if (typeof total !== 'number') return fail(createOpenAIError(502, 'Gemini answered countTokens without totalTokens.', { code: 'upstream_invalid_response' }));
        report.prompt_tokens = total;
        return jsonResponse(200, { input_tokens: total }, { [TOKEN_COUNT_HEADER]: 'upstream', ...(warnings.length ? { 'x-interlingua-warnings': formatWarningsHeader(warnings) } : {}) });
      } finally {
        unlink();
      }
    }
    report.upstream = route.replay ? `${route.upstream} (replay)` : route.upstream;
    const source = runtime.tokenCounter;
    if (!source) {
      return fail(createOpenAIError(501, 'Token counting for this model needs a tokenizer, and this gateway has none (the tokenCounter option; the Node adapter passes one).', { code: 'token_count_unavailable' }));
    }
    let counter = source.get();
    if (counter instanceof Promise) {
      try {
        counter = await counter;
      } catch (error) {
        report.error = `token_counter_failed: ${error instanceof Error ? error.message : String(error)}`;
        return fail(createOpenAIError(500, `The gateway's ${source.encoding} tokenizer failed to load; the next request tries again.`, { code: 'token_counter_failed' }));
      }
    }
    const estimate = estimateChatRequestTokens(mapped.request, counter);
    if (estimate.uncountedParts > 0) {
      warnings.push({ code: 'token_count_partial', param: 'messages', message: `${estimate.uncountedParts} document or audio part(s) are not in the estimate.` });
    }
    report.prompt_tokens = estimate.tokens;
    const label = `estimate; tokenizer=${source.encoding}`;
    return jsonResponse(200, { input_tokens: estimate.tokens }, { [TOKEN_COUNT_HEADER]: label, ...(warnings.length ? { 'x-interlingua-warnings': formatWarningsHeader(warnings) } : {}) });
  } finally {
    if (!streaming) deadline.dispose();
  }
}
