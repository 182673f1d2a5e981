import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';

/** Reads a file, or standard input when the path is absent or `-`. */
export async function readInput(path: string | undefined): Promise<string> {
  if (!path || path === '-') return text(process.stdin);
  return readFile(path, 'utf8');
}

/** Parses JSON input, with the source named in the error. */
export function parseJsonInput(source: string, path: string | undefined): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new Error(`${path && path !== '-' ? path : 'standard input'} is not valid JSON: ${(error as Error).message}`);
  }
}
