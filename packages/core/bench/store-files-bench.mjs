// Store benchmark with files (issue 11): a temporary SQLite store with 10,000 conversations
// holding attachments (each first prompt an image shared with others and a document of its own),
// and one of 1,000 messages with 50 images, filled through the public API. Times list, search,
// loading the 1,000-message history (references only, and with its files read back as a turn
// sends them) and appending a turn with a new file, against the goals of store-bench.mjs. For
// contrast it also loads the same history with the files inline in the messages, as the store
// kept them before schema version 3. Run `pnpm bench`, or after
// `pnpm --filter @bedrock-chat/core build`, `node bench/store-files-bench.mjs` in packages/core
// (`--quick` or BENCH_QUICK=1: 1,000 conversations, to check that it runs; its figures say so).
// Results: a table on stdout and bench/results/store-files.json (the bench suite's section 5
// reads it beside store.json and judges the goals). Figures are machine-dependent.
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
const dist = join(here, '..', 'dist');
if (!existsSync(join(dist, 'sqlite.js'))) {
  console.error(`${dist}/sqlite.js is missing: run \`pnpm --filter @bedrock-chat/core build\` first.`);
  process.exit(1);
}
const { openSqliteStore } = await import(join(dist, 'sqlite.js'));
const { hydrateMessages } = await import(join(dist, 'index.js'));

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const CONVERSATIONS = QUICK ? 1_000 : 10_000;
const MESSAGES_PER_CONVERSATION = 10;
const SHARED_IMAGES = 500;
const IMAGE_BYTES = 48 * 1024;
const DOCUMENT_BYTES = 8 * 1024;
const LONG_CONVERSATION_MESSAGES = 1_000;
const LONG_CONVERSATION_IMAGES = 50;

const random = seededRandom(7);
const { vocabulary, sentence } = textMaker(random);
const bytesOf = (size) => {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 4) bytes.writeUInt32LE((random() * 0xffffffff) >>> 0, index);
  return bytes;
};
const sharedImages = Array.from({ length: SHARED_IMAGES }, () => bytesOf(IMAGE_BYTES).toString('base64'));
const image = (base64, name) => ({ image: { format: 'png', name, source: { bytes: base64 } } });
const reply = () => ({
  role: 'assistant',
  content: [{ text: sentence() }],
  modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  stopReason: 'end_turn',
  usage: { inputTokens: 1700, outputTokens: 200, totalTokens: 1900 },
  latencyMs: 900,
  costUsd: 0.0006,
});

/** A conversation's messages: the first prompt holds a shared image and a document of its own. */
function conversationMessages(index) {
  const messages = [];
  for (let position = 0; position < MESSAGES_PER_CONVERSATION; position += 2) {
    const content = [{ text: sentence() }];
    if (position === 0) {
      content.unshift(image(sharedImages[index % SHARED_IMAGES], `photo-${index % SHARED_IMAGES}.png`), {
        document: {
          name: `notes ${index}`,
          format: 'txt',
          source: { bytes: bytesOf(DOCUMENT_BYTES).toString('base64') },
        },
      });
    }
    messages.push({ role: 'user', content }, reply());
  }
  return messages;
}

