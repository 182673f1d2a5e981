#!/usr/bin/env node
// Diagnostic: what the compiled request checker adds to the Workers bundle. Bundles the default Worker twice with
// the options of packages/workers/scripts/bundle-worker.mjs (esbuild, ESM, browser platform, workerd conditions,
// minified): as it is, and with parse-chat-completion-request.ts replaced by the zod-only version it had before the
// checker; prints both sizes (minified, min+gzip level 9) and the difference as one JSON object.
// Usage: node bench/diagnostics/bundle-delta-request-checker.mjs
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repositoryRoot } from '../lib/processes.mjs';

const workersDir = join(repositoryRoot, 'packages', 'workers');
const { build } = createRequire(join(workersDir, 'package.json'))('esbuild');

const ZOD_ONLY = `
import { chatCompletionRequestSchema } from './chat-completion-request-schema.js';
import { parseWithSchema } from './parse-result.js';
export function parseChatCompletionRequest(json) {
  return parseWithSchema(chatCompletionRequestSchema(), json, {
    status: 400, type: 'invalid_request_error', code: null, subject: 'The request body', prefix: '',
  });
}
export function compileSchemaChecker() {
  throw new Error('not in this variant');
}
`;

async function bundle(zodOnly) {
  const plugins = zodOnly
    ? [
        {
          name: 'zod-only-request-parse',
          setup(build) {
            build.onLoad({ filter: /openai-schema[\\/]src[\\/](parse-chat-completion-request|compile-schema-checker)\.ts$/ }, (args) => ({
              contents: args.path.endsWith('compile-schema-checker.ts') ? 'export function compileSchemaChecker() { throw new Error("not in this variant"); }' : ZOD_ONLY,
              loader: 'ts',
              resolveDir: join(args.path, '..'),
            }));
          },
        },
      ]
    : [];
  const result = await build({
    entryPoints: [join(workersDir, 'src', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@interlingua/source', 'workerd', 'worker', 'browser'],
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins,
  });
  const code = result.outputFiles[0].text;
  return { minifiedBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

const zodOnly = await bundle(true);
const withChecker = await bundle(false);
process.stdout.write(
  `${JSON.stringify({
    zodOnly,
    withChecker,
    deltaMinifiedBytes: withChecker.minifiedBytes - zodOnly.minifiedBytes,
    deltaGzipBytes: withChecker.gzipBytes - zodOnly.gzipBytes,
  })}\n`,
);
