// Section 8 (issue 14): the DynamoDB store next to SQLite on the same operations, against DynamoDB
// Local, and MCP HTTP calls/s with one and with two `--stateless` instances on one table. Report
// only: DynamoDB Local is a Java process on this machine (no network, no throttling, no
// partitions), and two instances on two cores cannot show scaling.
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { appBin } from '../lib/app-bins.mjs';
import { MODEL_ID, PROMPT } from '../lib/bench-config.mjs';
import { startHttpInstance } from '../lib/http-instance.mjs';
import { summarize } from '../lib/stats.mjs';

export const id = 'team';
export const title = 'Team scale: DynamoDB store and stateless MCP HTTP';

const MCP_CONCURRENCY = 32;
const TOKEN = 'bench-team-token-0123456789abcdef';

const turnOf = (index) => [
  { role: 'user', content: [{ text: `Question ${index}: ${PROMPT}` }] },
  {
    role: 'assistant',
    content: [{ text: `Answer ${index}: hello, benchmark.` }],
    modelId: MODEL_ID,
    stopReason: 'end_turn',
    usage: { inputTokens: 20, outputTokens: 8, totalTokens: 28 },
    latencyMs: 100,
    costUsd: 0.0001,
  },
];

async function timed(count, work) {
  const samples = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await work(index);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** The three operations on one store; each result is checked, so a broken store cannot look fast. */
async function storeOperations(store, plan) {
  // Append a turn to a conversation of 20 messages, with the position check, as a turn does.
  const appended = await store.create({
    title: 'append',
    messages: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap(turnOf),
  });
  let position = appended.messageCount;
  const append = await timed(plan.appends, async (index) => {
    await store.appendMessages({
      conversationId: appended.id,
      expectedPosition: position,
      messages: turnOf(index),
    });
    position += 2;
  });
  if ((await store.get(appended.id)).messageCount !== position) throw new Error('appends lost a turn');

  for (let index = 0; index < 60; index++)
    await store.create({ title: `listed ${index}`, messages: turnOf(index) });
  const list = await timed(plan.reads, async () => {
    const page = await store.list({ limit: 50 });
    if (page.conversations.length !== 50) throw new Error(`list 50 gave ${page.conversations.length}`);
  });

  const long = await store.create({
    title: 'long',
    messages: Array.from({ length: 48 }, (_, index) => turnOf(index)).flat(),
  });
  // 1,000 messages: 96 at creation (one transaction's worth), then turns of 2.
  let count = long.messageCount;
  while (count < 1000) {
    const batch = Array.from({ length: Math.min(47, (1000 - count) / 2) }, (_, index) =>
      turnOf(count + index),
    ).flat();
    await store.appendMessages({ conversationId: long.id, expectedPosition: count, messages: batch });
    count += batch.length;
  }
  const load = await timed(plan.reads, async () => {
    const conversation = await store.get(long.id);
    if (conversation.messages.length !== 1000) throw new Error(`load gave ${conversation.messages.length}`);
  });
  return { append, list50: list, load1000: load };
}

async function storeComparison(context, plan) {
  const { openSqliteStore } = await import('@bedrock-chat/core/sqlite');
  const { openDynamoStore } = await import('@bedrock-chat/core/dynamodb');
  const { startDynamoLocal } = await import('@bedrock-chat/core/testing');
  const sqlite = openSqliteStore({
    path: join(mkdtempSync(join(context.scratchDir, 'team-sqlite-')), 'conversations.db'),
  });
  let sqliteResult;
  try {
    sqliteResult = await storeOperations(sqlite, plan);
  } finally {
    await sqlite.close();
  }
  const local = await startDynamoLocal();
  try {
    const table = await local.createTable();
    const dynamo = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    try {
      return { sqlite: sqliteResult, dynamodb: await storeOperations(dynamo, plan), local };
    } finally {
      await dynamo.close();
    }
  } finally {
    await local.stop();
  }
}

/** `calls` MCP `chat` calls from 32 clients at once, spread round-robin over `urls`; calls/s. */
async function mcpThroughput(urls, calls, emulator) {
  let next = 0;
  const clients = await Promise.all(
    Array.from({ length: MCP_CONCURRENCY }, async () => {
      const transport = new StreamableHTTPClientTransport(new URL(urls[0]), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
        fetch: (_input, init) => fetch(new URL(urls[next++ % urls.length]), init),
      });
      const client = new Client({ name: 'bench-team', version: '1.0.0' });
      await client.connect(transport);
      return client;
    }),
  );
  emulator.clearRequests();
  const ids = new Set();
  let remaining = calls;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (remaining > 0) {
        remaining -= 1;
        const result = await client.callTool({ name: 'chat', arguments: { prompt: PROMPT } });
        if (result.isError) throw new Error(`chat failed: ${JSON.stringify(result.content)}`);
        const content = /** @type {{ conversationId?: string } | undefined} */ (result.structuredContent);
        ids.add(content?.conversationId);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.close()));
  const converse = emulator.requests.filter((request) => request.operation.startsWith('Converse'));
  if (ids.size !== calls || converse.length !== calls) {
    throw new Error(
      `expected ${calls} saved conversations and Converse calls, saw ${ids.size} and ${converse.length}`,
    );
  }
  emulator.clearRequests();
  return { calls, seconds, callsPerSecond: calls / seconds };
}

async function mcpComparison(context, plan) {
  const { bin, missing } = appBin('mcp-server', 'bedrock-chat-mcp.js');
  if (missing) return { status: 'skipped', reason: missing };
  const { startDynamoLocal } = await import('@bedrock-chat/core/testing');
  const local = await startDynamoLocal();
  const instances = [];
  try {
    const home = mkdtempSync(join(context.scratchDir, 'team-mcp-'));
    const tokens = join(home, 'tokens.json');
    writeFileSync(tokens, JSON.stringify({ bench: [createHash('sha256').update(TOKEN).digest('hex')] }));
    chmodSync(tokens, 0o600);
    const store = `dynamodb://${await local.createTable()}`;
    const env = { ...context.env, ...local.env, BEDROCK_CHAT_HOME: home, BEDROCK_CHAT_MODEL: MODEL_ID };
    const args = ['--stateless', '--tokens', tokens, '--store', store];
    for (let index = 0; index < 2; index++) instances.push(await startHttpInstance(bin, args, env));
    const urls = instances.map((instance) => instance.url);
    await mcpThroughput(urls, MCP_CONCURRENCY, context.emulator); // warm-up, both instances
    const one = await mcpThroughput(urls.slice(0, 1), plan.mcpCalls, context.emulator);
    const two = await mcpThroughput(urls, plan.mcpCalls, context.emulator);
    return { status: 'ok', concurrency: MCP_CONCURRENCY, one, two };
  } finally {
    for (const instance of instances) await instance.stop();
    await local.stop();
  }
}

export async function run(context) {
  const { emulator, quick, log } = context;
  const plan = quick ? { appends: 20, reads: 10, mcpCalls: 64 } : { appends: 200, reads: 50, mcpCalls: 640 };
  emulator.reset();
  emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
  log('  stores: append a turn, list 50, load 1,000 messages (SQLite, then DynamoDB Local)');
  const { sqlite, dynamodb } = await storeComparison(context, plan);
  log(
    `  MCP HTTP: ${plan.mcpCalls} chat calls at concurrency ${MCP_CONCURRENCY}, one then two --stateless instances`,
  );
  const mcp = await mcpComparison(context, plan);
  return { status: 'ok', plan, stores: { sqlite, dynamodb }, mcp };
}
