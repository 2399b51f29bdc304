import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtimeRequests, setup } from './e2e-harness.js';

// A server that writes its pid, then never finishes starting (--slow-start) or never returns
// from its tool `block`; it outlives its stdin closing, as a busy server does.
const BLOCKING = fileURLToPath(
  new URL('../../../packages/mcp-tools/test/fixtures/blocking-server.mjs', import.meta.url),
);

function blockingConfig(home: string, args: string[] = []): { config: string; pidFile: string } {
  const pidFile = join(home, 'server.pid');
  const config = join(home, '.mcp.json');
  const server = { command: process.execPath, args: [BLOCKING, '--pid-file', pidFile, ...args] };
  writeFileSync(config, JSON.stringify({ mcpServers: { slow: server } }));
  return { config, pidFile };
}

/** The server's process is gone (signal 0 only checks that it exists). */
function expectGone(pidFile: string): void {
  expect(() => process.kill(Number(readFileSync(pidFile, 'utf8')), 0)).toThrow(/ESRCH/);
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
});