/** 1,000 messages; every 20th prompt holds one of 50 images. */
function longConversationMessages() {
  const images = Array.from({ length: LONG_CONVERSATION_IMAGES }, () =>
    bytesOf(64 * 1024).toString('base64'),
  );
  const messages = [];
  for (let position = 0; position < LONG_CONVERSATION_MESSAGES; position += 2) {
    const content = [{ text: sentence() }];
    if (position % 40 === 0) content.unshift(image(images[position / 40], `chart-${position / 40}.png`));
    messages.push({ role: 'user', content }, reply());
  }
  return messages;
}

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-files-bench-'));
const path = join(root, 'conversations.db');
try {
  let now = Date.parse('2026-01-01T00:00:00Z');
  // A second apart, so every conversation has its own place in the last-use order.
  const tick = () => {
    now += 1000;
    return new Date(now);
  };
  const store = openSqliteStore({ path, now: tick });
  const fillStart = performance.now();
  const conversations = [];
  const long = await store.create({
    title: 'A long conversation with charts',
    messages: longConversationMessages(),
  });
  for (let index = 0; index < CONVERSATIONS; index++) {
    const created = await store.create({
      title: sentence().slice(0, 60),
      messages: conversationMessages(index),
    });
    conversations.push({ id: created.id, count: created.messageCount });
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;

  // The same long conversation with its files inline (base64 in content_json), as schema 2 kept
  // them: written under another id straight into the table, which still reads that form.
  const inlineId = '01JDQ5Z8M3X4B2N7K9P0R6S1TV';
  const raw = new Database(path);
  raw
    .prepare(`INSERT INTO conversations (id, owner, title, created_at, updated_at, message_count)
    VALUES (?, 'local', 'inline', 0, 0, ?)`)
    .run(inlineId, LONG_CONVERSATION_MESSAGES);
  const insertInline =
    raw.prepare(`INSERT INTO messages (conversation_id, position, role, content_json, text, created_at)
    VALUES (?, ?, ?, ?, '', 0)`);
  const hydratedLong = await hydrateMessages((await store.get(long.id)).messages, store.blobs);
  raw.transaction(() => {
    for (const [position, message] of hydratedLong.entries()) {
      insertInline.run(inlineId, position, message.role, JSON.stringify(message.content));
    }
  })();
  raw.close();

  const reads = await measureReads(store, vocabulary, long.id);
  const results = {
    ...reads.results,
    load1000MessagesWithFiles: {
      goalMs: null,
      ...(await measure(100, async () => hydrateMessages((await store.get(long.id)).messages, store.blobs))),
    },
    load1000MessagesFilesInline: { goalMs: null, ...(await measure(100, () => store.get(inlineId))) },
    appendTurnWithNewFile: {
      goalMs: STORE_GOALS_MS.appendTurn,
      ...(await measure(500, async () => {
        const target = conversations[Math.floor(random() * CONVERSATIONS)];
        const prompt = {
          role: 'user',
          content: [image(bytesOf(IMAGE_BYTES).toString('base64')), { text: 'And this?' }],
        };
        await store.appendMessages({
          conversationId: target.id,
          expectedPosition: target.count,
          messages: [prompt, reply()],
        });
        target.count += 2;
      })),
    },
  };
  await store.close();

  const files = new Database(path, { readonly: true });
  const blobStats = files.prepare('SELECT count(*) AS count, sum(size) AS bytes FROM blobs').get();
  const references = files.prepare('SELECT count(*) FROM message_blobs').pluck().get();
  files.close();
  const report = {
    date: new Date().toISOString(),
    ...(QUICK ? { quick: true } : {}),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}`,
    loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
    data: {
      conversations: CONVERSATIONS + 1,
      filesStored: blobStats.count,
      fileReferences: references,
      fileMb: Math.round(blobStats.bytes / 1e6),
      databaseMb: Math.round(statSync(path).size / 1e6),
      fillSeconds: Math.round(fillSeconds),
      averageSearchHitsPerPage: reads.averageSearchHitsPerPage,
    },
    results,
  };
  console.log(
    `${report.data.conversations} conversations, ${report.data.filesStored} files (${report.data.fileReferences} references, ${report.data.fileMb} MB), ${report.data.databaseMb} MB, filled in ${report.data.fillSeconds} s`,
  );
  printResults(results);
  // The goals are store-bench.mjs's (the store without files): files must not slow what a user waits for.
  const missed = Object.entries(results).filter(([, r]) => r.goalMs !== null && r.medianMs > r.goalMs);
  console.log(
    missed.length === 0
      ? `every goal met${QUICK ? ' (QUICK sizes)' : ''}`
      : `goals missed: ${missed.map(([name, r]) => `${name} ${r.medianMs.toFixed(2)} ms > ${r.goalMs} ms`).join(', ')}`,
  );
  const out = join(here, 'results', 'store-files.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${out}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
