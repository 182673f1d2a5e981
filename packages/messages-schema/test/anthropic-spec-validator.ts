/// <reference types="node" />
import { readVendoredSpec } from '@interlingua/conformance/node';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Validators for Anthropic's vendored OpenAPI spec (Stainless v195, `@interlingua/conformance`), with the fields
 * that came after v195 added from the current API reference and `@anthropic-ai/sdk` 1.14's types (each listed in
 * packages/messages-schema/README.md, "Spec additions"). Used by the tests of messages-schema, messages-mapper and
 * messages-transducer.
 */
export interface AnthropicSpecValidators {
  createMessageParams: ValidateFunction;
  message: ValidateFunction;
  messageStreamEvent: ValidateFunction;
  errorResponse: ValidateFunction;
  /** `ping` and `error` stream events (outside the spec's `MessageStreamEvent` union, documented on the streaming page). */
  streamEvent(event: unknown): { ok: boolean; errors: string };
}

export function createAnthropicSpecValidators(): AnthropicSpecValidators {
  const spec = readVendoredSpec('anthropic');
  const schemas = spec.components.schemas;
  // 2026 request fields.
  schemas.ThinkingConfigAdaptive = {
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: { type: { const: 'adaptive' }, display: { anyOf: [{ enum: ['summarized', 'omitted'] }, { type: 'null' }] } },
  };
  schemas.ThinkingConfigParam.oneOf.push({ $ref: '#/components/schemas/ThinkingConfigAdaptive' });
  delete schemas.ThinkingConfigParam.discriminator;
  schemas.ThinkingConfigEnabled.properties.display = { anyOf: [{ enum: ['summarized', 'omitted'] }, { type: 'null' }] };
  schemas.CreateMessageParams.properties.output_config = {
    type: 'object',
    additionalProperties: false,
    properties: {
      effort: { anyOf: [{ enum: ['low', 'medium', 'high', 'xhigh', 'max'] }, { type: 'null' }] },
      format: { anyOf: [{ type: 'object', required: ['type', 'schema'], properties: { type: { const: 'json_schema' }, schema: { type: 'object' } } }, { type: 'null' }] },
    },
  };
  schemas.CreateMessageParams.properties.cache_control = { anyOf: [{ $ref: '#/components/schemas/CacheControlEphemeral' }, { type: 'null' }] };
  schemas.InputMessage.properties.role.enum.push('system');
  schemas.Tool.properties.strict = { type: 'boolean' };
  schemas.Tool.properties.description = schemas.Tool.properties.description ?? { type: 'string' };
  // request_too_large (413), documented on https://docs.claude.com/en/api/errors but absent from v195's ErrorResponse.
  schemas.RequestTooLargeError = { type: 'object', required: ['type', 'message'], properties: { type: { const: 'request_too_large' }, message: { type: 'string' } } };
  schemas.ErrorResponse.properties.error.oneOf.push({ $ref: '#/components/schemas/RequestTooLargeError' });
  delete schemas.ErrorResponse.properties.error.discriminator;
  // 2026 reply field: the stop reason for a full context window.
  schemas.StopReason.enum.push('model_context_window_exceeded');
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false, discriminator: false });
  ajv.addSchema({ $id: 'anthropic.json', components: { schemas } });
  const compile = (name: string) => ajv.compile({ $ref: `anthropic.json#/components/schemas/${name}` });
  const messageStreamEvent = compile('MessageStreamEvent');
  const errorResponse = compile('ErrorResponse');
  return {
    createMessageParams: compile('CreateMessageParams'),
    message: compile('Message'),
    messageStreamEvent,
    errorResponse,
    streamEvent(event) {
      const type = (event as { type?: unknown } | null)?.type;
      if (type === 'ping') {
        const ok = Object.keys(event as object).length === 1;
        return { ok, errors: ok ? '' : 'ping carries only its type' };
      }
      // The error event is ErrorResponse without request_id (Anthropic's streaming page shows `{type, error}`).
      const validate = type === 'error' ? errorResponse : messageStreamEvent;
      const payload = type === 'error' ? { request_id: null, ...(event as object) } : event;
      const ok = validate(payload) as boolean;
      return { ok, errors: ok ? '' : ajv.errorsText(validate.errors) };
    },
  };
}
