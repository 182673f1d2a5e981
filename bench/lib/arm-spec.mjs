// The arms the A/B diagnostics name on their command line, one spec each:
//   `.` or another checkout's root     that checkout's `interlingua serve`
//   `floor`, `floor-undici`            the translating floor (its upstream call on `http.request`, or undici's `dispatch()`)
//   `floor-express`                    the translating floor as the one route of an Express app (FLOOR_HOST=express)
//   `express:<checkout>`               that checkout's Express arm; `express:<checkout>#NAME=value` with that variable set
// and after any of them `@--flag@--flag…`: Node flags for that arm's process (e.g. `.@--interrupt-budget=67584`).
import { ARMS, startExpressFrom, startServeFrom } from './processes.mjs';

/** Parses a spec: { kind: 'serve' | 'floor' | 'express', root, env, nodeArgs, floorClient, floorHost }. */
export function parseArmSpec(spec) {
  const [head, ...nodeArgs] = spec.split('@');
  if (head === 'floor' || head === 'floor-undici' || head === 'floor-express') {
    return { kind: 'floor', nodeArgs, floorClient: head === 'floor-undici' ? 'undici' : undefined, floorHost: head === 'floor-express' ? 'express' : undefined };
  }
  if (head.startsWith('express:')) {
    const [root, ...pairs] = head.slice('express:'.length).split('#');
    return { kind: 'express', root, nodeArgs, env: Object.fromEntries(pairs.map((pair) => pair.split('='))) };
  }
  return { kind: 'serve', root: head, nodeArgs };
}

/** Starts the arm a spec names against `mock`; its `armName` is what lib/requests.mjs builds requests for. */
export async function startArmFromSpec(spec, mock) {
  const arm = parseArmSpec(spec);
  const server =
    arm.kind === 'floor'
      ? await ARMS['floor-translate'].start(mock, { floorClient: arm.floorClient, floorHost: arm.floorHost, nodeArgs: arm.nodeArgs })
      : arm.kind === 'express'
        ? await startExpressFrom(arm.root, mock, arm.env, arm.nodeArgs)
        : await startServeFrom(arm.root, mock, arm.nodeArgs);
  return Object.assign(server, { armName: arm.kind === 'floor' ? 'floor-translate' : arm.kind });
}
