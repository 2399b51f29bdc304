import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useDynamoLocal } from '@bedrock-chat/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { createDefaultDeps } from '../cli-deps.js';
import { runCli } from '../run-cli.js';

const local = useDynamoLocal();
let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'bc-store-init-'));
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env: { ...local.env, BEDROCK_CHAT_HOME: home, ...env } });
  const code = await runCli(argv, io, createDefaultDeps(io));
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

const EXPORT = {
  format: 'bedrock-chat/conversation',
  version: 2,
  exportedAt: '2026-12-01T12:00:00.000Z',
  conversation: {
    id: '01M8NTXDM09999999999999999',
    owner: 'local',
    title: 'Kept in DynamoDB',
    model: 'haiku',
    system: null,
    createdAt: '2026-12-01T12:00:00.000Z',
    updatedAt: '2026-12-01T12:00:00.000Z',
    messageCount: 2,
    inputTokens: 3,
    outputTokens: 1,
    costUsd: 0,
    messages: [
      {
        position: 0,
        role: 'user',
        content: [{ text: 'Hi' }],
        createdAt: '2026-12-01T12:00:00.000Z',
        modelId: null,
        stopReason: null,
        usage: null,
        latencyMs: null,
        costUsd: null,
      },
      {
        position: 1,
        role: 'assistant',
        content: [{ text: 'Hello.' }],
        createdAt: '2026-12-01T12:00:00.000Z',
        modelId: 'm',
        stopReason: 'end_turn',
        usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
        latencyMs: 5,
        costUsd: 0,
      },
    ],
  },
};

describe('bedrock-chat with a DynamoDB store (DynamoDB Local)', () => {
  it('store init creates the table once and prints the IAM policy', async () => {
    const first = await cli(['store', 'init', '--store', 'dynamodb://cli-chats']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('Created the DynamoDB table cli-chats in us-east-1 (on-demand billing).');
    const policy = JSON.parse(first.stdout);
    expect(policy.Statement[0].Action).toContain('dynamodb:Query');
    expect(policy.Statement[0].Resource).toBe('arn:aws:dynamodb:us-east-1:*:table/cli-chats');
    const again = await cli(['store', 'init'], { BEDROCK_CHAT_STORE: 'dynamodb://cli-chats' });
    expect(again.stderr).toContain('already exists; nothing changed');
  });

  it('imports, lists and shows conversations there, and refuses a search with the reason', async () => {
    await cli(['store', 'init', '--store', 'dynamodb://cli-listed']);
    const file = join(home, 'export.json');
    writeFileSync(file, JSON.stringify(EXPORT));
    const store = ['--store', 'dynamodb://cli-listed'];
    expect((await cli(['conversations', 'import', file, ...store])).code).toBe(0);
    const listed = await cli(['conversations', 'list', '--json', ...store]);
    expect(JSON.parse(listed.stdout).map((row: { title: string }) => row.title)).toEqual([
      'Kept in DynamoDB',
    ]);
    // The SQLite store in BEDROCK_CHAT_HOME is another store: nothing there.
    expect((await cli(['conversations', 'list', '--json'])).stdout).toBe('[]\n');
    const searched = await cli(['conversations', 'list', '--search', 'hello', ...store]);
    expect(searched.code).toBe(2);
    expect(searched.stderr).toContain('cannot search message text');
  });

  it('says the table is missing and how to create it', async () => {
    const missing = await cli(['conversations', 'list', '--store', 'dynamodb://no-table-here']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('The DynamoDB table no-table-here in us-east-1 does not exist.');
    expect(missing.stderr).toContain('bedrock-chat store init');
  });
});
