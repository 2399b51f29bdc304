import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Emulator } from '@bedrock-chat/bedrock-emulator';
import type { ConversationStore } from '@bedrock-chat/core';
import { openDynamoStore } from '@bedrock-chat/core/dynamodb';
import { openSqliteStore } from '@bedrock-chat/core/sqlite';
import { startDynamoLocal, useDynamoLocal } from '@bedrock-chat/core/testing';
import { describe, it } from 'vitest';
import { tableLayout } from './dynamo-check.js';
import { type DynamoProxy, startDynamoProxy } from './dynamo-proxy.js';
import { latestId, type RunResult, runtimeRequests, setup } from './e2e-harness.js';
import { FILES, fillStoreToMove } from './store-to-move.js';

/**
 * Several bedrock-chat processes on one stored conversation, against DynamoDB Local (AWS's own
 * engine) and SQLite: the conflict rule across processes, writers killed mid-turn, and DynamoDB
 * going away mid-run. Replies are held in the emulator so every writer is inside its model call
 * at once; DynamoDB requests pass a proxy that can hold a write at the wire.
 */

const local = useDynamoLocal();

type StoreKind = 'sqlite' | 'dynamodb';
type Finished = (cleanup: () => Promise<void>) => void;

interface Fixture {
  emulator: Emulator;
  run: (
    args: string[],
    options?: { onSpawn?: (child: ChildProcess) => void; timeoutMs?: number },
  ) => Promise<RunResult>;
  /** The store as the CLI sees it, opened in the test (close it). */
  open: () => ConversationStore;
  /** DynamoDB only: the table's raw layout, and the proxy the CLI's DynamoDB requests go through. */
  layout: () => Promise<ReturnType<typeof tableLayout>>;
  proxy: DynamoProxy | undefined;
}

async function fixture(kind: StoreKind, onTestFinished: Finished, dynamo = local): Promise<Fixture> {
  const { emulator, home, run } = await setup(onTestFinished);
  if (kind === 'sqlite') {
    const path = join(home, 'conversations.db');
    return {
      emulator,
      run: (args, options) => run(args, options),
      open: () => openSqliteStore({ path }),
      layout: async () => ({ conversations: new Map(), orphanChunks: 0, files: new Map(), problems: [] }),
      proxy: undefined,
    };
  }
  const table = await dynamo.createTable();
  const proxy = await startDynamoProxy(dynamo.endpoint);
  onTestFinished(() => proxy.close());
  const env = {
    ...dynamo.env,
    AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
    BEDROCK_CHAT_STORE: `dynamodb://${table}`,
  };
  return {
    emulator,
    run: (args, options) => run(args, { env, ...options }),
    open: () => openDynamoStore({ url: `dynamodb://${table}`, env: dynamo.env }),
    layout: async () => tableLayout(await dynamo.items(table)),
    proxy,
  };
}

async function readBack(open: () => ConversationStore, id: string) {
  const store = open();
  try {
    const conversation = await store.get(id);
    const { conversations } = await store.list();
    const texts = conversation.messages.map((message) =>
      message.content.map((block) => ('text' in block ? block.text : '')).join(''),
    );
    return { conversation, texts, listed: conversations };
  } finally {
    await store.close();
  }
}

