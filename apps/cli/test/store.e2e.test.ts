import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '@bedrock-chat/core/sqlite';
import { describe, it } from 'vitest';
import { installedCopy, runtimeRequests, setup } from './e2e-harness.js';

const PAGE = 4096;

/** About 400 KB of conversations, as a few weeks of use leave them; returns the newest id. */
async function fillStore(path: string): Promise<string> {
  const store = openSqliteStore({ path });
  let newest = '';
  for (let index = 0; index < 30; index++) {
    const text = `Question ${index}: ${'x'.repeat(3000)}`;
    const reply = { role: 'assistant' as const, content: [{ text: `Echo: ${text}` }] };
    newest = (
      await store.create({ title: `Chat ${index}`, messages: [{ role: 'user', content: [{ text }] }, reply] })
    ).id;
  }
  await store.close();
  return newest;
}

/** `length` bytes that look random (the same each run). */
function noise(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) bytes[index] = (index * 7919 + 13) % 251;
  return bytes;
}

/** Overwrites `length` bytes at `offset` (negative: from the end), as a failing disk would. */
function damage(
  path: string,
  offset: number,
  length = PAGE,
  bytes: Buffer = Buffer.alloc(length, 0xa7),
): void {
  const file = openSync(path, 'r+');
  writeSync(file, bytes, 0, length, offset < 0 ? statSync(path).size + offset : offset);
  closeSync(file);
}

describe.concurrent('a damaged conversation store', () => {
  // Page 2 is the conversations table; 8 KB at 40960 are the blob tables' roots (pages 11 and 12),
  // which a turn without files does not write: the rehearsal reads every root first.
  it.for<[string, number, number]>([
    ['page 2 is damaged', PAGE, PAGE],
    ['8 KB of random bytes sit at offset 40960', 40960, 8192],
  ])(
    'fails a new prompt before the model call when %s, and says so',
    async ([, offset, length], { expect, onTestFinished }) => {
      const { emulator, home, run } = await setup(onTestFinished);
      const path = join(home, 'conversations.db');
      await fillStore(path);
      expect(statSync(path).size).toBeGreaterThan(400_000);
      damage(path, offset, length, noise(length));
      const asked = await run(['a new prompt']);
      expect(asked).toMatchObject({ code: 1, stdout: '' });
      expect(asked.stderr).toContain(`error: The conversation store at ${path} is damaged (SQLITE_CORRUPT).`);
      expect(asked.stderr).toContain(
        'hint: Nothing was written to it. Export the conversations you still need',
      );
      const json = await run(['--json', 'a new prompt']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        error: {
          code: 'STORE_CORRUPT',
          message: `The conversation store at ${path} is damaged (SQLITE_CORRUPT).`,
          hint: expect.stringContaining('Nothing was written to it.'),
        },
      });
      expect(runtimeRequests(emulator)).toEqual([]);
    },
  );

  it('fails -c and a chat turn before the model call when the last page is damaged', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const path = join(home, 'conversations.db');
    const newest = await fillStore(path);
    damage(path, -PAGE);
    const continued = await run(['-c', 'one more']);
    expect(continued).toMatchObject({ code: 1, stdout: '' });
    expect(continued.stderr).toContain('is damaged (SQLITE_CORRUPT)');
    const chat = await run(['chat', '--conversation', newest], { stdin: 'hello\n' });
    expect(chat.stdout).toBe('');
    expect(chat.stderr).toContain('is damaged (SQLITE_CORRUPT)');
    expect(runtimeRequests(emulator)).toEqual([]);
    // Without saving nothing is written, so the reply is still available.
    expect(await run(['--no-save', 'unsaved'])).toMatchObject({ code: 0, stdout: 'Echo: unsaved\n' });
  });
});

