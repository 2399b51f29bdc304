import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.js';

/**
 * Several real processes on one database file. Child processes are plain Node, so they load the
 * built package (dist/sqlite.js); `pnpm test` builds first (turbo), a manual run needs a build.
 */
const builtModule = fileURLToPath(new URL('../../../dist/sqlite.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const run = promisify(execFile);

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-processes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(builtModule)) {
    throw new Error(
      `${builtModule} is missing: run \`pnpm --filter @bedrock-chat/core build\` before these tests.`,
    );
  }
});

interface ChildReport {
  label: string;
  appended: string[];
  conflicts: number;
  errors: string[];
}

const PROCESS_TEST_TIMEOUT = 60_000;

describe('SQLite store shared by several processes', () => {
  it(
    'lets 8 processes create a brand-new database at the same moment',
    async () => {
      const path = join(root, 'fresh', 'conversations.db');
      const children = Array.from({ length: 8 }, (_, index) =>
        run(process.execPath, [
          fixture('create-child.mjs'),
          pathToFileURL(builtModule).href,
          path,
          `first ${index}`,
        ]),
      );
      const ids = (await Promise.all(children)).map(({ stdout }) => stdout.trim());
      const store = openSqliteStore({ path });
      const { conversations } = await store.list();
      expect(conversations.map((conversation) => conversation.id).sort()).toEqual([...ids].sort());
      expect(await store.checkIntegrity()).toEqual(['ok']);
      await store.close();
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'never loses, duplicates or reorders a message when 8 processes append to one conversation',
    async () => {
      const path = join(root, 'shared.db');
      const setup = openSqliteStore({ path });
      const { id } = await setup.create({ title: 'Contended' });
      await setup.close();

      const startAt = Date.now() + 1_500;
      const children = Array.from({ length: 8 }, (_, index) =>
        run(process.execPath, [
          fixture('append-child.mjs'),
          pathToFileURL(builtModule).href,
          path,
          id,
          `p${index}`,
          '25',
          String(startAt),
        ]),
      );
      const reports: ChildReport[] = (await Promise.all(children)).map(({ stdout }) => JSON.parse(stdout));

      expect(reports.flatMap((report) => report.errors)).toEqual([]);
      const successes = reports.flatMap((report) => report.appended);
      const conflicts = reports.reduce((sum, report) => sum + report.conflicts, 0);
      expect(successes.length + conflicts).toBe(8 * 25);
      // The processes really did race: some turns were refused rather than interleaved.
      expect(conflicts).toBeGreaterThan(0);

      const store = openSqliteStore({ path });
      const { messages, messageCount } = await store.get(id);
      expect(messageCount).toBe(successes.length * 2);
      expect(messages.map((message) => message.position)).toEqual(messages.map((_, index) => index));
      const prompts = messages
        .filter((message) => message.role === 'user')
        .map((message) => message.content[0]);
      expect(prompts.map((block) => (block && 'text' in block ? block.text : '')).sort()).toEqual(
        [...successes].sort(),
      );
      messages.forEach((message, index) => {
        if (message.role === 'assistant') {
          const prompt = messages[index - 1]?.content[0];
          expect(message.content[0]).toEqual({
            text: `reply to ${prompt && 'text' in prompt ? prompt.text : ''}`,
          });
        }
      });
      expect(await store.checkIntegrity()).toEqual(['ok']);
      await store.close();
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'keeps every committed turn and a sound file when a writer is killed mid-write (SIGKILL)',
    async () => {
      const path = join(root, 'crash.db');
      const setup = openSqliteStore({ path });
      const { id } = await setup.create({ title: 'Crash test' });
      await setup.close();

      const child: ChildProcess = spawn(process.execPath, [
        fixture('crash-child.mjs'),
        pathToFileURL(builtModule).href,
        path,
        id,
      ]);
      const reported: number[] = [];
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          reported.push(...String(chunk).split('\n').filter(Boolean).map(Number));
          // Kill at a moment that depends on scheduling, usually in the middle of the next commit.
          if (reported.length >= 40) resolve();
        });
        child.on('exit', () => reject(new Error(`the child exited on its own: ${stderr}`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const store = openSqliteStore({ path });
      expect(await store.checkIntegrity()).toEqual(['ok']);
      const { messages } = await store.get(id);
      const positions = messages.map((message) => message.position);
      expect(positions).toEqual(positions.map((_, index) => index));
      expect(positions.length % 2).toBe(0);
      for (const position of reported) expect(positions).toContain(position);
      await store.close();
    },
    PROCESS_TEST_TIMEOUT,
  );
});