/** Resolves once the emulator has received `count` model calls. */
async function modelCalls(emulator: Emulator, count: number): Promise<void> {
  while (runtimeRequests(emulator).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** 16 Node processes at once on a loaded 2-core machine can take a minute to get going. */
const WRITERS_TIMEOUT_MS = 150_000;

const CONFLICT =
  /error: Conversation (\w+) changed while this turn was running: it has 4 messages, 2 were expected\./;

describe.each<StoreKind>(['dynamodb', 'sqlite'])(
  '16 bedrock-chat processes continuing one conversation (%s)',
  (kind) => {
    it(
      'exactly one saves its turn; the other 15 print their reply, fail CONVERSATION_CONFLICT and store nothing',
      async ({ expect, onTestFinished }) => {
        const { emulator, run, open, layout } = await fixture(kind, onTestFinished);
        expect((await run(['first question'])).code).toBe(0);
        const id = await latestId(run);
        // Every writer loads the conversation at 2 messages and rehearses its write before its model
        // call; holding the replies until all 16 are in makes them all race from the same position.
        const release = emulator.hold();
        const writers = Array.from({ length: 16 }, (_, index) =>
          run(['--conversation', String(id), `writer ${index}`], { timeoutMs: WRITERS_TIMEOUT_MS }),
        );
        await modelCalls(emulator, 17);
        release();
        const results = await Promise.all(writers);

        const winners = results.flatMap((result, index) => (result.code === 0 ? [index] : []));
        expect(winners).toHaveLength(1);
        results.forEach((result, index) => {
          // Nobody's reply is lost: each writer printed its own.
          expect(result.stdout).toBe(`Echo: writer ${index}\n`);
          if (index === winners[0]) return;
          expect(result.code).toBe(1);
          expect(result.stderr).toMatch(CONFLICT);
          expect(result.stderr).toContain(
            'hint: Another process added to this conversation. Nothing was saved',
          );
        });
        const winner = winners[0];
        const { conversation, texts, listed } = await readBack(open, String(id));
        expect(texts).toEqual([
          'first question',
          'Echo: first question',
          `writer ${winner}`,
          `Echo: writer ${winner}`,
        ]);
        expect(listed).toHaveLength(1);
        expect(listed[0]).toEqual((({ messages: _messages, ...summary }) => summary)(conversation));
        expect((await layout()).problems).toEqual([]);
      },
      2 * WRITERS_TIMEOUT_MS,
    );
  },
);

describe.each<StoreKind>(['dynamodb', 'sqlite'])('writers killed during the model call (%s)', (kind) => {
  it('leave the conversation as it was, and the next turn continues it', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run, open, layout } = await fixture(kind, onTestFinished);
    expect((await run(['before the kill'])).code).toBe(0);
    const id = String(await latestId(run));
    const release = emulator.hold();
    onTestFinished(async () => release());
    const children: ChildProcess[] = [];
    const killed = Array.from({ length: 4 }, (_, index) =>
      run(['--conversation', id, `killed ${index}`], { onSpawn: (child) => children.push(child) }),
    );
    await modelCalls(emulator, 5);
    for (const child of children) child.kill('SIGKILL');
    for (const result of await Promise.all(killed)) expect(result.signal).toBe('SIGKILL');
    release();
    expect((await readBack(open, id)).texts).toEqual(['before the kill', 'Echo: before the kill']);
    expect((await layout()).problems).toEqual([]);
    const next = await run(['--conversation', id, 'after the kill']);
    expect(next).toMatchObject({ code: 0, stdout: 'Echo: after the kill\n' });
    expect((await readBack(open, id)).conversation.messageCount).toBe(4);
  });
});

describe('writers killed during the DynamoDB write', () => {
  // Over 32 KiB: the prompt and the reply are each written as chunks before the transaction.
  const LONG = `long ${'x'.repeat(40 * 1024)}`;

  it.for<['drop' | 'forward', number]>([
    ['drop', 2],
    ['forward', 4],
  ])(
    'a transaction the proxy %ss after the writer died: the whole turn or none of it',
    async ([decision, count], { expect, onTestFinished }) => {
      const { run, open, layout, proxy } = await fixture('dynamodb', onTestFinished);
      expect((await run(['before the write'])).code).toBe(0);
      const id = String(await latestId(run));
      let writer: ChildProcess | undefined;
      // The writer dies with its transaction in flight: DynamoDB never gets it (drop), or gets it
      // from a client that is gone (forward). Either way there is no half of a turn to see.
      proxy?.intercept('TransactWriteItems', async () => {
        writer?.kill('SIGKILL');
        if (writer) await exited(writer);
        return decision;
      });
      const killed = await run(['--conversation', id, LONG], {
        onSpawn: (child) => {
          writer = child;
        },
      });
      expect(killed.signal).toBe('SIGKILL');
      // The reply reached the terminal before the save began.
      expect(killed.stdout.startsWith('Echo: long xxx')).toBe(true);
      proxy?.intercept('TransactWriteItems', async () => 'forward');
      await proxy?.idle();
      const { texts } = await readBack(open, id);
      // Compared by length and start: a failure should not print 40 KiB four times.
      const shape = (list: string[]) => list.map((text) => `${text.slice(0, 20)}… ${text.length}`);
      expect(shape(texts)).toEqual(
        shape(['before the write', 'Echo: before the write', LONG, `Echo: ${LONG}`].slice(0, count)),
      );
      const after = await layout();
      expect(after.problems).toEqual([]);
      // Dropped: the chunks written first stay behind, listed by no message and never read.
      expect(after.orphanChunks).toBe(decision === 'drop' ? 2 : 0);
      const next = await run(['--conversation', id, 'next turn']);
      expect(next.code).toBe(0);
      expect((await readBack(open, id)).conversation.messageCount).toBe(count + 2);
    },
  );
});

