import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '@bedrock-chat/core/sqlite';
import { describe, it } from 'vitest';
import { runtimeRequests, setup } from './e2e-harness.js';

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

/** Overwrites `length` bytes at `offset` (negative: from the end), as a failing disk would. */
function damage(path: string, offset: number, length = PAGE): void {
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.alloc(length, 0xa7), 0, length, offset < 0 ? statSync(path).size + offset : offset);
  closeSync(file);
}

describe.concurrent('a damaged conversation store', () => {
  it('fails a new prompt before the model call when page 2 is damaged, and says so', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const path = join(home, 'conversations.db');
    await fillStore(path);
    expect(statSync(path).size).toBeGreaterThan(400_000);
    damage(path, PAGE);
    const asked = await run(['a new prompt']);
    expect(asked).toMatchObject({ code: 1, stdout: '' });
    expect(asked.stderr).toContain(`error: The conversation store at ${path} is damaged (SQLITE_CORRUPT).`);
    expect(asked.stderr).toContain(`\`sqlite3 ${path} .recover\``);
    expect(runtimeRequests(emulator)).toEqual([]);
  });

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
