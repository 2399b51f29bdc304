import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processRuns } from '../../../packages/mcp-tools/test/fixtures/process-runs.mjs';
import { runtimeRequests, setup } from './e2e-harness.js';

// A server that writes its pid, then never finishes starting (--slow-start) or never returns
// from its tool `block`; it outlives its stdin closing, as a busy server does.
const BLOCKING = fileURLToPath(
  new URL('../../../packages/mcp-tools/test/fixtures/blocking-server.mjs', import.meta.url),
);

/**
 * With `wrapped`, started through `sh -c` as `npx` / `uvx` shims start servers: the pid file then
 * names the real server, a grandchild of the CLI.
 */
function blockingConfig(
  home: string,
  args: string[] = [],
  { wrapped = false } = {},
): { config: string; pidFile: string } {
  const pidFile = join(home, 'server.pid');
  const config = join(home, '.mcp.json');
  const argv = [BLOCKING, '--pid-file', pidFile, ...args];
  const line = [process.execPath, ...argv].map((part) => `'${part}'`).join(' ');
  const server = wrapped
    ? { command: 'sh', args: ['-c', `${line}; echo wrapper done >&2`] }
    : { command: process.execPath, args: argv };
  writeFileSync(config, JSON.stringify({ mcpServers: { slow: server } }));
  return { config, pidFile };
}

