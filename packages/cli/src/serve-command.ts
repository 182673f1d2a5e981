import { createServer } from 'node:http';
import { createNodeRequestListener } from '@interlingua/node';
import { loadGatewayOptions } from './load-gateway-options.js';
import { setV8TierUpBudget } from './set-v8-tier-up-budget.js';

export interface ServeOptions {
  host: string;
  port: string;
  config?: string;
  allowImageUrls?: boolean;
  /** `host:port` pairs the image resolver may fetch although they are internal addresses (turns the resolver on). */
  allowImageHosts?: string[];
}

/** `interlingua serve`: the gateway on a Node HTTP server. Resolves once listening. */
export async function serveCommand(options: ServeOptions): Promise<void> {
  // Before the first request: the request path's functions are optimised sooner (set-v8-tier-up-budget.ts).
  setV8TierUpBudget(process.execArgv);
  const { options: gatewayOptions, replayOnly } = loadGatewayOptions(options.config, process.env, {
    allowImageUrls: options.allowImageUrls === true,
    allowImageHosts: options.allowImageHosts ?? [],
  });
  const server = createServer(createNodeRequestListener(gatewayOptions));
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${options.port}`);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  console.log(`Interlingua gateway listening on http://${host}:${actualPort}`);
  console.log(`  POST http://${host}:${actualPort}/v1/chat/completions  (OpenAI Chat Completions)`);
  console.log(`  POST http://${host}:${actualPort}/v1/responses         (OpenAI Responses)`);
  console.log(`  POST http://${host}:${actualPort}/v1/messages          (Anthropic Messages; /v1/messages/count_tokens)`);
  const models = (gatewayOptions.models ?? []).map((model) => model.name);
  const prefixes = (gatewayOptions.prefixes ?? []).map((prefix) => `${prefix.prefix || '(any)'}* → ${prefix.upstream}`);
  console.log(`  models: ${[...models, ...prefixes].join(', ') || '(none)'}`);
  if (gatewayOptions.resolveMedia) {
    const named = options.allowImageHosts?.length ? `; also the named ${options.allowImageHosts.join(', ')}` : '';
    console.log(`  images given by URL: fetched (loopback and private addresses refused${named})`);
  }
  if (replayOnly) {
    console.log('  No upstream API key is set: serving the offline replay models, which answer from recorded provider');
    console.log('  replies. Set ANTHROPIC_API_KEY / GEMINI_API_KEY / OPENAI_API_KEY (or Vertex AI credentials:');
    console.log('  GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_VERTEX_API_KEY) to reach real upstreams.');
  }
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
