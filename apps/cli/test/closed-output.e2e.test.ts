import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { latestId, type RunResult, run, setup } from './e2e-harness.js';

// The reader leaves early (`bedrock-chat … | head -c 10`): the test reads the first bytes and
// closes its end of the pipe. The replies are far larger than what a pipe holds (64 KiB) plus one
// read of it, so the CLI is certain to write after the close (EPIPE), whatever the timing. Within
// --max-tokens (4 characters a token), with room left for a tool call.
const BIG = 'abcd'.repeat(59_000);
const LARGE = ['-m', 'haiku', '--max-tokens', '60000'];
const closeStdout = (child: ChildProcess) => child.stdout?.destroy();

const EVERYTHING = fileURLToPath(
  new URL('../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url),
);

function mcpConfig(home: string): string[] {
  const file = join(home, '.mcp.json');
  writeFileSync(
    file,
    JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [EVERYTHING] } } }),
  );
  return ['--mcp-config', file, '--mcp', 'everything', '--allow-tool', 'everything:echo'];
}

interface StoredMessage {
  role: string;
  content: { text?: string; toolUse?: { name: string }; toolResult?: { content: { text?: string }[] } }[];
}

async function storedMessages(cli: (args: string[]) => Promise<RunResult>): Promise<StoredMessage[]> {
  const id = await latestId(cli);
  if (id === undefined) return [];
  return JSON.parse((await cli(['conversations', 'show', '--json', id])).stdout).messages;
}

const texts = (message: StoredMessage | undefined) =>
  (message?.content ?? []).flatMap((block) => (block.text === undefined ? [] : [block.text])).join('');

describe.concurrent('stdout closed early (| head)', () => {
  it('a streamed reply is still received whole and stored; exit 0, nothing on stderr but the usual', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.enqueue({ text: BIG });
    const result = await run([...LARGE, 'a long answer'], { onOutput: closeStdout });
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stdout.length).toBeLessThan(BIG.length);
    expect(result.stderr).not.toMatch(/error|EPIPE|at .*\.js/);
    const messages = await storedMessages(run);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(texts(messages[1])).toBe(BIG);
    expect(result.stderr).toContain(`conversation: ${await latestId(run)}`);
  });

  it('the tool loop goes on after the reader left mid-step: every step and the final reply are stored', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    // Step 1 writes a long text and calls a tool; the close lands in that text, before the call.
    emulator.enqueue({
      text: BIG,
      toolUse: { toolUseId: 'tooluse_1', name: 'everything__echo', input: { message: 'still here' } },
    });
    const result = await run([...mcpConfig(home), ...LARGE, 'say a lot, then echo'], {
      onOutput: closeStdout,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('tool: everything:echo {"message":"still here"}');
    expect(result.stderr).not.toMatch(/error|EPIPE|at .*\.js/);
    const messages = await storedMessages(run);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(texts(messages[1])).toBe(BIG);
    expect(messages[1]?.content.some((block) => block.toolUse?.name === 'everything__echo')).toBe(true);
    expect(JSON.stringify(messages[2])).toContain('Echo: still here');
    // The emulator's last step quotes the tool's result: the loop ran to its end.
    expect(texts(messages[3])).toBe('Tool results:\neverything__echo: Echo: still here');
  });

  it('a reply after tools ran, cut by the reader, is stored with its steps (the verifier repro)', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    emulator.enqueue(
      { toolUse: { toolUseId: 'tooluse_1', name: 'everything__echo', input: { message: 'y' } } },
      { text: BIG },
    );
    const result = await run([...mcpConfig(home), ...LARGE, 'echo, then say a lot'], {
      onOutput: closeStdout,
    });
    expect(result.code).toBe(0);
    const messages = await storedMessages(run);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(JSON.stringify(messages[2])).toContain('Echo: y');
    expect(texts(messages[3])).toBe(BIG);
  });

  it('--json: the turn is stored even though its JSON could not be written whole', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.enqueue({ text: BIG });
    const result = await run(['--json', ...LARGE, 'a long answer'], { onOutput: closeStdout });
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeLessThan(BIG.length);
    expect(result.stderr).not.toMatch(/error|EPIPE|at .*\.js/);
    expect(texts((await storedMessages(run))[1])).toBe(BIG);
  });

  it('chat: the turn the reader left in is stored, then the chat ends instead of sending the next lines', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.enqueue({ text: BIG });
    const result = await run(['chat', ...LARGE], {
      stdin: 'the first prompt\nthe second prompt\n',
      onOutput: closeStdout,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'note: stdout was closed: the chat ends after this turn (the rest of the input was not sent).',
    );
    expect(result.stderr).not.toMatch(/error|EPIPE|at .*\.js/);
    const messages = await storedMessages(run);
    expect(messages.map((message) => texts(message))).toEqual(['the first prompt', BIG]);
  });

  it('conversations export to a reader that left: no stack, no file written, exit 0', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    emulator.enqueue({ text: BIG }, { text: BIG });
    expect((await run([...LARGE, '--no-stream', 'one'])).code).toBe(0);
    const id = String(await latestId(run));
    expect((await run([...LARGE, '--no-stream', 'two'])).code).toBe(0);
    // SQLite's own -wal and -shm files come and go with readers; nothing else may appear.
    const files = () =>
      readdirSync(home)
        .filter((name) => !/-(wal|shm)$/.test(name))
        .sort();
    const before = files();
    for (const args of [
      ['conversations', 'export', id],
      ['conversations', 'export', id, '--format', 'json'],
      ['conversations', 'export', '--all'],
      ['conversations', 'show', id],
    ]) {
      const result = await run(args, { onOutput: closeStdout });
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
    expect(files()).toEqual(before);
  });
});