/** The server's process is gone (signal 0 only checks that it exists). */
function expectGone(pidFile: string): void {
  expect(processRuns(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
}

/** Sends `signal` to the CLI once the server has written its pid (it is then starting). */
function onceServerStarted(pidFile: string, signal: NodeJS.Signals) {
  return (child: { kill(signal: NodeJS.Signals): boolean }) => {
    const poll = setInterval(() => {
      if (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') return;
      clearInterval(poll);
      child.kill(signal);
    }, 20);
  };
}

describe.concurrent('bedrock-chat --mcp and signals', () => {
  it('Ctrl-C while a server starts cancels at once: the server is ended, nothing is sent or stored', async ({
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const { config, pidFile } = blockingConfig(home, ['--slow-start']);
    const result = await run(['--mcp-config', config, '--mcp', 'slow', 'hello'], {
      onSpawn: onceServerStarted(pidFile, 'SIGINT'),
    });
    expect(result.stderr).toContain('Cancelled while the MCP servers were starting; they were ended.');
    expect(result.stderr).not.toMatch(/^(error|warning):/m);
    expect(result.code).toBe(130);
    expectGone(pidFile);
    expect(runtimeRequests(emulator)).toEqual([]);
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });

  // The servers start as soon as argv is parsed (mcp/early-start.ts), before the prompt is read:
  // with stdin held open the CLI is still reading it, so the signal comes before `ask` listens.
  it.for([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while the prompt is still read ends the early-started server at once and cancels (exit %i)',
    async ([signal, code], { onTestFinished }) => {
      const { emulator, home, run } = await setup(onTestFinished);
      const { config, pidFile } = blockingConfig(home, ['--slow-start']);
      const result = await run(['--mcp-config', config, '--mcp', 'slow', 'summarise'], {
        stdin: 'context\n',
        holdStdin: true,
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') return;
            clearInterval(poll);
            const pid = Number(readFileSync(pidFile, 'utf8'));
            child.kill(signal);
            // The prompt is not read yet: only the early listener can have ended the server.
            const ended = setInterval(() => {
              if (processRuns(pid)) return;
              clearInterval(ended);
              child.stdin?.end();
            }, 20);
          }, 20);
        },
      });
      expect(result.stderr).toContain('Cancelled while the MCP servers were starting; they were ended.');
      expect(result.stderr).not.toMatch(/^(error|warning):/m);
      expect(result.code).toBe(code);
      expect(result.signal).toBeNull();
      expectGone(pidFile);
      expect(runtimeRequests(emulator)).toEqual([]);
    },
  );

  it('chat: Ctrl-C while a server starts ends it too', async ({ onTestFinished }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const { config, pidFile } = blockingConfig(home, ['--slow-start']);
    const result = await run(['chat', '--mcp-config', config, '--mcp', 'slow'], {
      stdin: 'hello\n',
      onSpawn: onceServerStarted(pidFile, 'SIGINT'),
    });
    expect(result.code).toBe(130);
    expectGone(pidFile);
    expect(runtimeRequests(emulator)).toEqual([]);
  });

  it.for([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s during a tool call cancels like Ctrl-C, ends the busy server and exits %i',
    async ([signal, code], { onTestFinished }) => {
      const { home, run } = await setup(onTestFinished);
      const { config, pidFile } = blockingConfig(home);
      const result = await run(['--mcp-config', config, '--mcp', 'slow', '--yes', 'use slow__block {}'], {
        untilStderr: { pattern: /^tool: slow:block/m, act: (child) => child.kill(signal) },
      });
      expect(result.stderr).toContain(
        '  → error: Interrupted: the user cancelled the turn before the tool finished.',
      );
      expect(result.stderr).not.toMatch(/^error:/m);
      expect(result.code).toBe(code);
      expect(result.signal).toBeNull();
      expectGone(pidFile);
    },
  );

  // Before process groups, the CLI waited as long as the wrapped server lived, which was forever.
  it('Ctrl-C while a wrapped server starts ends the server behind the wrapper at once', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const { config, pidFile } = blockingConfig(home, ['--slow-start'], { wrapped: true });
    const result = await run(['--mcp-config', config, '--mcp', 'slow', 'hello'], {
      onSpawn: onceServerStarted(pidFile, 'SIGINT'),
    });
    expect(result.stderr).toContain('Cancelled while the MCP servers were starting; they were ended.');
    expect(result.code).toBe(130);
    expectGone(pidFile);
  });

  it('Ctrl-C during a tool call of a wrapped server ends the server behind the wrapper', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const { config, pidFile } = blockingConfig(home, [], { wrapped: true });
    const result = await run(['--mcp-config', config, '--mcp', 'slow', '--yes', 'use slow__block {}'], {
      untilStderr: { pattern: /^tool: slow:block/m, act: (child) => child.kill('SIGINT') },
    });
    expect(result.stderr).toContain(
      '  → error: Interrupted: the user cancelled the turn before the tool finished.',
    );
    expect(result.code).toBe(130);
    expectGone(pidFile);
  });

  // Review F2: the servers were spawned early, and the refusal waited for their whole start-up
  // (15 s for one that never answers), printing "did not start" warnings before the error.
  it('a command refused by its settings, credentials or --continue ends its servers at once, without start-up warnings', async ({
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    // Logs its pid the moment it is spawned, then never answers `initialize`, nor reads stdin.
    const spy = (name: string) => ({
      command: 'sh',
      args: ['-c', `echo "$$" >> '${join(home, `${name}.log`)}'; exec sleep 600`],
    });
    const config = join(home, '.mcp.json');
    const cases: [
      name: string,
      argv: string[],
      env: Record<string, string | undefined>,
      code: number,
      error: string,
    ][] = [
      [
        'attempts',
        ['hi'],
        { AWS_MAX_ATTEMPTS: 'zero' },
        2,
        'error: AWS_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "zero").',
      ],
      [
        'timeout',
        ['hi'],
        { BEDROCK_CHAT_TIMEOUT_MS: 'abc' },
        2,
        'error: BEDROCK_CHAT_TIMEOUT_MS must be a whole number',
      ],
      [
        'region',
        ['hi'],
        { AWS_REGION: 'nowhere' },
        2,
        'error: AWS_REGION must be an AWS region such as us-east-1 (got "nowhere").',
      ],
      [
        'profile',
        ['hi'],
        { AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_PROFILE: 'nope' },
        3,
        'error: AWS profile nope (from AWS_PROFILE) is not in',
      ],
      ['continue', ['-c', 'hi'], {}, 2, 'error: There is no conversation to continue yet.'],
      ['chat', ['chat'], { AWS_REGION: 'nowhere' }, 2, 'error: AWS_REGION must be an AWS region'],
      ['chatContinue', ['chat', '-c'], {}, 2, 'error: There is no conversation to continue yet.'],
    ];
    writeFileSync(
      config,
      JSON.stringify({ mcpServers: Object.fromEntries(cases.map(([name]) => [name, spy(name)])) }),
    );
    const results = await Promise.all(
      cases.map(([name, argv, env]) => {
        const [first, ...rest] = argv;
        const mcp = ['--mcp-config', config, '--mcp', name];
        return run(first === 'chat' ? ['chat', ...mcp, ...rest] : [...mcp, ...argv], { env, stdin: '' });
      }),
    );
    cases.forEach(([name, , , code, error], index) => {
      const result = results[index] as (typeof results)[number];
      expect(result.stderr, name).toContain(error);
      expect(result.stderr, name).not.toMatch(/did not start|^warning:/m);
      expect(result.code, name).toBe(code);
      const log = join(home, `${name}.log`);
      const pids = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map(Number) : [];
      expect(pids.filter(processRuns), name).toEqual([]);
      // A conversation to continue is looked up before any server is spawned.
      if (name === 'continue' || name === 'chatContinue') expect(pids, name).toEqual([]);
    });
    expect(runtimeRequests(emulator)).toEqual([]);
  });
});
