import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { openSqliteStore } from '@bedrock-chat/core/sqlite';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDefaultDeps } from '../src/default-deps.js';
import { connect, testConfig } from './helpers/connect.js';
import { emulatorClient, tempHome } from './helpers/emulator-env.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

it('chat fails before calling Bedrock when the store is damaged where the turn would write', async () => {
  const home = tempHome();
  const path = join(home.path, 'conversations.db');
  const seeding = openSqliteStore({ path });
  const { id } = await seeding.create({
    title: 'Earlier',
    messages: [
      { role: 'user', content: [{ text: 'Hi' }] },
      { role: 'assistant', content: [{ text: 'Hello' }] },
    ],
  });
  await seeding.close();
  // Page 2 holds the conversations table, which every turn updates.
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.alloc(4096, 0xa7), 0, 4096, 4096);
  closeSync(file);

  const store = openSqliteStore({ path });
  const client = emulatorClient(emulator);
  const connection = await connect({
    store,
    runner: client,
    config: testConfig(),
    defaultModel: async () => (await client.config()).model.value,
  });
  try {
    for (const args of [{ prompt: 'New one' }, { prompt: 'Continue', conversationId: id }]) {
      const result = (await connection.client.callTool({ name: 'chat', arguments: args })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(result.content).toEqual([
        { type: 'text', text: expect.stringContaining(`The conversation store at ${path} is damaged`) },
      ]);
    }
    expect(emulator.requests.filter((request) => request.operation.startsWith('Converse'))).toEqual([]);
  } finally {
    await connection.close();
    client.close();
    await store.close();
    home.remove();
  }
});

it('logs that an existing 0-byte store was set up as a new one', async () => {
  const home = tempHome();
  const path = join(home.path, 'conversations.db');
  writeFileSync(path, '');
  const logged: string[] = [];
  const deps = await createDefaultDeps({
    config: testConfig(),
    env: { BEDROCK_CHAT_HOME: home.path },
    log: (message) => logged.push(message),
  });
  try {
    expect(logged).toEqual([
      `The conversation store ${path} was an empty file (0 bytes), so it was set up as a new, empty store. If it held conversations, they were lost before this run: only a backup of the file brings them back.`,
    ]);
  } finally {
    await deps.close();
    home.remove();
  }
});
