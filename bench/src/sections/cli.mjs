// Section 3: process start-up and a one-shot prompt, as a user at a terminal sees them.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appBin } from '../lib/app-bins.mjs';
import { probeAsk, runInterleaved } from '../lib/ask-probe.mjs';
import { MODEL_ID, PROMPT } from '../lib/bench-config.mjs';
import { summarize } from '../lib/stats.mjs';
import { timedRun } from '../lib/timed-process.mjs';

export const id = 'cli';
export const title = 'CLI start-up and one-shot';

const RAW_SCRIPT = fileURLToPath(new URL('../scripts/raw-sdk-ask.mjs', import.meta.url));
const IMPORT_COST = fileURLToPath(new URL('../scripts/import-cost.mjs', import.meta.url));
const MCP_SERVER_START = fileURLToPath(new URL('../scripts/mcp-server-start.mjs', import.meta.url));
// The one stdio MCP server of `ask --mcp`: @modelcontextprotocol/server-filesystem, started with node.
const FILESYSTEM_SERVER = fileURLToPath(
  new URL('../../node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', import.meta.url),
);

/**
 * `ask --schema` (issue 12): an ordinary JSON Schema, inline; Haiku 4.5 has native structured
 * output, so the request carries `outputConfig.textFormat` and the emulator answers a value of it.
 */
const SCHEMA = JSON.stringify({
  type: 'object',
  properties: { greeting: { type: 'string' } },
  required: ['greeting'],
});
const SCHEMA_REPLY = '{"greeting":"greeting"}';

/** The request `ask --schema` sent, checked to be the structured-output one; undefined if it failed. */
async function probeSchemaAsk(emulator, bin, env, notes) {
  try {
    const request = await probeAsk(emulator, [bin, 'ask', '--schema', SCHEMA, PROMPT], {
      env,
      expect: SCHEMA_REPLY,
    });
    if (request.body.outputConfig?.textFormat?.type !== 'json_schema') {
      throw new Error('bedrock-chat ask --schema sent no outputConfig.textFormat');
    }
    return request;
  } catch (error) {
    notes.push(`ask --schema left out: ${error.message.split('\n')[0]}`);
    return undefined;
  }
}

/** A directory for server-filesystem and a `.mcp.json` naming it `fs`. */
function mcpWorkspace(scratchDir) {
  const dir = mkdtempSync(join(scratchDir, 'cli-mcp-'));
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'todo.txt'), 'call Ann\n');
  const config = join(dir, '.mcp.json');
  const server = { command: process.execPath, args: [FILESYSTEM_SERVER, dir] };
  writeFileSync(config, JSON.stringify({ mcpServers: { fs: server } }));
  return { dir, config };
}
/** What a one-shot `ask` loads that the raw-SDK script does not, timed alone in fresh processes. */
const IMPORTS = [
  { label: '@aws-sdk/client-bedrock-runtime (both load it)', modules: ['@aws-sdk/client-bedrock-runtime'] },
  { label: '@bedrock-chat/core (with zod)', modules: ['@bedrock-chat/core'] },
  { label: '@bedrock-chat/core/sqlite (with better-sqlite3)', modules: ['@bedrock-chat/core/sqlite'] },
  { label: 'commander', modules: ['app:cli:commander'] },
];

/** Median import time of each entry in IMPORTS, interleaved over `runs` fresh processes. */
async function importCosts(env, runs) {
  const samples = IMPORTS.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [index, entry] of IMPORTS.entries()) {
      try {
        const { stdout } = await timedRun(process.execPath, [IMPORT_COST, ...entry.modules], { env });
        samples[index].push(Number(stdout.trim()));
      } catch {
        // Not importable (yet): left out of the table.
      }
    }
  }
  return IMPORTS.flatMap((entry, index) =>
    samples[index].length ? [{ label: entry.label, importMs: summarize(samples[index]) }] : [],
  );
}

