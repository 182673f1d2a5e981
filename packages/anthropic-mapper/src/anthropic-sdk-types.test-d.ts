import type { MessageCreateParams, ThinkingConfigParam, ToolUnion } from '@anthropic-ai/sdk/resources/messages/messages';
import { expect, test } from 'vitest';
import type {
  AnthropicAssistantContentBlock,
  AnthropicCustomTool,
  AnthropicMessageCreateBody,
  AnthropicNativeTool,
  AnthropicOutputConfig,
  AnthropicReplayedBlock,
  AnthropicSystemMessage,
  AnthropicThinkingConfig,
  AnthropicTool,
  AnthropicUserMessage,
  AnthropicWebSearchTool,
} from './anthropic-request-types.js';
import type { ConvertOpenAIRequestToAnthropicResult } from './convert-openai-request-to-anthropic.js';

type UpstreamBody = Extract<ConvertOpenAIRequestToAnthropicResult, { ok: true }>['upstream']['body'];

/**
 * The body with the parts Interlingua builds itself. Anthropic-native tool objects the client sends (`{type:
 * 'code_execution_20260120', name, …}`) and the blocks a client sends back in the `anthropic_blocks` extension
 * (server-tool blocks) are passed through verbatim and are open-ended by design, so they are the parts the SDK's
 * closed unions cannot vouch for.
 */
type BuiltMessage = AnthropicUserMessage | AnthropicSystemMessage | { role: 'assistant'; content: Array<Exclude<AnthropicAssistantContentBlock, AnthropicReplayedBlock>> };
type BuiltBody<B> = B extends unknown ? Omit<B, 'tools' | 'messages'> & { tools?: Array<Exclude<AnthropicTool, AnthropicNativeTool>>; messages: BuiltMessage[] } : never;

// The assignments below are the test: `tsc --noEmit -p packages/anthropic-mapper/tsconfig.json` (the package's
// typecheck script) fails if the mapper's body stops being a valid @anthropic-ai/sdk MessageCreateParams.
const asSdkParams = (body: BuiltBody<AnthropicMessageCreateBody>): MessageCreateParams => body;
const upstreamAsSdkParams = (body: BuiltBody<UpstreamBody>): MessageCreateParams => body;
const customToolAsSdkTool = (tool: AnthropicCustomTool): ToolUnion => tool;
const webSearchToolAsSdkTool = (tool: AnthropicWebSearchTool): ToolUnion => tool;
// Every thinking form the mapper sends (enabled + budget, adaptive + display, disabled, between_tools) and
// output_config with effort (low … max) must be accepted by the SDK's request types.
const thinkingAsSdk = (thinking: AnthropicThinkingConfig): ThinkingConfigParam => thinking;
const outputConfigAsSdk = (config: AnthropicOutputConfig): NonNullable<MessageCreateParams['output_config']> => config;
const adaptiveWithEffort: MessageCreateParams = {
  model: 'claude-opus-4-7',
  max_tokens: 64000,
  messages: [{ role: 'user', content: 'Hi' }],
  thinking: { type: 'adaptive', display: 'summarized' },
  output_config: { effort: 'xhigh' },
  cache_control: { type: 'ephemeral', ttl: '1h' },
};

test('the mapper’s upstream body is assignable to @anthropic-ai/sdk MessageCreateParams', () => {
  for (const check of [asSdkParams, upstreamAsSdkParams, customToolAsSdkTool, webSearchToolAsSdkTool, thinkingAsSdk, outputConfigAsSdk]) expect(typeof check).toBe('function');
  expect(adaptiveWithEffort.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
});
