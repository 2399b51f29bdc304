// A separate process appending turns to one conversation, as a CLI run or the MCP server would.
// Usage: node append-child.mjs <sqliteModuleUrl> <dbPath> <conversationId> <label> <attempts> <startAtMs>
// Prints one JSON line: { label, appended: [texts], conflicts, errors }.
const [moduleUrl, path, conversationId, label, attempts, startAt] = process.argv.slice(2);
const { openSqliteStore } = await import(moduleUrl);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
while (Date.now() < Number(startAt)) await sleep(1);

const store = openSqliteStore({ path });
const appended = [];
let conflicts = 0;
const errors = [];
for (let attempt = 0; attempt < Number(attempts); attempt++) {
  const text = `${label}-${attempt}`;
  try {
    const loaded = await store.get(conversationId);
    // Stands in for the model call between loading the history and saving the reply.
    await sleep(Math.random() * 4);
    await store.appendMessages({
      conversationId,
      expectedPosition: loaded.messageCount,
      messages: [
        { role: 'user', content: [{ text }] },
        { role: 'assistant', content: [{ text: `reply to ${text}` }], stopReason: 'end_turn' },
      ],
    });
    appended.push(text);
  } catch (error) {
    if (error?.code === 'CONVERSATION_CONFLICT' && error?.details?.conversationUnchanged === true)
      conflicts++;
    else errors.push(`${error?.code ?? ''} ${error?.message ?? error}`);
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ label, appended, conflicts, errors })}\n`);
