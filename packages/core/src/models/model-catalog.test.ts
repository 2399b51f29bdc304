import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ALIAS, FAMILY_ALIASES, findModelByBaseId, MODEL_CATALOG } from './model-catalog.js';
import { EFFORT_LEVELS, GEOGRAPHY_PREFIXES, MODEL_FAMILIES } from './model-info.js';

describe('the model catalogue', () => {
  it('names each model and alias once', () => {
    const ids = MODEL_CATALOG.map((model) => model.baseModelId);
    expect(new Set(ids).size).toBe(ids.length);
    const aliases = MODEL_CATALOG.flatMap((model) => model.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const family of MODEL_FAMILIES) expect(aliases).not.toContain(family);
  });

  it('points each family alias at the newest model of the family', () => {
    expect(FAMILY_ALIASES).toEqual({
      haiku: 'anthropic.claude-haiku-5-5',
      sonnet: 'anthropic.claude-sonnet-5-5',
      opus: 'anthropic.claude-opus-5-5',
      fable: 'anthropic.claude-fable-5-2',
    });
    for (const [family, baseModelId] of Object.entries(FAMILY_ALIASES)) {
      const newest = findModelByBaseId(baseModelId);
      const others = MODEL_CATALOG.filter((model) => model.family === family);
      expect(others.every((model) => model.released <= (newest?.released ?? ''))).toBe(true);
    }
    expect(DEFAULT_MODEL_ALIAS).toBe('sonnet');
  });

  it('keeps every entry self-consistent', () => {
    for (const model of MODEL_CATALOG) {
      const where = model.baseModelId;
      expect(model.released, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(model.defaultMaxTokens, where).toBeLessThanOrEqual(model.maxOutputTokens);
      expect(model.profilePrefixes.length, where).toBeGreaterThan(0);
      for (const prefix of model.profilePrefixes) expect(GEOGRAPHY_PREFIXES, where).toContain(prefix);
      for (const level of model.effortLevels) expect(EFFORT_LEVELS, where).toContain(level);
      const price = model.pricePerMillion;
      expect(price.cacheRead, where).toBeLessThan(price.input);
      expect(price.cacheWrite5m, where).toBeGreaterThan(price.input);
      // A 1-hour price exactly where the model offers the 1-hour TTL.
      expect(price.cacheWrite1h !== undefined, where).toBe(model.promptCache?.ttls.includes('1h') ?? false);
      expect([512, 1_024, 2_048, 4_096], where).toContain(model.promptCache?.minTokens);
      // A model that always thinks cannot be forced to call a tool, and thinks within maxTokens.
      if (model.thinking?.default === 'always') expect(model.forcedToolChoice, where).toBe(false);
      if (model.thinking?.default !== undefined && model.thinking.default !== 'off') {
        expect(model.defaultMaxTokens, where).toBeGreaterThanOrEqual(16_000);
      }
    }
  });

  it('records how Bedrock serves each model: every current one through Converse', () => {
    expect(MODEL_CATALOG.filter((model) => model.api !== 'converse')).toEqual([]);
  });

  it('carries the figures prompt caching and thinking depend on', () => {
    expect(findModelByBaseId('anthropic.claude-haiku-4-5-20251001-v1:0')).toMatchObject({
      promptCache: { minTokens: 4_096, ttls: ['5m', '1h'] },
      pricePerMillion: { input: 1, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 },
      thinking: { budget: true, adaptive: false, default: 'off' },
      effortLevels: [],
    });
    expect(findModelByBaseId('anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({
      promptCache: { minTokens: 2_048, ttls: ['5m'] },
      thinking: undefined,
    });
    expect(findModelByBaseId('anthropic.claude-opus-5-5')).toMatchObject({
      pricePerMillion: { input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 },
      thinking: { budget: false, adaptive: true, default: 'always' },
      sampling: 'no-sampling',
      forcedToolChoice: false,
    });
    expect(findModelByBaseId('anthropic.claude-opus-4-7')?.thinking).toEqual({
      budget: false,
      adaptive: true,
      default: 'off',
    });
    expect(findModelByBaseId('anthropic.claude-haiku-5-5')).toMatchObject({
      structuredOutput: false,
      longPromptPricing: { aboveInputTokens: 100_000, pricePerMillion: { input: 0.5, output: 2.5 } },
    });
  });
});
