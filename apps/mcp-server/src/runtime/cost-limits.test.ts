import { describe, expect, it } from 'vitest';
import type { ServerLimits } from '../config/server-config.js';
import { applyCostLimits, modelKey } from './cost-limits.js';

const open: ServerLimits = {
  allowedModels: undefined,
  maxTokens: undefined,
  maxTurns: undefined,
  timeoutMs: 55_000,
};
const noDefault = async () => undefined;
const conversation = (messageCount: number, model: string | null = null) => ({
  id: 'C1',
  model,
  messageCount,
});

describe('modelKey', () => {
  it('names a model the same however it is written', () => {
    const haiku = modelKey('haiku-4.5');
    expect(modelKey(`us.${haiku}`)).toBe(haiku);
    expect(modelKey('HAIKU-4.5')).toBe(haiku);
    expect(modelKey('sonnet-4.5')).not.toBe(haiku);
    expect(modelKey('Custom-Model')).toBe('custom-model');
  });
});

describe('applyCostLimits', () => {
  it('passes everything through when unbounded', async () => {
    const turn = await applyCostLimits(
      open,
      { model: undefined, maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault },
    );
    expect(turn).toEqual({ model: undefined, maxTokens: undefined });
  });

  it('refuses a model outside the allowlist, naming the field', async () => {
    const limits = { ...open, allowedModels: ['haiku-4.5'] };
    await expect(
      applyCostLimits(
        limits,
        { model: 'opus', maxTokens: undefined },
        { conversation: undefined, defaultModel: noDefault },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^model: "opus" is not allowed/),
    });
    const allowed = await applyCostLimits(
      limits,
      { model: `us.${modelKey('haiku-4.5')}`, maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault },
    );
    expect(allowed.model).toBe(`us.${modelKey('haiku-4.5')}`);
  });

  it('uses the configured default when allowed, else the first allowed model', async () => {
    const limits = { ...open, allowedModels: ['haiku-4.5', 'sonnet-4.5'] };
    const request = { model: undefined, maxTokens: undefined };
    const withSonnet = await applyCostLimits(limits, request, {
      conversation: undefined,
      defaultModel: async () => 'sonnet-4.5',
    });
    expect(withSonnet.model).toBe('sonnet-4.5');
    const withOpus = await applyCostLimits(limits, request, {
      conversation: undefined,
      defaultModel: async () => 'opus',
    });
    expect(withOpus.model).toBe('haiku-4.5');
  });

  it('refuses to continue a conversation whose model is not allowed', async () => {
    const limits = { ...open, allowedModels: ['haiku-4.5'] };
    await expect(
      applyCostLimits(
        limits,
        { model: undefined, maxTokens: undefined },
        { conversation: conversation(2, 'opus'), defaultModel: noDefault },
      ),
    ).rejects.toThrow(/uses model "opus"/);
  });

  it('compares the resolved model of a stored conversation with what the allowlist resolves to', async () => {
    const limits = { ...open, allowedModels: ['sonnet'] };
    const continueWith = (model: string) =>
      applyCostLimits(
        limits,
        { model: undefined, maxTokens: undefined },
        { conversation: conversation(2, model), defaultModel: noDefault },
      );
    // A conversation keeps the model its alias resolved to: `sonnet` now means Sonnet 5.5, so one
    // pinned to Sonnet 4.5 by an older `sonnet` is not let through under the newer name.
    await expect(continueWith('anthropic.claude-sonnet-5-5')).resolves.toMatchObject({ model: undefined });
    await expect(continueWith('eu.anthropic.claude-sonnet-5-5')).resolves.toMatchObject({ model: undefined });
    await expect(continueWith('anthropic.claude-sonnet-4-5-20250929-v1:0')).rejects.toThrow(
      /uses model "anthropic.claude-sonnet-4-5-20250929-v1:0", which this server does not allow/,
    );
  });

  it('caps maxTokens and defaults to at most the cap', async () => {
    const limits = { ...open, maxTokens: 1000 };
    await expect(
      applyCostLimits(
        limits,
        { model: undefined, maxTokens: 1001 },
        { conversation: undefined, defaultModel: noDefault },
      ),
    ).rejects.toThrow(/^maxTokens: 1001 is above this server's cap of 1000/);
    const defaulted = await applyCostLimits(
      limits,
      { model: 'haiku-4.5', maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault },
    );
    expect(defaulted.maxTokens).toBe(1000);
    const small = await applyCostLimits(
      { ...open, maxTokens: 1_000_000 },
      { model: undefined, maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault },
    );
    expect(small.maxTokens).toBeLessThan(1_000_000);
  });

  it('stops a conversation at the turn cap', async () => {
    const limits = { ...open, maxTurns: 2 };
    const request = { model: undefined, maxTokens: undefined };
    await expect(
      applyCostLimits(limits, request, { conversation: conversation(2), defaultModel: noDefault }),
    ).resolves.toBeDefined();
    await expect(
      applyCostLimits(limits, request, { conversation: conversation(4), defaultModel: noDefault }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('limit (BEDROCK_CHAT_MCP_MAX_TURNS=2)'),
      hint: 'Omit conversationId to start a new conversation.',
    });
  });
});
