#!/usr/bin/env node
import { Command, Option } from 'commander';
import { conformanceCommand } from './conformance-command.js';
import { convertResponseCommand } from './convert-response-command.js';
import { serveCommand } from './serve-command.js';
import { transduceCommand } from './transduce-command.js';
import { translateCommand } from './translate-command.js';

const program = new Command('interlingua')
  .description('Translate OpenAI Chat Completions to Anthropic Claude and Google Gemini, and serve it as a gateway.')
  .showHelpAfterError();

const providerOption = (flag: string, description: string) =>
  new Option(flag, description).choices(['anthropic', 'gemini']).makeOptionMandatory();

program
  .command('serve')
  .description('serve the OpenAI-compatible gateway (replay models offline when no upstream key is set)')
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option('--port <port>', 'port to listen on', '8787')
  .option('--config <file>', 'gateway config file (JSON)')
  .option('--allow-image-urls', 'fetch images given by URL for upstreams that need bytes (SSRF-guarded)')
  .option('--allow-image-hosts <host:port...>', 'also fetch images from these host:port pairs though they are loopback/private (exact match, e.g. 127.0.0.1:9999); implies --allow-image-urls')
  .action(async (options) => {
    await serveCommand(options);
  });

program
  .command('translate')
  .description('translate an OpenAI request (file or stdin) into the provider request JSON')
  .argument('[file]', 'OpenAI request JSON; - or absent for standard input')
  .addOption(new Option('--from <api>', 'the request\'s API: Chat Completions, Responses or Anthropic Messages').choices(['chat', 'responses', 'messages']).default('chat'))
  .addOption(providerOption('--to <provider>', 'target provider'))
  .option('--strict', 'reject unsupported parameters instead of dropping them')
  .action(async (file, options) => {
    process.exitCode = await translateCommand(file, options);
  });

program
  .command('transduce')
  .description('turn a provider SSE stream on stdin into OpenAI chunk SSE (or Responses events) on stdout, as it reads')
  .addOption(providerOption('--from <provider>', 'source provider'))
  .addOption(new Option('--to <api>', 'the client API of the output: Chat Completions chunks, Responses events or Anthropic Messages events').choices(['chat', 'responses', 'messages']).default('chat'))
  .option('--include-usage', 'end with a usage chunk (stream_options.include_usage)')
  .option('--model <model>', 'model name reported in the chunks', 'unknown')
  .action(async (options) => {
    process.exitCode = await transduceCommand(options);
  });

program
  .command('convert-response')
  .description('convert a provider JSON reply (file or stdin) into the OpenAI reply')
  .argument('[file]', 'provider reply JSON; - or absent for standard input')
  .addOption(providerOption('--from <provider>', 'source provider'))
  .option('--model <model>', 'model name the request asked for', 'unknown')
  .option('--status <status>', 'HTTP status of the reply (an error body when not 200)', '200')
  .action(async (file, options) => {
    process.exitCode = await convertResponseCommand(file, options);
  });

program
  .command('conformance')
  .description('score a running gateway with the conformance kit (mock upstream on 127.0.0.1; exit 1 below 100%)')
  .option('--base-url <url>', "the gateway's OpenAI base URL, e.g. http://127.0.0.1:8787/v1")
  .addOption(new Option('--target <target>', 'how to point the gateway at the mock').choices(['interlingua', 'portkey', 'generic']).default('interlingua'))
  .option('--mock-port <port>', 'port of the mock upstream (start the gateway pointed at it first)')
  .option('--json <file>', 'write the report as JSON (for CI)')
  .option('--case <glob>', 'only cases whose id matches, e.g. "gemini/*-stream"')
  .option('--strict', 'strict stream mode: also check the exact chunk grammar')
  .option('--extensions', 'also compare non-standard fields and error type/param/code')
  .option('--strict-base-url <url>', 'the same gateway in strict mode, for the cases that need it (else skipped)')
  .option('--header <name:value...>', 'header sent with every request (e.g. "authorization: Bearer key")')
  .option('--model-prefix <provider=prefix...>', 'generic target: model-name prefix per provider (e.g. anthropic=anthropic/)')
  .option('--all', 'list passing cases too')
  .option('--print-setup', 'print how to point the gateway at the mock, and exit')
  .action(async (options) => {
    process.exitCode = await conformanceCommand(options);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`interlingua: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
