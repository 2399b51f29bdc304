// A dependency-free reading of MCP config files for the early server start: what
// server-config.ts's zod schemas accept, checked by hand, so that servers can be spawned before
// zod (and core) load. It may refuse more than the schemas (then nothing starts early and the
// regular path reports the problem); it must never accept what they refuse —
// spawnable-config.test.ts holds it to that.

/** A stdio entry as written in the file (nothing expanded). */
export interface RawStdioEntry {
  readonly command: string;
  readonly args?: readonly string[] | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly cwd?: string | undefined;
}

/** Each server of one file: a stdio entry, or `http` (reached over HTTP, nothing to spawn). */
export type RawServers = Readonly<Record<string, RawStdioEntry | 'http'>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmptyString = (value: unknown): value is string => isString(value) && value !== '';

function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every(isString);
}

const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);

function readEntry(entry: unknown): RawStdioEntry | 'http' | undefined {
  if (!isObject(entry)) return undefined;
  if (entry.type === 'http') {
    return isNonEmptyString(entry.url) && optional(entry.headers, isStringRecord) ? 'http' : undefined;
  }
  if (entry.type !== undefined && entry.type !== 'stdio') return undefined;
  const { command, args, env, cwd } = entry;
  if (!isNonEmptyString(command)) return undefined;
  if (!optional(args, (value) => Array.isArray(value) && value.every(isString))) return undefined;
  if (!optional(env, isStringRecord) || !optional(cwd, isNonEmptyString)) return undefined;
  return {
    command,
    args: args as string[] | undefined,
    env: env as Record<string, string> | undefined,
    cwd: cwd as string | undefined,
  };
}

/**
 * The servers of a parsed config document, or undefined when anything in it is not certainly
 * valid (the regular path would refuse the whole file: then no server of it may start early).
 */
export function spawnableServers(json: unknown): RawServers | undefined {
  if (!isObject(json)) return undefined;
  const { mcpServers, allowedTools } = json;
  if (!optional(allowedTools, (value) => Array.isArray(value) && value.every(isNonEmptyString))) {
    return undefined;
  }
  if (mcpServers === undefined) return {};
  if (!isObject(mcpServers)) return undefined;
  const servers: Record<string, RawStdioEntry | 'http'> = {};
  for (const [name, entry] of Object.entries(mcpServers)) {
    const read = name === '' ? undefined : readEntry(entry);
    if (read === undefined) return undefined;
    servers[name] = read;
  }
  return servers;
}
