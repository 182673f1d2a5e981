import type { GeminiPartialArgument } from './gemini-stream-event.js';

/** The arguments of one streamed (Vertex `partialArgs`) call while they are being assembled. */
export interface PartialArgumentsAssembly {
  /** The argument object built so far. */
  args: Record<string, unknown>;
  /** The `jsonPath` of the previous piece when it said `willContinue: true` (its string continues), else undefined. */
  continuingPath: string | undefined;
}

type PathSegment = string | number;

const SEGMENT = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;

/** `$.a.b[2]['c d']` → `['a', 'b', 2, 'c d']`, or undefined when the path is outside this subset of RFC 9535. */
export function parseGeminiJsonPath(path: string): PathSegment[] | undefined {
  if (path.charCodeAt(0) !== 36 /* $ */) return undefined;
  const segments: PathSegment[] = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(path);
    if (match === null || SEGMENT.lastIndex === start) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push((match[3] ?? match[4]!).replace(/\\(.)/g, '$1'));
  }
  return segments;
}

/**
 * Applies one `partialArgs` entry to the call's argument object: the value is set at `jsonPath` (objects and arrays on
 * the way are created); a string continues the previous piece of the same path when that piece said
 * `willContinue: true`. Returns an error message when the entry cannot be applied (unknown path syntax, a path
 * through a scalar, no value), so that the caller reports an error instead of producing wrong arguments.
 */
export function applyGeminiPartialArgument(assembly: PartialArgumentsAssembly, entry: GeminiPartialArgument): string | undefined {
  const path = entry.jsonPath;
  if (path === undefined) return 'a partialArgs entry has no jsonPath';
  const segments = parseGeminiJsonPath(path);
  if (segments === undefined || segments.length === 0) return `unsupported jsonPath ${JSON.stringify(path)}`;
  let value: unknown;
  if (entry.stringValue !== undefined) value = entry.stringValue;
  else if (entry.numberValue !== undefined) value = entry.numberValue;
  else if (entry.boolValue !== undefined) value = entry.boolValue;
  else if (entry.nullValue !== undefined) value = null;
  else return `the partialArgs entry for ${path} has no value`;

  let container: Record<string, unknown> | unknown[] = assembly.args;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const nextIsIndex = typeof segments[i + 1] === 'number';
    const existing = readMember(container, segment);
    if (existing === undefined) {
      const created: Record<string, unknown> | unknown[] = nextIsIndex ? [] : {};
      if (!writeMember(container, segment, created)) return `jsonPath ${path} does not match the arguments built so far`;
      container = created;
    } else if (typeof existing === 'object' && existing !== null && Array.isArray(existing) === nextIsIndex) {
      container = existing as Record<string, unknown> | unknown[];
    } else {
      return `jsonPath ${path} does not match the arguments built so far`;
    }
  }
  const last = segments[segments.length - 1]!;
  if (typeof value === 'string' && assembly.continuingPath === path) {
    const previous = readMember(container, last);
    value = (typeof previous === 'string' ? previous : '') + value;
  }
  if (!writeMember(container, last, value)) return `jsonPath ${path} does not match the arguments built so far`;
  assembly.continuingPath = entry.willContinue === true ? path : undefined;
  return undefined;
}

function readMember(container: Record<string, unknown> | unknown[], segment: PathSegment): unknown {
  if (Array.isArray(container)) return typeof segment === 'number' ? container[segment] : undefined;
  return typeof segment === 'string' && Object.hasOwn(container, segment) ? container[segment] : undefined;
}

function writeMember(container: Record<string, unknown> | unknown[], segment: PathSegment, value: unknown): boolean {
  if (Array.isArray(container)) {
    if (typeof segment !== 'number') return false;
    // Fill any gap with null so the array never has holes.
    while (container.length < segment) container.push(null);
    container[segment] = value;
    return true;
  }
  if (typeof segment !== 'string') return false;
  if (segment === '__proto__') {
    Object.defineProperty(container, segment, { value, enumerable: true, writable: true, configurable: true });
  } else {
    container[segment] = value;
  }
  return true;
}
