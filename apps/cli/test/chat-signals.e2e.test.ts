import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processRuns } from '../../../packages/mcp-tools/test/fixtures/process-runs.mjs';
import { latestId, type PtyStep, setup } from './e2e-harness.js';

// A server that writes its pid, then never returns from its tool `block`.
const BLOCKING = fileURLToPath(
  new URL('../../../packages/mcp-tools/test/fixtures/blocking-server.mjs', import.meta.url),
);

function blockingConfig(home: string): { args: string[]; pidFile: string; calledFile: string } {
  const pidFile = join(home, 'server.pid');
  const calledFile = join(home, 'called');
  const config = join(home, '.mcp.json');
  const server = {
    command: process.execPath,
    args: [BLOCKING, '--pid-file', pidFile, '--called-file', calledFile],
  };
  writeFileSync(config, JSON.stringify({ mcpServers: { slow: server } }));
  return { args: ['chat', '--mcp-config', config, '--mcp', 'slow'], pidFile, calledFile };
}

const QUESTION = 'run slow:block \\{\\}\\? \\[y\\]es';
const NO_COLOR = { NO_COLOR: '1' };
/** Asks for the tool at the prompt; the approval question then shows. */
const TO_THE_QUESTION: PtyStep[] = [{ expect: '› ' }, { send: 'use slow__block {}\r' }, { expect: QUESTION }];

// The chat in a terminal (a pty), as a user runs it: the tool-approval question is showing.
describe.concurrent('bedrock-chat chat in a terminal, signals', () => {
  it.for([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s while the tool-approval question shows cancels the turn, ends the server and exits %i',
    async ([signal, code], { onTestFinished }) => {
      const { home, run } = await setup(onTestFinished);
      const { args, pidFile } = blockingConfig(home);
      // Before the fix the question kept the chat (and its server) running: the run timed out.
      const result = await run(args, {
        env: NO_COLOR,
        pty: [...TO_THE_QUESTION, { signal }],
      });
      expect(result.code).toBe(code);
      expect(processRuns(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
      // Nothing ran: nothing is stored.
      expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
    },
  );

  it('SIGINT sent by kill at the question cancels the turn like a Ctrl-C key; the chat goes on', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const { args } = blockingConfig(home);
    const result = await run(args, {
      env: NO_COLOR,
      pty: [
        ...TO_THE_QUESTION,
        { signal: 'SIGINT' },
        { expect: '\\(reply cancelled; nothing was saved\\)' },
        { expect: '› ' },
        { send: 'hello\r' },
        { expect: 'Echo: hello' },
        { send: '/exit\r' },
      ],
    });
    expect(result.code).toBe(0);
  });

  it('Ctrl-C during a tool call says the steps that ran were saved, and the chat continues them', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const { args, calledFile } = blockingConfig(home);
    const result = await run(args, {
      env: NO_COLOR,
      pty: [
        ...TO_THE_QUESTION,
        { send: 'y\r' },
        { file: calledFile },
        { send: '\x03' },
        {
          expect:
            'The tool steps that ran were saved, marked interrupted; the conversation can be continued.',
        },
        { expect: '› ' },
        // The next prompt continues the stored turn (no conflict with the steps just saved).
        { send: 'and now?\r' },
        { expect: 'Echo: and now\\?' },
        { expect: '› ' },
        { send: '/exit\r' },
      ],
    });
    expect(result.stdout).not.toContain('nothing was saved');
    expect(result.stdout).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
    const id = await latestId(run);
    const shown = (await run(['conversations', 'show', id ?? '', '--json'])).stdout;
    expect(JSON.parse(shown).messages.map((message: { role: string }) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });
});
