// Opens the store as the user this process runs as and lists it, as `conversations list` would.
// Usage: node open-child.mjs <sqliteModuleUrl> <dbPath> <read-only|read-write>
// Prints {"titles":[…],"notice":…} or {"error":{"code","message"}}.
const [moduleUrl, path, mode] = process.argv.slice(2);
const { openSqliteStore } = await import(moduleUrl);

try {
  const store = openSqliteStore({ path, readOnly: mode === 'read-only' });
  const page = await store.list();
  await store.close();
  const titles = page.conversations.map((conversation) => conversation.title);
  process.stdout.write(JSON.stringify({ titles, notice: store.notice ?? null }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: { code: error.code, message: error.message } }));
}
