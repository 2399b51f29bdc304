import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processEnds, processRuns } from '../test/fixtures/process-runs.mjs';
import { defaultEnvironment } from './default-environment.js';
import { type PrestartedServers, prestartServers } from './prestart-servers.js';
import type { ServerListener, SpawnedServer } from './spawned-server.js';

// A "server" that writes to both streams at once and then waits for its stdin to close.
const TALKER = [
  '-e',
  "process.stdout.write('out\\n'); process.stderr.write('err\\n'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0));",
];

const opened: PrestartedServers[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((servers) => servers.discard()));
});

function configFile(servers: unknown, extra: object = {}): string {
  const path = join(mkdtempSync(join(tmpdir(), 'prestart-')), 'mcp.json');
  writeFileSync(path, JSON.stringify({ mcpServers: servers, ...extra }));
  return path;
}

function start(files: { path: string; missingOk?: boolean }[], names: string[], env = process.env) {
  const servers = prestartServers({ files, names, env, graceMs: 500 });
  if (servers) opened.push(servers);
  return servers;
}

const specOf = (command: string, args: string[], env: Record<string, string> = {}) => ({
  command,
  args,
  env: { ...defaultEnvironment(), ...env },
  cwd: undefined,
});

/** Everything the server did, replayed to a late owner, in order. */
function record(server: SpawnedServer): Promise<string[]> {
  const events: string[] = [];
  return new Promise((resolve) => {
    const listener: ServerListener = {
      spawned: () => events.push('spawned'),
      failed: (error) => {
        events.push(`failed: ${error.message}`);
        resolve(events);
      },
      stdout: (chunk) => events.push(`stdout: ${chunk.toString().trim()}`),
      stderr: (chunk) => events.push(`stderr: ${chunk.toString().trim()}`),
      streamError: (error) => events.push(`stream error: ${error.message}`),
      closed: () => {
        events.push('closed');
        resolve(events);
      },
    };
    server.attach(listener);
    server.child.stdin?.end();
  });
}

describe('prestartServers', () => {
  it('starts the named stdio servers of the merged files, and hands each over with what it did', async () => {
    const own = configFile({ talk: { command: 'old' }, web: { type: 'http', url: 'http://127.0.0.1/mcp' } });
    const file = configFile({ talk: { command: process.execPath, args: TALKER, env: { A: '${A:-x}' } } });
    const servers = start(
      [{ path: join(dirname(own), 'missing.json'), missingOk: true }, { path: own }, { path: file }],
      ['talk', 'web'],
    );
    expect(servers?.names).toEqual(['talk']);
    const server = servers?.take('talk', specOf(process.execPath, TALKER, { A: 'x' }));
    expect(server).toBeDefined();
    const events = await record(server as SpawnedServer);
    expect(events[0]).toBe('spawned');
    expect(events.filter((event) => event !== 'spawned' && event !== 'closed').sort()).toEqual([
      'stderr: err',
      'stdout: out',
    ]);
    expect(events.at(-1)).toBe('closed');
    expect(servers?.take('talk', specOf(process.execPath, TALKER, { A: 'x' }))).toBeUndefined();
  });

  it('ends a server started otherwise than the regular path would start it', async () => {
    const file = configFile({ talk: { command: process.execPath, args: TALKER } });
    const servers = start([{ path: file }], ['all']);
    expect(servers?.names).toEqual(['talk']);
    expect(servers?.take('talk', specOf(process.execPath, [...TALKER, '--more']))).toBeUndefined();
    await servers?.discard();
    expect(servers?.names).toEqual([]);
  });

  it('replays a command that cannot start as the error a fresh spawn gives', async () => {
    const missing = join(tmpdir(), 'no-such-mcp-server');
    const servers = start([{ path: configFile({ gone: { command: missing } }) }], ['gone']);
    const server = servers?.take('gone', specOf(missing, []));
    expect(await record(server as SpawnedServer)).toEqual([`failed: spawn ${missing} ENOENT`]);
  });

  it('discard ends every server not taken over, its whole process group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prestart-'));
    const holder = join(dir, 'holder.cjs');
    writeFileSync(
      holder,
      "require('fs').writeFileSync(process.argv[2], String(process.pid)); setInterval(() => {}, 1000);",
    );
    const pidOf = (name: string) => join(dir, `${name}.pid`);
    const file = configFile({
      direct: { command: process.execPath, args: [holder, pidOf('direct')] },
      // The real server behind a wrapper, as `npx` starts it: a grandchild in the same group.
      wrapped: {
        command: 'sh',
        args: ['-c', `'${process.execPath}' '${holder}' '${pidOf('wrapped')}'; true`],
      },
    });
    const servers = start([{ path: file }], ['direct', 'wrapped']);
    expect(servers?.names).toEqual(['direct', 'wrapped']);
    const pidFiles = ['direct', 'wrapped'].map(pidOf);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (!pidFiles.every((path) => existsSync(path) && readFileSync(path, 'utf8') !== '')) return;
        clearInterval(poll);
        resolve();
      }, 20);
    });
    const pids = pidFiles.map((path) => Number(readFileSync(path, 'utf8')));
    expect(pids.map(processRuns)).toEqual([true, true]);
    await servers?.discard();
    expect(await Promise.all(pids.map((pid) => processEnds(pid)))).toEqual([true, true]);
    expect(servers?.names).toEqual([]);
  });

  it.for([
    ['an unknown name', { fs: { command: 'node' } }, {}, ['fs', 'other']],
    ['a file the schemas refuse', { fs: { command: 'node' }, bad: { command: '' } }, {}, ['fs']],
    ['a bad allowedTools', { fs: { command: 'node' } }, { allowedTools: 'fs:*' }, ['fs']],
    ['only a server whose ${VAR} is unset', { fs: { command: '${NO_SUCH_VARIABLE_X}' } }, {}, ['fs']],
    ['only HTTP servers', { web: { type: 'http', url: 'http://127.0.0.1/mcp' } }, {}, ['all']],
  ] as const)('starts nothing for %s: the regular path reports it', ([, servers, extra, names]) => {
    expect(start([{ path: configFile(servers, extra) }], [...names])).toBeUndefined();
  });

  it('starts nothing when a file is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prestart-'));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect(start([{ path: join(dir, 'nope.json') }], ['all'])).toBeUndefined();
    expect(start([{ path: join(dir, 'broken.json') }], ['all'])).toBeUndefined();
  });
});

describe('SpawnedServer.stop', () => {
  it('ends a server that ignores its stdin closing and SIGTERM: SIGKILL after the grace period', async () => {
    const stubborn = [
      '-e',
      "process.on('SIGTERM', () => {}); process.stdin.resume(); setInterval(() => {}, 1000)",
    ];
    const servers = start(
      [{ path: configFile({ s: { command: process.execPath, args: stubborn } }) }],
      ['s'],
    );
    const server = servers?.take('s', specOf(process.execPath, stubborn)) as SpawnedServer;
    const closed = record(server);
    await server.stop({ gentle: true, graceMs: 200 });
    await closed;
    expect(processRuns(server.pid as number)).toBe(false);
  });
});
