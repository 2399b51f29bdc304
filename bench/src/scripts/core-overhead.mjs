// bedrock-chat's own cost, without the SDK or the network: `complete` and `stream` over a fake
// sender that answers at once, against iterating the same fake directly. Prints JSON.
import { createChatClient } from '@bedrock-chat/core';
import { MODEL_ID, PROMPT } from '../lib/bench-config.mjs';
import { median } from '../lib/stats.mjs';

const CALLS = Number(process.argv[2] ?? 5000);
const EVENTS = 4000;
const ROUNDS = 7;
const STREAMS = 10;

const response = {
  output: { message: { role: 'assistant', content: [{ text: `Echo: ${PROMPT}` }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 12, outputTokens: 14, totalTokens: 26 },
  metrics: { latencyMs: 0 },
};
/** @type {any[]} */
const streamEvents = [
  { messageStart: { role: 'assistant' } },
  ...Array.from({ length: EVENTS }, () => ({
    contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'fox sea owl map ' } },
  })),
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  {
    metadata: {
      usage: { inputTokens: 12, outputTokens: EVENTS * 4, totalTokens: 12 + EVENTS * 4 },
      metrics: { latencyMs: 0 },
    },
  },
];
async function* fakeStream() {
  yield* streamEvents;
}
const sender = {
  async send(command) {
    return command.constructor.name === 'ConverseStreamCommand' ? { stream: fakeStream() } : response;
  },
};
const client = createChatClient({
  model: MODEL_ID,
  bedrockClient: sender,
  dotenvDir: false,
  configFile: false,
});

const cpuUs = async (fn) => {
  const before = process.cpuUsage();
  await fn();
  const { user, system } = process.cpuUsage(before);
  return user + system;
};

const completeUs = [];
const bareUs = [];
const streamUs = [];
const bareStreamUs = [];
for (let round = 0; round < ROUNDS; round++) {
  completeUs.push(
    (await cpuUs(async () => {
      for (let index = 0; index < CALLS; index++) await client.complete(PROMPT, { maxTokens: 1024 });
    })) / CALLS,
  );
  bareUs.push(
    (await cpuUs(async () => {
      for (let index = 0; index < CALLS; index++) await sender.send({});
    })) / CALLS,
  );
  streamUs.push(
    (await cpuUs(async () => {
      for (let index = 0; index < STREAMS; index++) {
        for await (const event of client.stream(PROMPT, { maxTokens: 20_000 }))
          if (event.type === 'result') break;
      }
    })) / STREAMS,
  );
  bareStreamUs.push(
    (await cpuUs(async () => {
      for (let index = 0; index < STREAMS; index++) {
        for await (const event of fakeStream())
          if (event.contentBlockDelta?.delta?.text === undefined) continue;
      }
    })) / STREAMS,
  );
}
// The first rounds include JIT warm-up; the median of the later ones is the steady state.
const steady = (values) => median(values.slice(2));
process.stdout.write(
  `${JSON.stringify({
    completeUsPerCall: steady(completeUs) - steady(bareUs),
    streamUsPerEvent: (steady(streamUs) - steady(bareStreamUs)) / EVENTS,
    firstCallsUsPerCall: completeUs[0],
    calls: CALLS,
    events: EVENTS,
  })}\n`,
);
