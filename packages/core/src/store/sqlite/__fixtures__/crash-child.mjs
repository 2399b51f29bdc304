// Appends turns in a loop, printing each committed position, until it is killed.
// Usage: node crash-child.mjs <sqliteModuleUrl> <dbPath> <conversationId>
import { writeSync } from 'node:fs';

const [moduleUrl, path, conversationId] = process.argv.slice(2);
const { openSqliteStore } = await import(moduleUrl);

const store = openSqliteStore({ path });
// Large messages make each commit long enough that a kill often lands in the middle of one.
const filler = 'lorem ipsum dolor sit amet '.repeat(2_000);
for (;;) {
  const { messageCount } = await store.get(conversationId);
  await store.appendMessages({
    conversationId,
    expectedPosition: messageCount,
    messages: [
      { role: 'user', content: [{ text: `turn at ${messageCount} ${filler}` }] },
      { role: 'assistant', content: [{ text: `reply at ${messageCount + 1} ${filler}` }] },
    ],
  });
  // Synchronous: a line is out before the next write starts.
  writeSync(1, `${messageCount + 1}\n`);
}
