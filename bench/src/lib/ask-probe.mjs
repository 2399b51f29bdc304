import { rotated } from './stats.mjs';
import { timedRun } from './timed-process.mjs';

/**
 * Runs `bedrock-chat ask …` once and returns the one Converse request it made (the body a raw-SDK
 * baseline then sends); fails unless stdout starts with `expect` and exactly one request was made.
 */
export async function probeAsk(emulator, args, { env, expect }) {
  emulator.clearRequests();
  const { stdout } = await timedRun(process.execPath, args, { env });
  if (!stdout.includes(expect))
    throw new Error(`bedrock-chat ask printed ${JSON.stringify(stdout.slice(0, 200))}`);
  const calls = emulator.requests.filter((request) => request.operation.startsWith('Converse'));
  if (calls.length !== 1) throw new Error(`bedrock-chat ask made ${calls.length} Converse requests`);
  emulator.clearRequests();
  return calls[0];
}

/**
 * Warm-up rounds, then measured rounds of every command in a rotating order, so drift on a shared
 * machine hits all alike; each command's wall times go to its `samples`.
 */
export async function runInterleaved(commands, plan, runOnce) {
  for (let round = 0; round < plan.processWarmupRounds + plan.processRuns; round++) {
    for (const command of rotated(commands, round)) {
      const wallMs = await runOnce(command);
      if (round >= plan.processWarmupRounds) command.samples.push(wallMs);
    }
  }
}