describe.concurrent('doctor, empty and read-only stores', () => {
  it('doctor reads every page: 8 KB of random bytes at offset 53248 (message pages) fail it with exit 1 and what to do', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const path = join(home, 'conversations.db');
    await fillStore(path);
    damage(path, 53248, 8192, noise(8192));
    const doctor = await run(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(new RegExp(`✗ conversation store +damaged: ${path} \\(quick_check: `));
    expect(doctor.stdout).toContain('fix: Nothing was changed. Export the conversations you still need');
    const json = JSON.parse((await run(['doctor', '--json'])).stdout);
    expect(json.ok).toBe(false);
    expect(json.checks.at(-1)).toMatchObject({
      name: 'conversation store',
      status: 'fail',
      code: 'STORE_CORRUPT',
    });
  });

  it('doctor names where the store setting came from, as for every other setting', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const sound = `✓ conversation store  writable, every page sound: ${join(home, 'conversations.db')}`;
    expect((await run(['doctor'])).stdout).toContain(`${sound}  (default)\n`);
    const fromEnv = await run(['doctor'], { env: { BEDROCK_CHAT_STORE: 'sqlite' } });
    expect(fromEnv.stdout).toContain(`${sound}  (env BEDROCK_CHAT_STORE)\n`);
    expect((await run(['--store', 'sqlite', 'doctor'])).stdout).toContain(`${sound}  (flag)\n`);
    writeFileSync(join(home, 'config.json'), '{"store":"sqlite"}');
    expect((await run(['doctor'])).stdout).toContain(`${sound}  (config file)\n`);
  });

  it('says when an existing 0-byte store is set up anew, once', async ({ expect, onTestFinished }) => {
    const { home, run } = await setup(onTestFinished);
    const path = join(home, 'conversations.db');
    writeFileSync(path, '');
    const first = await run(['hi']);
    expect(first).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
    expect(first.stderr).toContain(
      `note: The conversation store ${path} was an empty file (0 bytes), so it was set up as a new, empty store.`,
    );
    const second = await run(['-c', 'again']);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('note:');
  });

  it('reads a read-only data directory (list, show, export, ask --no-save -c) as an unprivileged user; a saving ask fails before the call', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    expect((await run(['tea or coffee?'])).code).toBe(0);
    emulator.clearRequests();
    const path = join(home, 'conversations.db');
    // Readable by nobody, writable by no one but root (which ignores modes; hence nobody).
    chmodSync(path, 0o444);
    chmodSync(home, 0o555);
    onTestFinished(async () => chmodSync(home, 0o700));
    const list = await run(['conversations', 'list', '--json'], { asNobody: true });
    expect(list.code).toBe(0);
    const [item] = JSON.parse(list.stdout);
    expect(item.title).toBe('tea or coffee?');
    const shown = await run(['conversations', 'show', item.id], { asNobody: true });
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toContain('Echo: tea or coffee?');
    const exported = await run(['conversations', 'export', item.id, '--format', 'json'], { asNobody: true });
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).conversation.messageCount).toBe(2);
    const unsaved = await run(['--no-save', '-c', 'and tea?'], { asNobody: true });
    expect(unsaved).toMatchObject({ code: 0, stdout: 'Echo: and tea?\n' });
    expect(runtimeRequests(emulator)).toHaveLength(1);
    const saving = await run(['-c', 'and milk?'], { asNobody: true });
    expect(saving).toMatchObject({ code: 1, stdout: '' });
    expect(saving.stderr).toContain(`error: Cannot write the conversation store at ${path}`);
    expect(runtimeRequests(emulator)).toHaveLength(1);
    expect(readdirSync(home).filter((name) => name.startsWith('conversations.db'))).toEqual([
      'conversations.db',
    ]);
  });
});

describe.concurrent('conversations import', () => {
  it('moves a conversation to another data directory losslessly; refuses its id twice, copies with --new-id; exit 2 for a bad file', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    await run(['-s', 'Be brief.', 'tea or coffee?']);
    await run(['-c', 'and milk?']);
    const [item] = JSON.parse((await run(['conversations', 'list', '--json'])).stdout);
    expect(
      (await run(['conversations', 'export', item.id, '--format', 'json', '-o', 'chat.json'])).code,
    ).toBe(0);
    const other = { BEDROCK_CHAT_HOME: join(home, 'other') };
    const imported = await run(['conversations', 'import', 'chat.json'], { env: other });
    expect(imported).toMatchObject({ code: 0, stdout: '' });
    expect(imported.stderr).toBe(`Imported conversation ${item.id} ("tea or coffee?", 4 messages).\n`);
    const exportedAgain = await run(['conversations', 'export', item.id, '--format', 'json'], { env: other });
    const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: undefined });
    expect(strip(exportedAgain.stdout)).toEqual(strip(readFileSync(join(home, 'chat.json'), 'utf8')));

    const twice = await run(['conversations', 'import', 'chat.json'], { env: other });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`error: A conversation with id ${item.id} already exists.`);
    expect(twice.stderr).toContain('`--new-id`');
    const copy = await run(['conversations', 'import', '-', '--new-id', '--json'], {
      env: other,
      stdin: readFileSync(join(home, 'chat.json'), 'utf8'),
    });
    expect(copy.code).toBe(0);
    expect(JSON.parse(copy.stdout)).toMatchObject({ title: 'tea or coffee?', messageCount: 4 });

    // The imported conversation continues with its history and system prompt.
    emulator.clearRequests();
    expect((await run(['--conversation', item.id, 'and sugar?'], { env: other })).code).toBe(0);
    const body = runtimeRequests(emulator)[0]?.body as { messages: unknown[]; system: unknown };
    expect(body.messages).toHaveLength(5);
    expect(body.system).toEqual([{ text: 'Be brief.' }]);

    writeFileSync(
      join(home, 'bad.json'),
      '{"format":"bedrock-chat/conversation","version":1,"conversation":{}}',
    );
    const bad = await run(['conversations', 'import', 'bad.json'], { env: other });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: Not a bedrock-chat conversation export: exportedAt: .*conversation\.id: /m,
    );
  });
});

