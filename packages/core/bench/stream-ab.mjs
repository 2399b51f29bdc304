// Same-process A/B of core's streaming cost per event, next to the real AWS SDK's own decoding.
//
// The SDK client gets a fake request handler that answers ConverseStream at once with event-stream
// frames built in memory by the emulator's encoder (one chunk per frame, as HTTP/2 DATA frames
// arrive), so the SDK's deserialisation runs as in production while the emulator, the network and
// the other process are out of the way. Arms, taking turns round by round (order rotated):
//   raw       the SDK's ConverseStream iterated directly (what bench/src/adapters/raw-sdk.mjs does)
//   current   createChatClient().stream from ../dist (build first)
//   baseline  the same from another build, when `--baseline <dir>` names one (e.g. a copy of main's
//             dist in bench/.baseline/dist, git-ignored)
// Every arm shares the one SDK module, the heap, the JIT and the machine's noise. Reports CPU time
// (process.cpuUsage: user + system, GC included) per event with 95% confidence intervals over the
// rounds, and per-round paired ratios against `raw` and `baseline`. Prints JSON.
//
// Usage: node bench/stream-ab.mjs [--scenario long|thinking|all] [--rounds 30] [--streams 4]
//                                 [--warmup 10] [--baseline bench/.baseline/dist] [--source sdk|plain]
//                                 [--only raw,current,baseline]
// With `node --cpu-prof --cpu-prof-dir=<dir> bench/stream-ab.mjs --only current` for a profile.
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { encodeEvent, generateFillerText } from '@bedrock-chat/bedrock-emulator';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    rounds: { type: 'string', default: '30' },
    streams: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '10' },
    baseline: { type: 'string' },
    only: { type: 'string' },
    source: { type: 'string', default: 'sdk' },
  },
});
const ROUNDS = Number(args.rounds);
const STREAMS = Number(args.streams);
const WARMUP = Number(args.warmup);
const MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const CHUNK_CHARS = 16; // the emulator's default: 4 tokens of 4 characters per delta

function chunks(text) {
  const out = [];
  for (let start = 0; start < text.length; start += CHUNK_CHARS)
    out.push(text.slice(start, start + CHUNK_CHARS));
  return out;
}