describe('DynamoDB Local stopped mid-run', () => {
  it('during the model call: the reply is printed and the save fails with a coded error; afterwards every turn fails before the model call', async ({
    expect,
    onTestFinished,
  }) => {
    const own = await startDynamoLocal();
    onTestFinished(() => own.stop());
    const { emulator, run } = await fixture('dynamodb', onTestFinished, own);
    expect((await run(['while it ran'])).code).toBe(0);
    const id = String(await latestId(run));
    const release = emulator.hold();
    const turn = run(['--conversation', id, 'as it stopped']);
    await modelCalls(emulator, 2);
    await own.stop();
    release();
    const stopped = await turn;
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe('Echo: as it stopped\n');
    expect(stopped.stderr).toMatch(
      /error: Cannot reach DynamoDB for the DynamoDB table \S+ in us-east-1 \(\w+\)\./,
    );
    expect(stopped.stderr).toContain('Nothing was saved; the conversation is as it was.');

    // Down before the turn: the rehearsal fails it before anything is sent, so nothing is billed.
    const before = runtimeRequests(emulator).length;
    const json = await run(['--conversation', id, '--json', 'while it is down']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'STORE_UNAVAILABLE', hint: expect.stringContaining('AWS_ENDPOINT_URL_DYNAMODB') },
    });
    const continued = await run(['-c', 'still down']);
    expect(continued).toMatchObject({ code: 1, stdout: '' });
    expect(continued.stderr).toContain('error: Cannot reach DynamoDB');
    expect(runtimeRequests(emulator)).toHaveLength(before);
  });
});

describe('doctor on a DynamoDB store', () => {
  it('reaches the table with the store credentials: a missing table fails with the store init hint, an existing one is readable and writable', async ({
    expect,
    onTestFinished,
  }) => {
    const { run } = await setup(onTestFinished);
    const missing = await run(['doctor', '--json'], {
      env: { ...local.env, BEDROCK_CHAT_STORE: 'dynamodb://no-such-table' },
    });
    const missingCheck = JSON.parse(missing.stdout).checks.find(
      (check: { name: string }) => check.name === 'conversation store',
    );
    // Was "writable, every page sound: (in memory)" without any call to DynamoDB.
    expect(missingCheck).toMatchObject({ status: 'fail', code: 'STORE_UNAVAILABLE' });
    expect(missingCheck.fix).toContain('bedrock-chat store init');
    expect(missing.code).not.toBe(0);
    const table = await local.createTable();
    const present = await run(['doctor', '--json'], {
      env: { ...local.env, BEDROCK_CHAT_STORE: `dynamodb://${table}` },
    });
    const presentCheck = JSON.parse(present.stdout).checks.find(
      (check: { name: string }) => check.name === 'conversation store',
    );
    expect(presentCheck).toEqual({
      name: 'conversation store',
      status: 'ok',
      summary: `readable and writable: dynamodb://${table}`,
      source: 'env BEDROCK_CHAT_STORE',
    });
    expect(present.code).toBe(0);
    // The rehearsal wrote nothing.
    expect(tableLayout(await local.items(table)).conversations.size).toBe(0);
  });
});