describe.concurrent('conversations import of a JSON Lines file', () => {
  it('names the line and the conversation of each document it refuses, and imports the rest', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const fixture = fileURLToPath(
      new URL('../../../packages/core/src/store/__fixtures__/export-v4.json', import.meta.url),
    );
    const good = JSON.parse(readFileSync(fixture, 'utf8'));
    const badName = structuredClone(good);
    badName.conversation.id = '01M8NTXDM06666666666666666';
    badName.conversation.messages[0].content[0].document.name = '../../etc/passwd';
    const badOwner = structuredClone(good);
    badOwner.conversation.id = '01M8NTXDM07777777777777777';
    badOwner.conversation.owner = 'alice#CONV#x';
    const lines = [badName, '', good, badOwner].map((line) => (line === '' ? '' : JSON.stringify(line)));
    writeFileSync(join(home, 'all.jsonl'), `${lines.join('\n')}\n`);
    const result = await run(['conversations', 'import', 'all.jsonl', '--keep-owners']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: line 1 (01M8NTXDM06666666666666666): Not a bedrock-chat conversation export: conversation.messages.0: document "../../etc/passwd": Bedrock takes only',
    );
    expect(result.stderr).toContain(
      'error: line 4 (01M8NTXDM07777777777777777): Not a bedrock-chat conversation export: conversation.owner "alice#CONV#x" is not a principal a tokens file can name',
    );
    expect(result.stderr).toContain('Imported 1 of 3 conversations; 2 failed.');
    const listed = JSON.parse((await run(['conversations', 'list', '--json'])).stdout);
    expect(listed.map((item: { id: string }) => item.id)).toEqual([good.conversation.id]);
  });
});

describe.concurrent('a conversation with tool steps', () => {
  it('imports a version-3 export (tool steps, an interrupted turn) and continues it with -c, the steps sent as text', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const fixture = fileURLToPath(
      new URL('../../../packages/core/src/store/__fixtures__/export-v3.json', import.meta.url),
    );
    writeFileSync(join(home, 'tools.json'), readFileSync(fixture));
    const imported = await run(['conversations', 'import', 'tools.json']);
    expect(imported.stderr).toBe(
      'Imported conversation 01M8NTXDM08888888888888888 ("What is in ./notes?", 8 messages).\n',
    );
    const next = await run(['-c', 'what was in todo.md?']);
    expect(next).toMatchObject({ code: 0, stdout: 'Echo: what was in todo.md?\n' });
    const body = runtimeRequests(emulator).at(-1)?.body as {
      messages: { content: unknown[] }[];
      toolConfig?: unknown;
    };
    expect(body.toolConfig).toBeUndefined();
    expect(body.messages[6]?.content).toEqual([
      { text: '[tool result of fs__read_file: - a tool loop]' },
      {
        text: '[tool error of fs__read_file: Interrupted: the user cancelled the turn before the tool finished.]',
      },
    ]);
  });
});

describe.concurrent('the native addon', () => {
  it('1: built for another Node.js fails before the call with the exact rebuild command; --no-save works', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    // The CLI as npm installs it, with an addon left from the Node.js used before a version switch.
    const { dir: installed, bin } = installedCopy('other-abi', onTestFinished);
    const addonPackage = join(installed, 'node_modules', 'better-sqlite3');
    mkdirSync(join(addonPackage, 'build', 'Release'), { recursive: true });
    writeFileSync(join(addonPackage, 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}');
    const otherAbi = Number(process.versions.modules) - 1;
    const source = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'other-abi-addon.c');
    const addon = join(addonPackage, 'build', 'Release', 'better_sqlite3.node');
    execFileSync('cc', ['-shared', '-fPIC', `-DABI=${otherAbi}`, '-o', addon, source]);

    for (const args of [['hi'], ['conversations', 'list']]) {
      const failed = await run(args, { bin });
      expect(failed).toMatchObject({ code: 1, stdout: '' });
      expect(failed.stderr).toContain(
        `error: The conversation store cannot open: better-sqlite3's native addon was built for another Node.js version (NODE_MODULE_VERSION ${otherAbi}; Node.js ${process.version} needs ${process.versions.modules}).`,
      );
      expect(failed.stderr).toContain(`\`cd ${installed} && npm rebuild better-sqlite3\``);
      expect(failed.stderr).not.toContain('unexpected failure');
    }
    expect(runtimeRequests(emulator)).toEqual([]);
    expect(await run(['--no-save', 'hi'], { bin })).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
  });
});