/** The frames of one reply, as the emulator sends them (reply-events.ts). */
function replyFrames({ tokens, reasoningTokens = 0 }) {
  const reasoning = reasoningTokens > 0 ? generateFillerText(reasoningTokens) : '';
  const text = generateFillerText(tokens - reasoningTokens);
  const frames = [encodeEvent('messageStart', { role: 'assistant' })];
  let index = 0;
  if (reasoning) {
    for (const piece of chunks(reasoning)) {
      frames.push(
        encodeEvent('contentBlockDelta', {
          contentBlockIndex: index,
          delta: { reasoningContent: { text: piece } },
        }),
      );
    }
    frames.push(
      encodeEvent('contentBlockDelta', {
        contentBlockIndex: index,
        delta: { reasoningContent: { signature: 'c2lnbmF0dXJl' } },
      }),
    );
    frames.push(encodeEvent('contentBlockStop', { contentBlockIndex: index }));
    index++;
  }
  for (const piece of chunks(text)) {
    frames.push(encodeEvent('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } }));
  }
  frames.push(encodeEvent('contentBlockStop', { contentBlockIndex: index }));
  frames.push(encodeEvent('messageStop', { stopReason: 'end_turn' }));
  frames.push(
    encodeEvent('metadata', {
      usage: { inputTokens: 12, outputTokens: tokens, totalTokens: tokens + 12 },
      metrics: { latencyMs: 0 },
    }),
  );
  return { frames, expectChars: text.length + reasoning.length };
}

const SCENARIOS = {
  long: { tokens: 16_000, maxTokens: 16_384 },
  thinking: {
    tokens: 16_000,
    reasoningTokens: 4_000,
    maxTokens: 16_384,
    thinking: { type: 'enabled', budget_tokens: 8_192 },
  },
};

/**
 * `--source plain`: a sender whose ConverseStream yields the events as plain objects from an async
 * generator (the SDK's own last layer is one), so that only our layer is measured: tighter
 * intervals, but a lower bound (next to the SDK's decoding the same code runs slower).
 */
function plainSender(frames) {
  /** The `:event-type` header of a frame: `[name len u8][name][type u8][value len u16][value]` each. */
  const eventType = (frame, headersLength) => {
    for (let offset = 12; offset < 12 + headersLength; ) {
      const nameLength = frame.readUInt8(offset);
      const name = frame.toString('utf8', offset + 1, offset + 1 + nameLength);
      const valueLength = frame.readUInt16BE(offset + 2 + nameLength);
      const valueStart = offset + 4 + nameLength;
      if (name === ':event-type') return frame.toString('utf8', valueStart, valueStart + valueLength);
      offset = valueStart + valueLength;
    }
    throw new Error('a frame without :event-type');
  };
  const decoder = new TextDecoder();
  const events = frames.map((frame) => {
    const headersLength = frame.readUInt32BE(4);
    const type = eventType(frame, headersLength);
    const payload = JSON.parse(decoder.decode(frame.subarray(12 + headersLength, frame.length - 4)));
    return { [type]: payload };
  });
  async function* stream() {
    for (const event of events) yield event;
  }
  return { send: async () => ({ stream: stream() }) };
}

function fakeClient(frames) {
  return args.source === 'plain' ? plainSender(frames) : fakeSdkClient(frames);
}

function fakeSdkClient(frames) {
  const requestHandler = {
    async handle() {
      const body = Readable.from(frames, { objectMode: false });
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/vnd.amazon.eventstream' },
          body,
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    token: { token: 'bench' },
    authSchemePreference: ['httpBearerAuth'],
    requestHandler,
    maxAttempts: 1,
  });
}

function rawArm(scenario, frames) {
  const client = fakeClient(frames);
  return {
    name: 'raw',
    async stream() {
      const response = await client.send(
        new ConverseStreamCommand({
          modelId: MODEL_ID,
          messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
          inferenceConfig: { maxTokens: scenario.maxTokens },
          ...(scenario.thinking ? { additionalModelRequestFields: { thinking: scenario.thinking } } : {}),
        }),
      );
      let chars = 0;
      for await (const event of response.stream ?? []) {
        const delta = event.contentBlockDelta?.delta;
        if (delta?.text) chars += delta.text.length;
        else if (delta?.reasoningContent?.text) chars += delta.reasoningContent.text.length;
      }
      return chars;
    },
  };
}

async function coreArm(name, distDir, scenario, frames) {
  const core = await import(pathToFileURL(path.resolve(distDir, 'index.js')).href);
  const client = core.createChatClient({
    model: MODEL_ID,
    region: 'us-east-1',
    bedrockClient: fakeClient(frames),
    dotenvDir: false,
    configFile: false,
  });
  const options = scenario.thinking
    ? { maxTokens: scenario.maxTokens, thinking: true }
    : { maxTokens: scenario.maxTokens };
  return {
    name,
    async stream() {
      let chars = 0;
      // As bench/src/adapters/ours.mjs reads it.
      for await (const event of client.stream('Hello', options)) {
        if (event.type === 'text') chars += event.text.length;
        else if (event.type === 'reasoning') chars += event.text.length;
      }
      return chars;
    },
  };
}

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
function interval(values) {
  const m = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
  const half = 1.96 * Math.sqrt(variance / values.length);
  return { mean: m, ci95: [m - half, m + half] };
}
const round3 = (value) => Math.round(value * 1000) / 1000;
const rounded = ({ mean: m, ci95 }) => ({ mean: round3(m), ci95: ci95.map(round3) });

async function runScenario(id) {
  const scenario = SCENARIOS[id];
  const { frames, expectChars } = replyFrames(scenario);
  const events = frames.length;
  let arms = [
    rawArm(scenario, frames),
    await coreArm('current', path.join(import.meta.dirname, '../dist'), scenario, frames),
  ];
  if (args.baseline) arms.push(await coreArm('baseline', args.baseline, scenario, frames));
  if (args.only) arms = arms.filter((arm) => args.only.split(',').includes(arm.name));
  const perEventUs = new Map(arms.map((arm) => [arm.name, []]));
  const once = async (arm) => {
    const chars = await arm.stream();
    if (chars !== expectChars) throw new Error(`${arm.name}: ${chars} characters, expected ${expectChars}`);
  };
  for (let index = 0; index < WARMUP; index++) for (const arm of arms) await once(arm);
  for (let round = 0; round < ROUNDS; round++) {
    const shift = round % arms.length;
    const order = [...arms.slice(shift), ...arms.slice(0, shift)];
    for (const arm of round % 2 === 0 ? order : order.reverse()) {
      const before = process.cpuUsage();
      for (let index = 0; index < STREAMS; index++) await once(arm);
      const { user, system } = process.cpuUsage(before);
      perEventUs.get(arm.name).push((user + system) / STREAMS / events);
    }
  }
  const result = {
    scenario: id,
    source: args.source,
    events,
    rounds: ROUNDS,
    streamsPerRound: STREAMS,
    cpuUsPerEvent: {},
  };
  for (const [name, values] of perEventUs) result.cpuUsPerEvent[name] = rounded(interval(values));
  const ratio = (name, against) => {
    const a = perEventUs.get(name);
    const b = perEventUs.get(against);
    return a && b ? rounded(interval(a.map((value, round) => value / b[round]))) : undefined;
  };
  const difference = (name, against) => {
    const a = perEventUs.get(name);
    const b = perEventUs.get(against);
    return a && b ? rounded(interval(a.map((value, round) => value - b[round]))) : undefined;
  };
  // Paired per round: the two arms ran back to back, so the machine's drift mostly cancels.
  result.differenceUsPerEvent = {
    currentMinusRaw: difference('current', 'raw'),
    baselineMinusRaw: difference('baseline', 'raw'),
    currentMinusBaseline: difference('current', 'baseline'),
  };
  result.ratios = {
    currentVsRaw: ratio('current', 'raw'),
    baselineVsRaw: ratio('baseline', 'raw'),
    currentVsBaseline: ratio('current', 'baseline'),
  };
  return result;
}

const ids = args.scenario === 'all' ? Object.keys(SCENARIOS) : [args.scenario];
for (const id of ids) process.stdout.write(`${JSON.stringify(await runScenario(id))}\n`);