export async function run(context) {
  const { emulator, plan, log } = context;
  const { bin, missing } = appBin('cli', 'bedrock-chat.js');
  if (missing) return { status: 'skipped', reason: missing };
  emulator.reset();
  emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
  const env = {
    ...context.env,
    BEDROCK_CHAT_MODEL: MODEL_ID,
    BEDROCK_CHAT_HOME: mkdtempSync(join(context.scratchDir, 'cli-home-')),
    NO_COLOR: '1',
  };
  // `ask` is measured only if it works; `--version` still is when it does not.
  let request;
  let askError;
  try {
    request = await probeAsk(context.emulator, [bin, 'ask', PROMPT], { env, expect: `Echo: ${PROMPT}` });
  } catch (error) {
    askError = error.message.split('\n')[0];
  }
  const echo = `Echo: ${PROMPT}`;
  const notes = [];
  const schemaRequest = request ? await probeSchemaAsk(context.emulator, bin, env, notes) : undefined;
  const candidates = [
    { id: 'node-e-0', label: 'node -e 0', args: ['-e', '0'], env },
    { id: 'version', label: 'bedrock-chat --version', args: [bin, '--version'], env },
  ];
  if (request) {
    const rawEnv = {
      ...env,
      BENCH_MODEL_ID: request.modelId,
      BENCH_CONVERSE_INPUT: JSON.stringify(request.body),
      BENCH_STREAM: request.operation === 'ConverseStream' ? '1' : '0',
    };
    candidates.push(
      {
        id: 'raw-sdk-script',
        label: 'raw-SDK script, same call',
        args: [RAW_SCRIPT],
        env: rawEnv,
        expect: echo,
      },
      { id: 'ask', label: 'bedrock-chat ask (saves)', args: [bin, 'ask', PROMPT], env, expect: echo },
      {
        // What a first run costs: Node 20 compiles every chunk again without the CLI's code cache
        // (compile-cache.ts; Node 22+ has its own), which every later `ask` above reuses.
        id: 'ask-cold',
        label: 'bedrock-chat ask, no code cache (a first run: NODE_DISABLE_COMPILE_CACHE=1)',
        args: [bin, 'ask', PROMPT],
        env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' },
        expect: echo,
        optional: true,
      },
      {
        id: 'ask-no-save',
        label: 'bedrock-chat ask --no-save',
        args: [bin, 'ask', '--no-save', PROMPT],
        env,
        expect: echo,
        optional: true,
      },
    );
    if (schemaRequest) {
      candidates.push(
        {
          id: 'raw-sdk-schema-script',
          label: 'raw-SDK script, same call as ask --schema (parses the JSON)',
          args: [RAW_SCRIPT],
          env: {
            ...env,
            BENCH_MODEL_ID: schemaRequest.modelId,
            BENCH_CONVERSE_INPUT: JSON.stringify(schemaRequest.body),
            BENCH_STREAM: schemaRequest.operation === 'ConverseStream' ? '1' : '0',
            BENCH_REPLY: 'json',
          },
          expect: SCHEMA_REPLY,
        },
        {
          id: 'ask-schema',
          label: 'bedrock-chat ask --schema (saves)',
          args: [bin, 'ask', '--schema', SCHEMA, PROMPT],
          env,
          expect: SCHEMA_REPLY,
        },
      );
    }
    if (existsSync(FILESYSTEM_SERVER)) {
      const workspace = mcpWorkspace(context.scratchDir);
      candidates.push(
        {
          id: 'ask-mcp',
          label: 'bedrock-chat ask --no-save --mcp fs (server-filesystem, stdio)',
          args: [bin, 'ask', '--no-save', '--mcp-config', workspace.config, '--mcp', 'fs', PROMPT],
          env,
          expect: echo,
          optional: true,
        },
        {
          id: 'mcp-server-start',
          label: 'server-filesystem alone: spawn → handshake → tools/list',
          args: [MCP_SERVER_START, FILESYSTEM_SERVER, workspace.dir],
          env,
          // The script's own clock: the server's start-up, without a Node process of ours around it.
          printsMs: true,
          optional: true,
        },
      );
    }
  }
  const runOnce = async (command) => {
    const { wallMs, stdout } = await timedRun(process.execPath, command.args, { env: command.env });
    if (command.expect && !stdout.includes(command.expect)) {
      throw new Error(`${command.label} printed ${JSON.stringify(stdout.slice(0, 200))}`);
    }
    if (command.printsMs) {
      const printed = Number(stdout.trim());
      if (!Number.isFinite(printed)) throw new Error(`${command.label} printed ${JSON.stringify(stdout)}`);
      return printed;
    }
    return wallMs;
  };
  const commands = [];
  for (const command of candidates) {
    try {
      await runOnce(command);
      commands.push({ ...command, samples: [] });
    } catch (error) {
      if (!command.optional) throw error;
      notes.push(`${command.label} left out: ${error.message.split('\n')[0]}`);
    }
  }
  await runInterleaved(commands, plan, runOnce);
  log(
    `  ${plan.processRuns} interleaved runs of each of ${commands.length} commands (after ${plan.processWarmupRounds} warm-up rounds)`,
  );
  const imports = await importCosts(env, plan.importRuns);
  return {
    status: 'ok',
    setup: {
      runs: plan.processRuns,
      warmupRounds: plan.processWarmupRounds,
      askOperation: request?.operation,
      askRequestBody: request?.body,
      askSchemaRequestBody: schemaRequest?.body,
      measuredAs:
        "wall time from spawn to exit in the orchestrator; stdout is a pipe (no TTY); the warm-up runs fill the CLI's code cache, as any earlier run does",
    },
    commands: commands.map((command) => ({
      id: command.id,
      label: command.label,
      wallMs: summarize(command.samples),
    })),
    imports,
    ...(askError ? { askError } : {}),
    notes,
  };
}
