import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every session table in BENCHMARKS.md is `node bench/summarise.mjs` over that session's raw records, verbatim: the
// header line ("Session `NAME`, commit …"), the metric table and the load-average table.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');

// Printed by the summariser of their day, with the targets of then (BENCHMARKS.md, item 29): kept as they were.
const PRINTED_BY_AN_EARLIER_SUMMARISER = new Set(['2026-11-26T03-25-55-787Z', '2026-12-06T12-40-chat-path']);

/** Each embedded session block: its session names and its text, from the header line to the end of its second table. */
function sessionBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^Sessions? (`[^`]+`(?:, `[^`]+`)*), commit `[0-9a-f]*`.*\.$/.exec(lines[i]);
    if (!header) continue;
    let end = i + 1;
    for (let tables = 0; end < lines.length && tables < 2; ) {
      if (lines[end].startsWith('|')) {
        while (end < lines.length && lines[end].startsWith('|')) end++;
        tables++;
      } else if (tables === 1 && lines[end] === '' && !lines[end + 1]?.startsWith('| part')) break;
      else end++;
    }
    blocks.push({ names: [...header[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]), text: lines.slice(i, end).join('\n') });
  }
  return blocks;
}

describe('BENCHMARKS.md', () => {
  const blocks = sessionBlocks(text);

  it('embeds the session tables, among them the latest full session named in its Results', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    const latest = /^## Results\n\nSession `([^`]+)`/m.exec(text)?.[1];
    expect(latest).toBeDefined();
    expect(blocks.some((block) => block.names[0] === latest)).toBe(true);
  });

  for (const block of blocks.filter((candidate) => !PRINTED_BY_AN_EARLIER_SUMMARISER.has(candidate.names[0]))) {
    it(`prints ${block.names.join(', ')} as the summariser does from its raw records`, () => {
      const printed = spawnSync(process.execPath, [join(root, 'bench', 'summarise.mjs'), ...block.names.map((name) => join(root, 'bench', 'results', name))], {
        encoding: 'utf8',
      });
      expect(printed.status).toBe(0);
      expect(block.text).toBe(printed.stdout.replace(/\n+$/, ''));
    });
  }
});
