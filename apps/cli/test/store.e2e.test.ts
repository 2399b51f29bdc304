import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
