// Section 4: the MCP server's `chat` tool over stdio, against core called directly.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appBin } from '../lib/app-bins.mjs';
import { MODEL_ID, PROMPT } from '../lib/bench-config.mjs';
import { startWorker } from '../lib/child-worker.mjs';
import { median, summarize } from '../lib/stats.mjs';

export const id = 'mcp';
export const title = 'MCP server';

const DRIVER = fileURLToPath(new URL('../workers/mcp-driver.mjs', import.meta.url));
const CONCURRENT_CALLS = 32;
const MODEL_LATENCY_MS = 200;
const SINGLE_CALLS_PER_REP = 3;

/** Calls `work` and checks the emulator saw `expected` successful Converse requests for the model. */
async function checked(emulator, expected, work) {
  emulator.clearRequests();
  const result = await work();
  const calls = emulator.requests.filter((request) => request.operation.startsWith('Converse'));
  const ok = calls.filter((request) => request.status === 200 && request.modelId === MODEL_ID);
  if (calls.length !== expected || ok.length !== expected) {
    throw new Error(
      `expected ${expected} successful Converse requests, saw ${calls.length} (${ok.length} ok)`,
    );
  }
  emulator.clearRequests();
  return result;
}

export async function run(context) {
  const { emulator, plan, log } = context;
  const { bin, missing } = appBin('mcp-server', 'bedrock-chat-mcp.js');
  if (missing) return { status: 'skipped', reason: missing };
  emulator.reset();
  emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
  const env = {
    ...context.env,
    BEDROCK_CHAT_MODEL: MODEL_ID,
    BEDROCK_CHAT_HOME: mkdtempSync(join(context.scratchDir, 'mcp-home-')),
  };
  const driver = startWorker(DRIVER, {
    args: [bin, PROMPT, mkdtempSync(join(context.scratchDir, 'mcp-direct-'))],
    env,
  });
  try {
    const info = await driver.ready;
    const roundTrip = async (count) => {
      const per = info.directStore ? 3 : 2;
      return checked(emulator, count * per, () => driver.call('roundTrips', { count }));
    };
    await roundTrip(20);
    const { samples, serverCpuMsPerCall } = await roundTrip(plan.mcpRoundTrips);
    log(
      `  round trip: ${plan.mcpRoundTrips} interleaved rounds (MCP, core complete${info.directStore ? ', core sendPrompt + SQLite' : ''})`,
    );

    // One timed batch on the young server (after only the round trips), for the record.
    emulator.setDefaults({ ttftMs: MODEL_LATENCY_MS });
    const young = await checked(emulator, CONCURRENT_CALLS, () =>
      driver.call('concurrent', { count: CONCURRENT_CALLS, target: 'mcp' }),
    );
    emulator.setDefaults({ ttftMs: 0 });
    // An MCP server lives for a whole client session: measure it warm. Untimed batches of
    // concurrent calls (no model latency) let V8 finish compiling the hot paths, which in a young
    // process competes with the calls for the 2 cores.
    for (let batch = 0; batch < plan.mcpConcurrentWarmupBatches; batch++) {
      await checked(emulator, CONCURRENT_CALLS, () =>
        driver.call('concurrent', { count: CONCURRENT_CALLS, target: 'mcp' }),
      );
    }
    emulator.setDefaults({ ttftMs: MODEL_LATENCY_MS });
    const singles = [];
    const walls = [];
    const directWalls = [];
    let lastLatencies = [];
    const concurrentServerCpu = [];
    for (let rep = 0; rep < plan.mcpConcurrentReps; rep++) {
      const one = await checked(emulator, SINGLE_CALLS_PER_REP, () =>
        driver.call('single', { count: SINGLE_CALLS_PER_REP, target: 'mcp' }),
      );
      singles.push(...one.samples);
      const many = await checked(emulator, CONCURRENT_CALLS, () =>
        driver.call('concurrent', { count: CONCURRENT_CALLS, target: 'mcp' }),
      );
      walls.push(many.wallMs);
      concurrentServerCpu.push(many.serverCpuMsPerCall);
      lastLatencies = many.latencies;
      const direct = await checked(emulator, CONCURRENT_CALLS, () =>
        driver.call('concurrent', { count: CONCURRENT_CALLS, target: 'direct' }),
      );
      directWalls.push(direct.wallMs);
    }
    log(
      `  concurrency: ${plan.mcpConcurrentReps} reps of ${CONCURRENT_CALLS} concurrent calls at ${MODEL_LATENCY_MS} ms model latency`,
    );
    const directSaved = samples.directSaved ? summarize(samples.directSaved) : undefined;
    return {
      status: 'ok',
      setup: {
        transport:
          'stdio, @modelcontextprotocol/sdk Client + StdioClientTransport spawning apps/mcp-server/bin',
        direct: 'createChatClient().complete in the driver process',
        directSaved: directSaved
          ? 'sendPrompt({ runner, store: openSqliteStore() }) — what the chat tool does, in-process'
          : (info.storeNote ?? 'not available'),
        roundTrips: plan.mcpRoundTrips,
        modelLatencyMs: MODEL_LATENCY_MS,
        concurrentCalls: CONCURRENT_CALLS,
        concurrentReps: plan.mcpConcurrentReps,
        concurrentWarmupCalls: plan.mcpConcurrentWarmupBatches * CONCURRENT_CALLS,
      },
      roundTrip: {
        mcpMs: summarize(samples.mcp),
        directMs: summarize(samples.direct),
        ...(directSaved ? { directSavedMs: directSaved } : {}),
        serverCpuMsPerCall,
      },
      concurrent: {
        singleMs: summarize(singles),
        wallMs: summarize(walls),
        directWallMs: summarize(directWalls),
        lastBatchLatencyMs: summarize(lastLatencies),
        overlapFactor: (median(singles) * CONCURRENT_CALLS) / median(walls),
        serverCpuMsPerCall: median(concurrentServerCpu),
        youngServer: { wallMs: young.wallMs, serverCpuMsPerCall: young.serverCpuMsPerCall },
      },
    };
  } finally {
    await driver.close();
  }
}
