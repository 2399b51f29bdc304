// Conversation store benchmark: fills a temporary SQLite store with 100,000 conversations and
// ~1,000,000 messages, then times the operations a user waits for. Run `pnpm bench` (builds first)
// or, after `pnpm --filter @bedrock-chat/core build`, `node bench/store-bench.mjs` in packages/core.
// Results: a table on stdout and bench/results/store.json. Figures are machine-dependent.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import {
  measure,
  measureReads,
  printResults,
  STORE_GOALS_MS,
  seededRandom,
  textMaker,
} from './bench-helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, '..', 'dist', 'sqlite.js');
if (!existsSync(built)) {
  console.error(`${built} is missing: run \`pnpm --filter @bedrock-chat/core build\` first.`);
  process.exit(1);
}
const { openSqliteStore } = await import(built);

const CONVERSATIONS = 100_000;
const MESSAGES_PER_CONVERSATION = 10;
const LONG_CONVERSATION_MESSAGES = 1_000;
const VOCABULARY_SIZE = 20_000;
const WORDS_PER_MESSAGE = 30;

const random = seededRandom();
const { vocabulary, sentence } = textMaker(random, {
  vocabularySize: VOCABULARY_SIZE,
  wordsPerMessage: WORDS_PER_MESSAGE,
});

const ULID = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(time) {
  let out = '';
  for (let i = 0, t = time; i < 10; i++, t = Math.floor(t / 32)) out = ULID[t % 32] + out;
  for (let i = 0; i < 16; i++) out += ULID[Math.floor(random() * 32)];
  return out;
}

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-bench-'));
// BENCH_DB=/some/file.db keeps the filled database for repeated runs while tuning.
const path = process.env.BENCH_DB ?? join(root, 'conversations.db');
const reuse = process.env.BENCH_DB !== undefined && existsSync(path);
try {
  if (!reuse) await openSqliteStore({ path }).close();

  // Bulk load: bypasses the public API (one transaction, prepared statements) but the schema,
  // triggers and FTS index are the real ones.
  const fillStart = performance.now();
  const db = new Database(path);
  const conversations = [];
  let messageTotal = 0;
  if (reuse) {
    for (const row of db.prepare('SELECT id, message_count FROM conversations ORDER BY created_at').all()) {
      conversations.push({ id: row.id, count: row.message_count });
      messageTotal += row.message_count;
    }
  } else {
    db.pragma('synchronous = OFF');
    const insertConversation = db.prepare(`INSERT INTO conversations
    (id, title, model, system_json, created_at, updated_at, message_count, input_tokens, output_tokens, cost_usd)
    VALUES (?, ?, 'haiku', NULL, ?, ?, ?, ?, ?, ?)`);
    const insertMessage = db.prepare(`INSERT INTO messages
    (conversation_id, position, role, content_json, text, model_id, stop_reason, input_tokens, output_tokens,
     total_tokens, latency_ms, cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const yearAgo = Date.now() - 365 * 24 * 3600 * 1000;
    db.transaction(() => {
      for (let index = 0; index < CONVERSATIONS; index++) {
        const created = yearAgo + Math.floor((index / CONVERSATIONS) * 360 * 24 * 3600 * 1000);
        const count = index === 0 ? LONG_CONVERSATION_MESSAGES : MESSAGES_PER_CONVERSATION;
        const id = ulid(created);
        const updated = created + count * 60_000 + Math.floor(random() * 5 * 24 * 3600 * 1000);
        insertConversation.run(
          id,
          sentence().slice(0, 60),
          created,
          updated,
          count,
          count * 50,
          count * 100,
          count * 0.0003,
        );
        for (let position = 0; position < count; position++) {
          const text = sentence();
          const assistant = position % 2 === 1;
          insertMessage.run(
            id,
            position,
            assistant ? 'assistant' : 'user',
            JSON.stringify([{ text }]),
            text,
            assistant ? 'us.anthropic.claude-haiku-4-5-20251001-v1:0' : null,
            assistant ? 'end_turn' : null,
            assistant ? 100 : null,
            assistant ? 200 : null,
            assistant ? 300 : null,
            assistant ? 900 : null,
            assistant ? 0.0006 : null,
            created + position * 60_000,
          );
        }
        messageTotal += count;
        conversations.push({ id, count });
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const fillSeconds = (performance.now() - fillStart) / 1000;

  const store = openSqliteStore({ path });
  const turn = (label) => [
    { role: 'user', content: [{ text: `${label} ${sentence()}` }] },
    {
      role: 'assistant',
      content: [{ text: sentence() }],
      modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      stopReason: 'end_turn',
      usage: { inputTokens: 100, outputTokens: 200, totalTokens: 300 },
      latencyMs: 900,
      costUsd: 0.0006,
    },
  ];
  const results = {
    appendTurn: {
      goalMs: STORE_GOALS_MS.appendTurn,
      ...(await measure(1_000, async () => {
        const target = conversations[1 + Math.floor(random() * (CONVERSATIONS - 1))];
        await store.appendMessages({
          conversationId: target.id,
          expectedPosition: target.count,
          messages: turn('bench'),
        });
        target.count += 2;
      })),
    },
  };
  const reads = await measureReads(store, vocabulary, conversations[0].id);
  Object.assign(results, reads.results);
  await store.close();

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    sqlite: new Database(':memory:').prepare('SELECT sqlite_version() AS v').get().v,
    cpu: `${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}`,
    // Other work on the machine inflates the figures; this says how busy it was.
    loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
    reusedDatabase: reuse,
    data: {
      conversations: CONVERSATIONS,
      messages: messageTotal,
      databaseMb: Math.round(statSync(path).size / 1e6),
      fillSeconds: Math.round(fillSeconds),
      averageSearchHitsPerPage: reads.averageSearchHitsPerPage,
    },
    results,
  };
  console.log(
    `${report.data.conversations} conversations, ${report.data.messages} messages, ${report.data.databaseMb} MB, filled in ${report.data.fillSeconds} s`,
  );
  printResults(results);
  const out = join(here, 'results', 'store.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${out}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
