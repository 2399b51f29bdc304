import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export interface DotEnvResult {
  /** The file read, or undefined when there is none. */
  path: string | undefined;
  /** Every variable the file defines (values included: treat as secret). */
  values: Record<string, string>;
}

/**
 * Reads `.env` in `cwd` (the course keeps its Bedrock API key there). It never touches
 * `process.env`: `resolveConfig` layers it under the real environment, so variables already set win.
 */
export function readDotEnv(cwd: string, fileName = '.env'): DotEnvResult {
  const path = join(cwd, fileName);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path: undefined, values: {} };
  }
  return { path, values: parseEnv(text) as Record<string, string> };
}
