// Round-trip overhead of a `chat` call over stdio compared with calling core directly.
// Both sides run the same turn (core's sendPrompt: new conversation, Converse against the local
// emulator, SQLite write); the difference is what MCP adds: JSON-RPC over pipes, input and output
// validation, and the server's own checks. Needs `pnpm build` first. Usage:
//   node bench/stdio-overhead.mjs [--calls 50] [--warmup 10]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { startEmulator } = await import('@bedrock-chat/bedrock-emulator');
const { createChatClient, sendPrompt } = await import('@bedrock-chat/core');
const { openSqliteStore } = await import('@bedrock-chat/core/sqlite');
const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '50' }, warmup: { type: 'string', default: '10' } },
});
const calls = Number(values.calls);
const warmup = Number(values.warmup);
const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const prompt = 'Summarise the benefits of measuring before optimising, in one sentence.';

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

/**
 * Warms both paths up, then alternates them call by call (in alternating order) so that load
 * from other processes on the machine hits both alike.
 */
async function measureInterleaved(paths) {
  for (const path of paths) for (let index = 0; index < warmup; index++) await path.once();
  const samples = paths.map(() => []);
  for (let index = 0; index < calls; index++) {
    const order = index % 2 === 0 ? paths.map((_, i) => i) : paths.map((_, i) => paths.length - 1 - i);
    for (const which of order) {
      const started = performance.now();
      await paths[which].once();
      samples[which].push(performance.now() - started);
    }
  }
  return paths.map((path, which) => ({ label: path.label, ...stats(samples[which]) }));
}

const emulator = await startEmulator();
const directHome = mkdtempSync(join(tmpdir(), 'bench-direct-'));
const mcpHome = mkdtempSync(join(tmpdir(), 'bench-mcp-'));
const awsEnv = {
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
  AWS_BEARER_TOKEN_BEDROCK: 'test',
  AWS_REGION: 'us-east-1',
};

try {
  const client = createChatClient({ env: awsEnv, dotenvDir: false, configFile: false });
  const store = openSqliteStore({ path: join(directHome, 'conversations.db') });
  const mcp = new Client({ name: 'bench', version: '1.0.0' });
  await mcp.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [binPath],
      env: { ...awsEnv, BEDROCK_CHAT_HOME: mcpHome, HOME: mcpHome, PATH: process.env.PATH ?? '' },
    }),
  );
  await mcp.listTools();
  const [direct, overStdio] = await measureInterleaved([
    {
      label: 'core sendPrompt (in process)',
      once: () => sendPrompt({ runner: client, store, prompt }),
    },
    {
      label: 'MCP chat over stdio',
      async once() {
        const result = await mcp.callTool({ name: 'chat', arguments: { prompt } });
        if (result.isError) throw new Error(JSON.stringify(result.content));
      },
    },
  ]);
  await mcp.close();
  client.close();
  await store.close();

  const rows = [direct, overStdio].map((row) => ({
    '': row.label,
    'median ms': row.median.toFixed(2),
    'p90 ms': row.p90.toFixed(2),
    'min ms': row.min.toFixed(2),
    'max ms': row.max.toFixed(2),
  }));
  console.log(
    `${calls} calls each, interleaved, after ${warmup} warm-up calls each; emulator on ${emulator.url}`,
  );
  console.table(rows);
  const overhead = overStdio.median - direct.median;
  console.log(`stdio overhead (median difference): ${overhead.toFixed(2)} ms per call`);
} finally {
  await emulator.close();
  rmSync(directHome, { recursive: true, force: true });
  rmSync(mcpHome, { recursive: true, force: true });
}
