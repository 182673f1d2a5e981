import type { MessageCreateParams, ToolUnion } from '@anthropic-ai/sdk/resources/messages/messages';
import { expect, test } from 'vitest';
import type { AnthropicCustomTool, AnthropicMessageCreateBody, AnthropicNativeTool, AnthropicTool, AnthropicWebSearchTool } from './anthropic-request-types.js';
import type { ConvertOpenAIRequestToAnthropicResult } from './convert-openai-request-to-anthropic.js';

type UpstreamBody = Extract<ConvertOpenAIRequestToAnthropicResult, { ok: true }>['upstream']['body'];

/**
 * The body with the tools Interlingua builds itself. Anthropic-native tool objects the client sends (`{type:
 * 'code_execution_20260120', name, …}`) are passed through verbatim and are open-ended by design, so they are the
 * one part the SDK's closed union cannot vouch for.
 */
type BuiltBody<B> = B extends unknown ? Omit<B, 'tools'> & { tools?: Array<Exclude<AnthropicTool, AnthropicNativeTool>> } : never;

// The assignments below are the test: `tsc --noEmit -p packages/anthropic-mapper/tsconfig.json` (the package's
// typecheck script) fails if the mapper's body stops being a valid @anthropic-ai/sdk MessageCreateParams.
const asSdkParams = (body: BuiltBody<AnthropicMessageCreateBody>): MessageCreateParams => body;
const upstreamAsSdkParams = (body: BuiltBody<UpstreamBody>): MessageCreateParams => body;
const customToolAsSdkTool = (tool: AnthropicCustomTool): ToolUnion => tool;
const webSearchToolAsSdkTool = (tool: AnthropicWebSearchTool): ToolUnion => tool;

test('the mapper’s upstream body is assignable to @anthropic-ai/sdk MessageCreateParams', () => {
  for (const check of [asSdkParams, upstreamAsSdkParams, customToolAsSdkTool, webSearchToolAsSdkTool]) expect(typeof check).toBe('function');
});
