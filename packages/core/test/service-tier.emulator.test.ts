import { claudeModel } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatResult } from '../src/client/chat-types.js';
import { estimateCostUsd } from '../src/models/estimate-cost.js';
import { findModelByBaseId } from '../src/models/model-catalog.js';
import { withEmulator } from './emulator-env.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => env.close());
beforeEach(() => env.emulator.reset());

const sonnet46 = findModelByBaseId('anthropic.claude-sonnet-4-6');
const haiku35 = findModelByBaseId('anthropic.claude-3-5-haiku-20241022-v1:0');
const prompt = 'Summarise the quarterly figures in three short sentences, please.';

async function streamed(options: Parameters<ReturnType<typeof env.client>['stream']>[1]) {
  for await (const event of env.client().stream(prompt, options))
    if (event.type === 'result') return event.result;
  throw new Error('no result');
}

describe('service tier and latency against the emulator', () => {
  it('sends flex, reports the tier Bedrock served and prices the call at the flex price', async () => {
    const standard = await env.client().complete(prompt, { model: 'sonnet-4.6' });
    const flex = await env.client().complete(prompt, { model: 'sonnet-4.6', serviceTier: 'flex' });
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({ serviceTier: { type: 'flex' } });
    expect(standard).not.toHaveProperty('serviceTier');
    expect(flex.serviceTier).toEqual({ tier: 'flex', source: 'bedrock' });
    expect(flex.costUsd).toBe(estimateCostUsd(flex.usage, sonnet46, 'us', { serviceTier: 'flex' }));
    expect(flex.costUsd).toBeLessThan(standard.costUsd ?? 0);
    expect(flex.warnings).toEqual([
      'AWS lists no flex tier for Claude Sonnet 4.6; Bedrock refuses the call if the model lacks it (nothing is billed then).',
    ]);
  });

  it('reports the tier from the stream metadata too, priority priced above standard', async () => {
    const result = (await streamed({ model: 'sonnet-4.6', serviceTier: 'priority' })) as ChatResult;
    expect(result.serviceTier).toEqual({ tier: 'priority', source: 'bedrock' });
    expect(result.costUsd).toBe(estimateCostUsd(result.usage, sonnet46, 'us', { serviceTier: 'priority' }));
  });

  it('sends nothing for default and reports it as requested', async () => {
    const result = await env.client().complete(prompt, { model: 'opus-4.6', serviceTier: 'default' });
    expect(env.emulator.requests.at(-1)?.body).not.toHaveProperty('serviceTier');
    expect(result.serviceTier).toEqual({ tier: 'default', source: 'requested' });
  });

  it('asks Claude 3.5 Haiku for latency-optimized inference and prices it so', async () => {
    const result = await env.client().complete(prompt, { model: 'haiku-3.5', latency: 'optimized' });
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({ performanceConfig: { latency: 'optimized' } });
    expect(result.latency).toEqual({ mode: 'optimized', source: 'bedrock' });
    expect(result.costUsd).toBe(estimateCostUsd(result.usage, haiku35, 'us', { latency: 'optimized' }));
  });

  it('refuses a tier or latency the model lacks before any call', async () => {
    await expect(
      env.client().complete(prompt, { model: 'opus-4.6', serviceTier: 'priority' }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_BY_MODEL', details: { option: 'serviceTier' } });
    await expect(
      env.client().complete(prompt, { model: 'sonnet-4.6', latency: 'optimized' }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_BY_MODEL', details: { option: 'latency' } });
    await expect(
      env.client().complete(prompt, { model: 'sonnet-4.6', serviceTier: 'cheapest' as never }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('serviceTier must be one of'),
    });
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes Bedrock's refusal on for a model the table does not know", async () => {
    const other = await withEmulator({
      additionalModels: [
        claudeModel('anthropic.claude-opus-9', 'Claude Opus 9', 128_000, { refusesPaidTiers: true }),
      ],
    });
    try {
      const error = await other
        .client()
        .complete(prompt, { model: 'us.anthropic.claude-opus-9', serviceTier: 'priority' })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        message: expect.stringContaining('The provided service tier is not supported for this model'),
      });
      expect(other.emulator.requests).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
