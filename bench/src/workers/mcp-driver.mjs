// Drives the MCP server over stdio with the MCP SDK client, and calls core directly in this same
// process for comparison. The emulator runs in the orchestrator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@bedrock-chat/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { runPool, serveWorker } from '../lib/child-worker.mjs';

const [serverBin, prompt, directStoreDir] = process.argv.slice(2);
const expectText = `Echo: ${prompt}`;

const transport = new StdioClientTransport({
  command: process.execPath,
  // BENCH_CPU_PROF profiles the server too (see lib/child-worker.mjs).
  args: [
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
    serverBin,
  ],
  env: process.env,
  stderr: 'pipe',
});
let serverStderr = '';
transport.stderr?.on('data', (chunk) => {
  serverStderr = (serverStderr + chunk).slice(-4000);
});
const mcp = new Client({ name: 'bedrock-chat-bench', version: '0.0.0' });
await mcp.connect(transport);
const { tools } = await mcp.listTools();
if (!tools.some((tool) => tool.name === 'chat')) throw new Error('the MCP server has no chat tool');

const client = core.createChatClient();
// The chat tool saves every turn; the like-for-like direct call saves to a SQLite store too.
/** @type {any} */
const { sendPrompt } = core;
let store;
let storeNote;
if (typeof sendPrompt !== 'function') {
  storeNote = '@bedrock-chat/core does not export sendPrompt yet';
} else {
  try {
    const { openSqliteStore } = await import('@bedrock-chat/core/sqlite');
    store = openSqliteStore({ path: join(directStoreDir, 'direct.db') });
  } catch (error) {
    storeNote = `@bedrock-chat/core/sqlite not importable (${error.message.split('\n')[0]})`;
  }
}

async function mcpChat() {
  const result = await mcp.callTool({ name: 'chat', arguments: { prompt } });
  const text = result.content?.[0]?.text;
  if (result.isError || text !== expectText) {
    throw new Error(
      `chat tool returned ${JSON.stringify(result).slice(0, 500)}; server stderr: ${serverStderr}`,
    );
  }
}

async function directComplete() {
  const { text } = await client.complete(prompt);
  if (text !== expectText) throw new Error(`core returned ${text}`);
}

async function directSaved() {
  const { result, saved } = await sendPrompt({ runner: client, store, prompt });
  if (result.text !== expectText || !saved) throw new Error(`sendPrompt returned ${result.text}`);
}

/**
 * CPU time (ms) the MCP server process has used so far, from /proc (Linux; clock ticks of 10 ms,
 * so only differences over many calls mean anything). Undefined elsewhere.
 */
function serverCpuMs() {
  try {
    const stat = readFileSync(`/proc/${transport.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const timed = async (fn) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

/** `count` rounds of one call of each kind, the order rotating, so drift hits all kinds alike. */
async function roundTrips({ count }) {
  /** @type {Array<[string, () => Promise<void>]>} */
  const kinds = [
    ['mcp', mcpChat],
    ['direct', directComplete],
  ];
  if (store) kinds.push(['directSaved', directSaved]);
  const samples = Object.fromEntries(kinds.map(([name]) => [name, []]));
  const cpuBefore = serverCpuMs();
  for (let round = 0; round < count; round++) {
    for (let index = 0; index < kinds.length; index++) {
      const [name, fn] = kinds[(round + index) % kinds.length];
      samples[name].push(await timed(fn));
    }
  }
  return { samples, callsPerRound: kinds.length, serverCpuMsPerCall: (serverCpuMs() - cpuBefore) / count };
}

/** `count` calls at once; each call's latency and the wall time of the whole batch. */
async function concurrent({ count, target }) {
  const cpuBefore = serverCpuMs();
  const result = await runPool(count, count, target === 'mcp' ? mcpChat : directComplete);
  return { ...result, serverCpuMsPerCall: (serverCpuMs() - cpuBefore) / count };
}

async function single({ count, target }) {
  const samples = [];
  for (let index = 0; index < count; index++)
    samples.push(await timed(target === 'mcp' ? mcpChat : directComplete));
  return { samples };
}

serveWorker(
  { roundTrips, concurrent, single },
  {
    info: { directStore: store ? 'sqlite' : undefined, storeNote },
    onExit: async () => {
      await mcp.close();
      client.close();
      store?.close?.();
    },
  },
);
