import { createStoreTable, openDynamoTableClient } from '@bedrock-chat/core/dynamodb';
import { useDynamoLocal } from '@bedrock-chat/core/testing';
import { expect, it } from 'vitest';
import { createDefaultDeps } from '../src/default-deps.js';
import { testConfig } from './helpers/connect.js';

const local = useDynamoLocal();

it('serves conversations from a DynamoDB table with --store, shared by every instance on it', async () => {
  const url = 'dynamodb://mcp-team?region=us-east-1';
  const admin = openDynamoTableClient({ url, env: local.env });
  await createStoreTable(admin);
  admin.client.destroy();
  const logged: string[] = [];
  const first = await createDefaultDeps({
    config: testConfig(),
    env: local.env,
    store: url,
    log: (m) => logged.push(m),
  });
  // The other instance finds the table through BEDROCK_CHAT_STORE instead of the flag.
  const second = await createDefaultDeps({
    config: testConfig(),
    env: { ...local.env, BEDROCK_CHAT_STORE: url },
    log: (m) => logged.push(m),
  });
  try {
    expect(first.storeDescription).toBe('DynamoDB table mcp-team in us-east-1');
    const created = await first.store.forOwner('alice').create({
      title: 'Shared',
      messages: [
        { role: 'user', content: [{ text: 'Hi' }] },
        { role: 'assistant', content: [{ text: 'Hello.' }] },
      ],
    });
    expect((await second.store.forOwner('alice').get(created.id)).title).toBe('Shared');
    await expect(second.store.get(created.id)).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    expect(logged).toEqual([]);
  } finally {
    await first.close();
    await second.close();
  }
});
