import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The README's first example (`server.mjs`), run as a user runs it: its own Node process with the built package,
// on a free port of 127.0.0.1 in place of 8787, answered offline by the replay models.
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = /```js\n(\/\/ server\.mjs\n[\s\S]*?)```/.exec(readme)?.[1];

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

it('the README example starts, prints its address and answers the curl request shown under it', async () => {
  expect(example).toContain('createExpressServer(app).listen(8787');
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', example!.replaceAll('8787', String(port))], { cwd: packageDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const printed = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (data: Buffer) => resolve(data.toString()));
      child.stderr.once('data', (data: Buffer) => reject(new Error(data.toString())));
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(printed.trim()).toBe(`http://127.0.0.1:${port}/v1/chat/completions`);
    const curl = /curl -s (\S+) -H '([^:]+): ([^']+)' \\\n\s+-d '([^']+)'/.exec(readme)!;
    const response = await fetch(curl[1]!.replace('8787', String(port)), { method: 'POST', headers: { [curl[2]!]: curl[3]! }, body: curl[4] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; model: string; choices: { message: { role: string; content: string } }[] };
    expect(body.object).toBe('chat.completion');
    expect(body.model).toMatch(/^claude-/); // the replay answers with the recorded Claude reply's model
    expect(body.choices[0]!.message.role).toBe('assistant');
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(0);
  } finally {
    child.kill();
  }
});
