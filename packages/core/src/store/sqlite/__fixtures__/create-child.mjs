// Opens the store (creating it if needed) and creates one conversation, as a first CLI run would.
// Usage: node create-child.mjs <sqliteModuleUrl> <dbPath> <title>
const [moduleUrl, path, title] = process.argv.slice(2);
const { openSqliteStore } = await import(moduleUrl);

const store = openSqliteStore({ path });
const { id } = await store.create({ title });
await store.close();
process.stdout.write(`${id}\n`);
