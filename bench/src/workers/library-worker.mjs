// One library per process, so peak RSS and import cost are the library's own. Driven over IPC by
// the sections; the emulator runs in the parent process.
import { runPool, serveWorker } from '../lib/child-worker.mjs';

const adapterName = process.argv[2];
const modelId = process.argv[3];
const region = process.argv[4];

const importStarted = performance.now();
const library = await import(`../adapters/${adapterName}.mjs`);
const adapter = library.createAdapter({ modelId, region });
const importMs = performance.now() - importStarted;

let checkedText;

async function complete({ count, concurrency, prompt, maxTokens, expectText }) {
  let mismatches = 0;
  const cpuBefore = process.cpuUsage();
  const { latencies, wallMs } = await runPool(count, concurrency, async () => {
    const text = await adapter.complete(prompt, maxTokens);
    if (text !== expectText) {
      mismatches++;
      checkedText = text;
    }
  });
  if (mismatches > 0)
    throw new Error(`${mismatches} replies differ from the expected text, e.g. ${checkedText}`);
  return { latencies, wallMs, cpuUs: cpuSince(cpuBefore) };
}

/** Sequential tool loops; each answer must quote `expectIncludes` (the last tool result). */
async function toolLoop({ count, prompt, maxTokens, expectIncludes }) {
  const cpuBefore = process.cpuUsage();
  const { latencies, wallMs } = await runPool(count, 1, async () => {
    const text = await adapter.toolLoop(prompt, maxTokens);
    if (!text.includes(expectIncludes)) throw new Error(`the loop answered ${JSON.stringify(text)}`);
  });
  return { latencies, wallMs, cpuUs: cpuSince(cpuBefore) };
}

/**
 * Sequential streaming calls; per call: time to the first delta, total time and characters.
 * With `thinking` (Converse's `thinking` field) the reasoning deltas are counted apart and checked,
 * and the first delta is the first reasoning delta: that is what a user sees first (the CLI
 * streams it to stderr), and a first *text* delta would time the 4,000 reasoning tokens instead.
 */
async function stream({ count, prompt, maxTokens, expectChars, thinking, expectReasoningChars = 0 }) {
  const calls = [];
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    let firstDeltaAt = Number.NaN;
    let chars = 0;
    let reasoningChars = 0;
    const started = performance.now();
    const onText = (text) => {
      if (Number.isNaN(firstDeltaAt)) firstDeltaAt = performance.now();
      chars += text.length;
    };
    const onReasoning = (text) => {
      if (Number.isNaN(firstDeltaAt)) firstDeltaAt = performance.now();
      reasoningChars += text.length;
    };
    await adapter.stream(prompt, maxTokens, onText, thinking ? { thinking, onReasoning } : undefined);
    const ended = performance.now();
    if (chars !== expectChars) throw new Error(`streamed ${chars} characters, expected ${expectChars}`);
    if (reasoningChars !== expectReasoningChars) {
      throw new Error(`streamed ${reasoningChars} reasoning characters, expected ${expectReasoningChars}`);
    }
    calls.push({ ttftMs: firstDeltaAt - started, totalMs: ended - started });
  }
  return { calls, cpuUs: cpuSince(cpuBefore) };
}

/** User + system CPU time of this process since `before` (µs): less sensitive to other load than wall time. */
function cpuSince(before) {
  const { user, system } = process.cpuUsage(before);
  return user + system;
}

function usage() {
  const memory = process.memoryUsage();
  return { maxRssKb: process.resourceUsage().maxRSS, rssKb: Math.round(memory.rss / 1024) };
}

serveWorker(
  { complete, stream, toolLoop, usage },
  {
    info: { label: library.label, call: library.call, importMs, ...usage() },
    onExit: () => adapter.close(),
  },
);
