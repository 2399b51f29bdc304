import { resolveModel } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import type { ServerLimits } from '../config/server-config.js';
import { applyCostLimits, modelKey as keyOfResolved, modelResolverOf } from './cost-limits.js';

const open: ServerLimits = {
  allowedModels: undefined,
  maxTokens: undefined,
  maxTurns: undefined,
  timeoutMs: 55_000,
  allowedTiers: ['default', 'flex'],
};
const noDefault = async () => undefined;
// The server's client in eu-west-1: names resolve to that region's profiles.
const inEu = async (name: string) => resolveModel(name, 'eu-west-1');
const modelKey = (name: string) => keyOfResolved(resolveModel(name, 'eu-west-1'));
const conversation = (
  messageCount: number,
  model: string | null = null,
  messages: { role: 'user' | 'assistant'; modelId?: string | null }[] = [],
) => ({ id: 'C1', model, messageCount, messages });

describe('modelKey', () => {
  it('names a model the same however it is written', () => {
    const haiku = modelKey('haiku-4.5');
    expect(modelKey(`us.${haiku}`)).toBe(haiku);
    expect(modelKey(`eu.${haiku}`)).toBe(haiku);
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
      { conversation: undefined, defaultModel: noDefault, resolveModel: inEu },
    );
    expect(turn).toEqual({ model: undefined, maxTokens: undefined });
  });

  it('refuses a model outside the allowlist, naming the field', async () => {
    const limits = { ...open, allowedModels: ['haiku-4.5'] };
    await expect(
      applyCostLimits(
        limits,
        { model: 'opus', maxTokens: undefined },
        { conversation: undefined, defaultModel: noDefault, resolveModel: inEu },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^model: "opus" is not allowed/),
    });
    const allowed = await applyCostLimits(
      limits,
      { model: `us.${modelKey('haiku-4.5')}`, maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault, resolveModel: inEu },
    );
    expect(allowed.model).toBe(`us.${modelKey('haiku-4.5')}`);
  });

  it('uses the configured default when allowed, else the first allowed model', async () => {
    const limits = { ...open, allowedModels: ['haiku-4.5', 'sonnet-4.5'] };
    const request = { model: undefined, maxTokens: undefined };
    const withSonnet = await applyCostLimits(limits, request, {
      conversation: undefined,
      defaultModel: async () => 'sonnet-4.5',
      resolveModel: inEu,
    });
    expect(withSonnet.model).toBe('sonnet-4.5');
    const withOpus = await applyCostLimits(limits, request, {
      conversation: undefined,
      defaultModel: async () => 'opus',
      resolveModel: inEu,
    });
    expect(withOpus.model).toBe('haiku-4.5');
  });

  it('refuses to continue a conversation whose model is not allowed', async () => {
    const limits = { ...open, allowedModels: ['haiku-4.5'] };
    await expect(
      applyCostLimits(
        limits,
        { model: undefined, maxTokens: undefined },
        { conversation: conversation(2, 'opus'), defaultModel: noDefault, resolveModel: inEu },
      ),
    ).rejects.toThrow(/uses model "opus"/);
  });

  it('compares the resolved model of a stored conversation with what the allowlist resolves to', async () => {
    const limits = { ...open, allowedModels: ['sonnet'] };
    const continueWith = (model: string) =>
      applyCostLimits(
        limits,
        { model: undefined, maxTokens: undefined },
        { conversation: conversation(2, model), defaultModel: noDefault, resolveModel: inEu },
      );
    // A conversation keeps the model its alias resolved to: `sonnet` now means Sonnet 5.5, so one
    // pinned to Sonnet 4.5 by an older `sonnet` is not let through under the newer name.
    await expect(continueWith('anthropic.claude-sonnet-5-5')).resolves.toMatchObject({ model: undefined });
    await expect(continueWith('eu.anthropic.claude-sonnet-5-5')).resolves.toMatchObject({ model: undefined });
    await expect(continueWith('anthropic.claude-sonnet-4-5-20250929-v1:0')).rejects.toThrow(
      /uses model "anthropic.claude-sonnet-4-5-20250929-v1:0", which this server does not allow/,
    );
  });

  it('checks a legacy conversation that kept an alias by the model its last reply came from', async () => {
    // Stored before turns were pinned: `sonnet` as typed, written by Sonnet 4.5 (an `eu.` profile).
    const legacy = conversation(2, 'sonnet', [
      { role: 'user' },
      { role: 'assistant', modelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' },
    ]);
    const continueUnder = (allowedModels: string[]) =>
      applyCostLimits(
        { ...open, allowedModels },
        { model: undefined, maxTokens: undefined },
        { conversation: legacy, defaultModel: noDefault, resolveModel: inEu },
      );
    await expect(continueUnder(['sonnet-4.5'])).resolves.toMatchObject({ model: undefined });
    // `sonnet` today is Sonnet 5.5: the thread would continue on 4.5, which that list does not allow.
    await expect(continueUnder(['sonnet'])).rejects.toThrow(
      /uses model "anthropic.claude-sonnet-4-5-20250929-v1:0", which this server does not allow/,
    );
  });

  it('resolves names in the server region', async () => {
    const seen: string[] = [];
    const runner = {
      complete: async () => {
        throw new Error('not called');
      },
      stream: () => {
        throw new Error('not called');
      },
      resolveModel: async (name?: string) => {
        seen.push(name ?? '');
        return resolveModel(name ?? 'sonnet', 'ap-northeast-1');
      },
    };
    const turn = await applyCostLimits(
      { ...open, allowedModels: ['opus-5.5'] },
      { model: 'jp.anthropic.claude-opus-5-5', maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault, resolveModel: modelResolverOf(runner) },
    );
    expect(turn.model).toBe('jp.anthropic.claude-opus-5-5');
    expect(seen).toEqual(['opus-5.5', 'jp.anthropic.claude-opus-5-5']);
  });

  it('caps maxTokens and defaults to at most the cap', async () => {
    const limits = { ...open, maxTokens: 1000 };
    await expect(
      applyCostLimits(
        limits,
        { model: undefined, maxTokens: 1001 },
        { conversation: undefined, defaultModel: noDefault, resolveModel: inEu },
      ),
    ).rejects.toThrow(/^maxTokens: 1001 is above this server's cap of 1000/);
    const defaulted = await applyCostLimits(
      limits,
      { model: 'haiku-4.5', maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault, resolveModel: inEu },
    );
    expect(defaulted.maxTokens).toBe(1000);
    const small = await applyCostLimits(
      { ...open, maxTokens: 1_000_000 },
      { model: undefined, maxTokens: undefined },
      { conversation: undefined, defaultModel: noDefault, resolveModel: inEu },
    );
    expect(small.maxTokens).toBeLessThan(1_000_000);
  });

  it('stops a conversation at the turn cap', async () => {
    const limits = { ...open, maxTurns: 2 };
    const request = { model: undefined, maxTokens: undefined };
    await expect(
      applyCostLimits(limits, request, {
        conversation: conversation(2),
        defaultModel: noDefault,
        resolveModel: inEu,
      }),
    ).resolves.toBeDefined();
    await expect(
      applyCostLimits(limits, request, {
        conversation: conversation(4),
        defaultModel: noDefault,
        resolveModel: inEu,
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('limit (BEDROCK_CHAT_MCP_MAX_TURNS=2)'),
      hint: 'Omit conversationId to start a new conversation.',
    });
  });

  it('refuses a tier the server does not allow, its own or the configured one, naming the variable', async () => {
    const context = { conversation: undefined, defaultModel: noDefault, resolveModel: inEu };
    await expect(
      applyCostLimits(open, { model: undefined, maxTokens: undefined, serviceTier: 'priority' }, context),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'serviceTier: "priority" is not allowed on this server (BEDROCK_CHAT_MCP_TIERS allows default, flex).',
      hint: 'Use one of: default, flex, or omit serviceTier.',
    });
    const configured = { ...context, defaultServiceTier: async () => 'priority' as const };
    await expect(
      applyCostLimits(open, { model: undefined, maxTokens: undefined }, configured),
    ).rejects.toMatchObject({
      message: expect.stringContaining('The configured service tier "priority" is not allowed'),
    });
    // The caller's flex overrides a configured priority; an allowlist with priority lets it through.
    await expect(
      applyCostLimits(open, { model: undefined, maxTokens: undefined, serviceTier: 'flex' }, configured),
    ).resolves.toBeDefined();
    const withPriority = { ...open, allowedTiers: ['priority', 'default', 'flex'] as const };
    await expect(
      applyCostLimits(
        withPriority,
        { model: undefined, maxTokens: undefined, serviceTier: 'priority' },
        context,
      ),
    ).resolves.toBeDefined();
  });
});