describe.concurrent('stderr closed early', () => {
  it('a turn with tools is still run and stored when the reader of stderr left', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    // The replies wait until stderr is closed, so the tool line is certain to be written after it.
    const release = emulator.hold();
    onTestFinished(async () => release());
    emulator.enqueue({
      toolUse: { toolUseId: 'tooluse_1', name: 'everything__echo', input: { message: 'z' } },
    });
    const result = await run([...mcpConfig(home), '-m', 'haiku', 'echo z'], {
      onStderr: (child) => {
        child.stderr?.destroy();
        release();
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Tool results:\neverything__echo: Echo: z\n');
    const messages = await storedMessages(run);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });
});

/** /dev/full fails every write with ENOSPC, as a full disk does: a descriptor for the CLI's stdout. */
function openFull(onTestFinished: (cleanup: () => Promise<void>) => void): number {
  const full = openSync('/dev/full', 'w');
  onTestFinished(async () => closeSync(full));
  return full;
}

describe.concurrent('stdout failing', () => {
  it('--version and --help settle stdout as every command does: ENOSPC exit 1, EPIPE exit 0, no stack', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home } = await setup(onTestFinished);
    const full = openFull(onTestFinished);
    // -V alone takes the fast path in bin.ts (no commander); --debug -V goes through commander.
    for (const args of [['--version'], ['-V'], ['--debug', '-V'], ['--help'], ['ask', '--help']]) {
      const toFull = await run(args, { emulator, home, stdout: full });
      expect({ args, code: toFull.code, stderr: toFull.stderr }).toEqual({
        args,
        code: 1,
        stderr: 'error: writing to stdout failed: ENOSPC: no space left on device, write\n',
      });
      // The reader is gone before the CLI starts: its write meets EPIPE.
      const left = await run(args, { emulator, home, onSpawn: closeStdout });
      expect({ args, code: left.code, stderr: left.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  });

  it('a write error other than EPIPE (a full disk) is reported once the turn is saved: exit 1', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home } = await setup(onTestFinished);
    const full = openFull(onTestFinished);
    const result = await run(['the disk is full'], { emulator, home, stdout: full });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: writing to stdout failed: ENOSPC: no space left on device/m);
    expect(result.stderr.match(/error:/g)).toHaveLength(1);
    const list = await run(['conversations', 'list', '--json'], { emulator, home });
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });

  it('every command reports a full disk on stdout (a backup to a full disk is no success): exit 1', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run: cli } = await setup(onTestFinished);
    emulator.enqueue({ text: 'saved' }, { text: 'saved as JSON' });
    const full = openFull(onTestFinished);
    const toFull = (args: string[]) => run(args, { emulator, home, stdout: full });
    const reported = async (args: string[]) => {
      const result = await toFull(args);
      return {
        args,
        code: result.code,
        failed: /^error: writing to stdout failed: ENOSPC: no space left on device/m.test(result.stderr),
        errors: result.stderr.match(/error:/g)?.length ?? 0,
      };
    };
    // A turn that is not streamed writes its reply once, at the end: it is still saved.
    expect(await reported(['--no-stream', 'hi'])).toEqual({
      args: ['--no-stream', 'hi'],
      code: 1,
      failed: true,
      errors: 1,
    });
    expect(await reported(['--json', 'hi'])).toEqual({
      args: ['--json', 'hi'],
      code: 1,
      failed: true,
      errors: 1,
    });
    expect(JSON.parse((await cli(['conversations', 'list', '--json'])).stdout)).toHaveLength(2);
    const id = String(await latestId(cli));
    for (const args of [['conversations', 'export', '--all'], ['conversations', 'export', id], ['models']]) {
      expect(await reported(args)).toEqual({ args, code: 1, failed: true, errors: 1 });
    }
  });
});
