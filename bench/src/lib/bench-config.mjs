import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bench/` and the monorepo root. */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_DIR = join(BENCH_DIR, '..');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
/** Scratch space (git-ignored by the root .gitignore): the children's HOME, data dirs, quick results. */
export const TMP_DIR = join(RESULTS_DIR, 'tmp');

/** Every library, CLI and MCP call uses this model id, region, prompt and credentials mode. */
export const MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
export const REGION = 'us-east-1';
export const PROMPT = 'Say hello to the benchmark in one short sentence.';
/** A Bedrock API key (bearer auth): no SigV4 signing cost, the same for all four libraries. */
export const API_KEY = 'bench-api-key';
export const CREDENTIALS_MODE = 'bearer API key (AWS_BEARER_TOKEN_BEDROCK)';
/**
 * The tool loop (section 8, issue 13): the emulator's documented convention makes the model call
 * `lookup` twice, one step after the other, then answer quoting the last result — 3 model calls.
 */
export const TOOL_PROMPT = 'use lookup {"key":"a"} then use lookup {"key":"b"}';
export const TOOL_LOOP_MODEL_CALLS = 3;
/** What the loop's answer must contain: the second call's result, as the emulator quotes it. */
export const TOOL_LOOP_EXPECT = 'value-b';
/** The tool every library offers: JSON Schema input, a string result. */
export const LOOKUP_TOOL = {
  name: 'lookup',
  description: 'Looks a key up.',
  inputSchema: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
  run: ({ key }) => `value-${key}`,
};

/** maxTokens of the non-streaming calls (the echo reply is a few tokens; this only has to be sent). */
export const COMPLETE_MAX_TOKENS = 1024;

/**
 * The environment of every child: the emulator endpoint and the API key through the variables
 * each library reads by itself (as its users would set them), an empty HOME so no developer's
 * ~/.aws or bedrock-chat config leaks in, and none of the caller's AWS_* or BEDROCK_CHAT_* values.
 */
export function childEnv(emulatorUrl, extra = {}) {
  const home = join(TMP_DIR, 'home');
  mkdirSync(home, { recursive: true });
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|BEDROCK_CHAT_|NODE_OPTIONS$)/.test(name)),
  );
  return {
    ...inherited,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_BEARER_TOKEN_BEDROCK: API_KEY,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulatorUrl,
    AWS_ENDPOINT_URL_BEDROCK: emulatorUrl,
    ...extra,
  };
}

/** Iteration counts; quick mode is for development (about 2 minutes) and is marked in the results. */
export function benchPlan(quick) {
  return quick
    ? {
        warmupCalls: 100,
        sequentialCalls: 400,
        rounds: 4,
        concurrentCalls: 256,
        concurrency: 64,
        concurrentReps: 2,
        streamLongReps: 6,
        streamShortReps: 10,
        processRuns: 10,
        processWarmupRounds: 1,
        importRuns: 3,
        mcpRoundTrips: 30,
        mcpConcurrentReps: 2,
        mcpConcurrentWarmupBatches: 4,
        toolLoopWarmup: 20,
        toolLoops: 120,
        toolLoopRounds: 4,
      }
    : {
        warmupCalls: 300,
        sequentialCalls: 2000,
        // Many short rounds: each library meets the same machine state, so per-round ratios pair well.
        rounds: 20,
        concurrentCalls: 256,
        concurrency: 64,
        concurrentReps: 6,
        streamLongReps: 24,
        streamShortReps: 48,
        processRuns: 30,
        processWarmupRounds: 2,
        importRuns: 10,
        mcpRoundTrips: 100,
        mcpConcurrentReps: 15,
        mcpConcurrentWarmupBatches: 16,
        toolLoopWarmup: 50,
        toolLoops: 600,
        toolLoopRounds: 12,
      };
}