describe('moving a whole store: SQLite → DynamoDB → SQLite with export --all and import --keep-owners', () => {
  it('keeps every conversation, owner, title, time, message, file, tool step and reasoning, a conversation over 96 messages too', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const table = await local.createTable();
    const dynamo = ['--store', `dynamodb://${table}`];
    const env = local.env;
    let time = Date.parse('2026-11-01T08:00:00Z');
    const source = openSqliteStore({
      path: join(home, 'conversations.db'),
      now: () => {
        time += 1000;
        return new Date(time);
      },
    });
    const longId = await fillStoreToMove(source);
    await source.close();

    const withoutTimes = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => {
          const { exportedAt: _exportedAt, ...document } = JSON.parse(line);
          return document;
        });
    const first = await run(['conversations', 'export', '--all']);
    expect(first.code, first.stderr).toBe(0);
    const original = withoutTimes(first.stdout);
    expect(original.map((document) => document.conversation.owner)).toEqual([
      'alice@example.com',
      'alice@example.com',
      'bob',
      'local',
    ]);
    expect(original.map((document) => document.conversation.messageCount)).toEqual([132, 4, 4, 2]);
    // Each document carries its files: alice's report once per conversation that refers to it.
    expect(original.map((document) => Object.values(document.files).sort())).toEqual([
      [FILES.report],
      [FILES.report, FILES.chart, FILES.plot].sort(),
      [FILES.report, FILES.chart, FILES.plot].sort(),
      [],
    ]);

    const file = join(home, 'all.jsonl');
    expect((await run(['conversations', 'export', '--all', '-o', file])).stderr).toBe(
      `Wrote 4 conversations of 3 owners to ${file}.\n`,
    );
    const imported = await run(['conversations', 'import', file, '--keep-owners', ...dynamo], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(
      `Imported conversation ${longId} for alice@example.com ("Long, renamed", 132 messages).`,
    );
    const fromDynamo = await run(['conversations', 'export', '--all', ...dynamo], { env });
    expect(fromDynamo.code, fromDynamo.stderr).toBe(0);
    expect(withoutTimes(fromDynamo.stdout)).toEqual(original);
    const layout = tableLayout(await local.items(table));
    expect(layout.problems).toEqual([]);
    // Stored once per owner, counted once per message that refers to it.
    expect([...layout.files.values()].map((file) => file.refCount).sort()).toEqual([1, 1, 1, 1, 1, 2]);

    const back = await setup(onTestFinished);
    const again = join(back.home, 'from-dynamo.jsonl');
    await back.run(['conversations', 'export', '--all', '-o', again, ...dynamo], { env });
    expect((await back.run(['conversations', 'import', again, '--keep-owners'])).code).toBe(0);
    expect(withoutTimes((await back.run(['conversations', 'export', '--all'])).stdout)).toEqual(original);
    // Without --keep-owners everything is the local user's; every id is taken now, so nothing is.
    const twice = await back.run(['conversations', 'import', again]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Imported 0 of 4 conversations; 4 failed.');
  });
});

describe('a system prompt too large for a DynamoDB item', () => {
  it('is refused with a coded error before the model call: nothing billed that could not be saved', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const table = await local.createTable();
    const env = { ...local.env, BEDROCK_CHAT_STORE: `dynamodb://${table}` };
    // Too long for an argument (128 KiB each on Linux), not for a line of the REPL.
    const system = 'Follow the rules. '.repeat(23 * 1024);
    const refused = await run(['chat'], { env, stdin: `/system ${system}\nHello?\n/exit\n` });
    expect(refused.stderr).toContain('The system prompt is too large for a DynamoDB store');
    expect(refused.stderr).toContain('Nothing was sent to the model.');
    expect(runtimeRequests(emulator)).toHaveLength(0);
    expect(await local.items(table)).toEqual([]);
    // A shorter one is saved.
    const saved = await run(['chat'], {
      env,
      stdin: `/system ${system.slice(0, 300 * 1024)}\nHello?\n/exit\n`,
    });
    expect(saved.code, saved.stderr).toBe(0);
    expect(runtimeRequests(emulator)).toHaveLength(1);
    expect(tableLayout(await local.items(table)).conversations.size).toBe(1);
  });
});
