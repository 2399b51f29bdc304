import { readFileSync } from 'node:fs';
import { defaultEnvironment } from './default-environment.js';
import { type Environment, expandReferences } from './expand-reference.js';
import { type RawServers, type RawStdioEntry, spawnableServers } from './spawnable-config.js';
import { SpawnedServer, type SpawnSpec, sameSpec } from './spawned-server.js';

/** Stdio servers started before the MCP client loaded, waiting to be taken over. */
export interface PrestartedServers {
  /** The names of the servers started and not yet taken. */
  readonly names: readonly string[];
  /**
   * The server `name`, if it was started with exactly `spec` (what the regular path would spawn);
   * otherwise undefined, and one started differently is ended. Each server is handed out once.
   */
  take(name: string, spec: SpawnSpec): SpawnedServer | undefined;
  /** Ends every server not taken (SIGTERM to its group, SIGKILL after the grace period). */
  discard(): Promise<void>;
}

export interface PrestartOptions {
  /** Config files in merge order (a later file wins for a name), as readMcpConfigFile reads them. */
  readonly files: readonly { readonly path: string; readonly missingOk?: boolean }[];
  /** What `--mcp` names (`all`: every configured server). */
  readonly names: readonly string[];
  /** For `${VAR}` expansion and the inherited variables. */
  readonly env: Environment;
  readonly graceMs?: number | undefined;
}

/** The merged servers of every file, or undefined when one cannot be read or is not certainly valid. */
function readServers(files: PrestartOptions['files']): RawServers | undefined {
  const merged: Record<string, RawServers[string]> = {};
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file.missingOk) continue;
      return undefined;
    }
    let servers: RawServers | undefined;
    try {
      servers = spawnableServers(JSON.parse(text));
    } catch {
      return undefined;
    }
    if (servers === undefined) return undefined;
    Object.assign(merged, servers);
  }
  return merged;
}

/** What the regular path spawns for this entry (server-connection.ts), or undefined if a `${VAR}` is unset. */
function specOf(entry: RawStdioEntry, env: Environment): SpawnSpec | undefined {
  const values = [entry.command, ...(entry.args ?? []), ...Object.values(entry.env ?? {})];
  const expanded: string[] = [];
  for (const value of values) {
    const result = expandReferences(value, env);
    if (!('value' in result)) return undefined;
    expanded.push(result.value);
  }
  const [command = '', ...rest] = expanded;
  const argCount = entry.args?.length ?? 0;
  const ownEnv = Object.keys(entry.env ?? {}).map((name, index) => [name, rest[argCount + index]]);
  return {
    command,
    args: rest.slice(0, argCount),
    env: { ...defaultEnvironment(env), ...Object.fromEntries(ownEnv) },
    cwd: entry.cwd,
  };
}

/**
 * Spawns, at once, every stdio server that `names` selects from `files`, so that their start-up
 * overlaps the caller's own (loading the MCP SDK, zod, core). It reads the files the way the
 * regular path will, with no dependency beyond Node: if anything is off — a file missing or
 * invalid, an unknown name, a `${VAR}` unset — the server concerned (or, for a file problem,
 * every server) is not started early and the regular path reports the problem as before. POSIX
 * only (process groups); undefined when nothing was started.
 */
export function prestartServers(options: PrestartOptions): PrestartedServers | undefined {
  if (process.platform === 'win32' || options.names.length === 0) return undefined;
  const servers = readServers(options.files);
  if (servers === undefined) return undefined;
  const names = options.names.includes('all') ? Object.keys(servers) : options.names;
  // An unknown name fails the command (MCP_SERVER_NOT_FOUND) before any server starts.
  if (names.some((name) => !Object.hasOwn(servers, name))) return undefined;
  const started = new Map<string, SpawnedServer>();
  for (const name of new Set(names)) {
    const entry = servers[name];
    const spec = entry === undefined || entry === 'http' ? undefined : specOf(entry, options.env);
    if (spec === undefined) continue;
    try {
      started.set(name, new SpawnedServer(spec));
    } catch {
      // spawn refused the options outright: the regular path starts it again and reports that.
    }
  }
  if (started.size === 0) return undefined;
  const stopping: Promise<void>[] = [];
  const end = (server: SpawnedServer) => {
    stopping.push(server.stop({ gentle: false, graceMs: options.graceMs }));
  };
  return {
    get names() {
      return [...started.keys()];
    },
    take(name, spec) {
      const server = started.get(name);
      if (server === undefined) return undefined;
      started.delete(name);
      if (sameSpec(server.spec, spec)) return server;
      end(server);
      return undefined;
    },
    async discard() {
      for (const server of started.values()) end(server);
      started.clear();
      await Promise.all(stopping);
    },
  };
}
