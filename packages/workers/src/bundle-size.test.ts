/// <reference types="node" />
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { bundleWorker } from '../scripts/bundle-worker.mjs';
// @ts-expect-error: a plain .mjs module without types
import { BUNDLE_BUDGET_BYTES } from '../scripts/bundle-budget.mjs';

/**
 * The Worker's size budget (min + gzip, bundled as wrangler does), with its measured history, is in
 * scripts/bundle-budget.mjs: a few percent of Cloudflare's compressed limit. The test keeps the Worker from growing
 * unnoticed; a change that needs more says so there.
 */
const BUDGET_BYTES: number = BUNDLE_BUDGET_BYTES;

describe('Worker bundle size', () => {
  it(`stays within ${BUDGET_BYTES / 1024} KiB min+gzip`, async () => {
    const code: string = await bundleWorker();
    const gzipped = gzipSync(code).byteLength;
    expect(gzipped).toBeGreaterThan(10 * 1024);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  }, 60_000);
});
