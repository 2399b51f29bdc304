import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolCallContext } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { openMcpTools } from '../src/mcp-tool-set.js';
import type { McpServerConfig } from '../src/server-config.js';
import { processEnds, processRuns } from './fixtures/process-runs.mjs';
import { BLOCKING_SERVER } from './servers.js';

const CLIENT = { name: 'mcp-tools-test', version: '0.0.0' };

/**
 * The blocking fixture started through a shell wrapper, as `npx` / `uvx` shims start servers: the
 * process we spawn is `sh`, the server is its child (it outlives its stdin, so only a signal ends it).
 */
function wrapped(args: string[]): { config: McpServerConfig; serverPid: () => number; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wrapped-'));
  const pidFile = join(dir, 'server.pid');
  const line = [process.execPath, BLOCKING_SERVER, ...args].map((part) => `'${part}'`);
  // The shell writes its child's pid itself, the moment it forks, so the test knows the server's pid
  // even when the server is ended before Node has started it (a loaded machine can take longer than
  // the 500 ms start-up deadline to get there). An asynchronous command's stdin is /dev/null in a
  // non-interactive shell unless redirected, and dash takes `<&0` as no redirection: hence fd 3.
  const script = `exec 3<&0; ${line.join(' ')} <&3 3<&- & echo $! > '${pidFile}'; wait $!; echo wrapper done >&2`;
  return {
    config: { command: 'sh', args: ['-c', script] },
    serverPid: () => Number(readFileSync(pidFile, 'utf8')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe.skipIf(process.platform === 'win32')('a server started through a wrapper', () => {
  it('that misses its start-up deadline is ended with its wrapper, and the deadline is not extended', async ({
    onTestFinished,
  }) => {
    const server = wrapped(['--slow-start']);
    onTestFinished(server.cleanup);
    // Before process groups this waited for the server itself, which never ends: the test timed out.
    const set = await openMcpTools({
      servers: { slow: server.config },
      env: {},
      clientInfo: CLIENT,
      startupTimeoutMs: 500,
    });
    expect(set.servers).toEqual([
      expect.objectContaining({ name: 'slow', status: 'failed', error: 'it did not start within 500 ms' }),
    ]);
    expect(await processEnds(server.serverPid())).toBe(true);
  });

  it('busy in a tool call is ended with its wrapper by close()', async ({ onTestFinished }) => {
    const server = wrapped([]);
    onTestFinished(server.cleanup);
    const set = await openMcpTools({ servers: { slow: server.config }, env: {}, clientInfo: CLIENT });
    const block = set.tools.find((tool) => tool.displayName === 'slow:block');
    const controller = new AbortController();
    const context: ToolCallContext = { toolUseId: 'tooluse_1', step: 1, signal: controller.signal };
    const settled = Promise.resolve(block?.execute?.({}, context)).then(
      () => 'returned',
      () => 'failed',
    );
    // The call is running in the server (its shell wrote its pid when it forked it).
    expect(processRuns(server.serverPid())).toBe(true);
    controller.abort(new Error('interrupted'));
    await set.close();
    expect(await settled).toBe('failed');
    expect(await processEnds(server.serverPid())).toBe(true);
  });
});
