import { writeFileSync } from 'node:fs';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import {
  formatConformanceReport,
  genericTarget,
  globToRegExp,
  interlinguaTarget,
  portkeyTarget,
  runConformance,
  startMockUpstream,
  type ConformanceTarget,
} from '@interlingua/conformance/runner';

export interface ConformanceCommandOptions {
  baseUrl?: string;
  strictBaseUrl?: string;
  target: string;
  mockPort?: string;
  json?: string;
  case?: string;
  strict?: boolean;
  extensions?: boolean;
  header?: string[];
  modelPrefix?: string[];
  printSetup?: boolean;
  all?: boolean;
}

function parsePairs(values: string[] | undefined, separator: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf(separator);
    if (at <= 0) throw new Error(`invalid ${what} ${JSON.stringify(value)}: expected name${separator}value`);
    out[value.slice(0, at).trim().toLowerCase()] = value.slice(at + 1).trim();
  }
  return out;
}

function chooseTarget(options: ConformanceCommandOptions): ConformanceTarget {
  if (options.target === 'interlingua') return interlinguaTarget();
  if (options.target === 'portkey') return portkeyTarget();
  const prefixes = parsePairs(options.modelPrefix, '=', '--model-prefix');
  for (const provider of Object.keys(prefixes)) {
    if (!['anthropic', 'gemini', 'openai-compatible'].includes(provider)) throw new Error(`--model-prefix: unknown provider ${provider}`);
  }
  return genericTarget({ modelPrefixes: prefixes });
}

/**
 * `interlingua conformance`: runs the conformance kit against a running gateway. Starts the mock upstream on
 * 127.0.0.1 (`--mock-port`, so a gateway can be started pointed at it beforehand), prints how to point the gateway
 * at it, runs every case one at a time, prints a table per case and a score per category, and writes the JSON report.
 * Returns the exit code: 0 when every case that ran passed, 1 otherwise.
 */
export async function conformanceCommand(options: ConformanceCommandOptions): Promise<number> {
  const target = chooseTarget(options);
  let cases = loadFixtureCases(fixturesRoot());
  if (options.case) {
    const pattern = globToRegExp(options.case);
    cases = cases.filter((fixtureCase) => pattern.test(fixtureCase.id));
    if (!cases.length) throw new Error(`no case matches --case ${options.case}`);
  }
  const mockPort = options.mockPort === undefined ? undefined : Number(options.mockPort);
  if (mockPort !== undefined && (!Number.isInteger(mockPort) || mockPort < 0 || mockPort > 65535)) throw new Error(`invalid --mock-port ${options.mockPort}`);
  if (!options.printSetup && !options.baseUrl) throw new Error('--base-url is required (the gateway\'s OpenAI base URL, e.g. http://127.0.0.1:8787/v1)');

  const mock = await startMockUpstream(mockPort === undefined ? {} : { port: mockPort });
  try {
    const setup = target.setup(mock.url, cases);
    if (options.printSetup) {
      console.log(setup);
      return 0;
    }
    console.error(`Mock upstream on ${mock.url}.`);
    console.error(setup);
    console.error('');
    const report = await runConformance({
      gatewayUrl: options.baseUrl!,
      ...(options.strictBaseUrl ? { strictGatewayUrl: options.strictBaseUrl } : {}),
      mock,
      target,
      cases,
      strictStreams: options.strict === true,
      extensions: options.extensions === true,
      headers: parsePairs(options.header, ':', '--header'),
    });
    console.log(formatConformanceReport(report, { failuresOnly: options.all !== true }));
    if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2) + '\n');
    return report.total.failed === 0 ? 0 : 1;
  } finally {
    await mock.close();
  }
}
