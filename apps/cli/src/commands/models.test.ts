import { BedrockChatError, builtInModelListing } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { fakeWorld } from '../../test/fakes.js';
import { runModels } from './models.js';

describe('runModels', () => {
  it('prints a table, warning on stderr when it shows the built-in table', async () => {
    const fallbackReason = new BedrockChatError({ code: 'MODEL_ACCESS_DENIED', message: 'Access denied.' });
    const world = fakeWorld({
      listing: {
        region: 'us-east-1',
        source: 'built-in',
        models: builtInModelListing('us-east-1'),
        fallbackReason,
      },
    });
    await runModels(world.context, { json: false });
    const stdout = world.io.stdout.text();
    expect(stdout.split('\n')[0]).toMatch(/^MODEL ID\s+NAME\s+ALIASES\s+USD\/MTOK IN\/OUT\s+NOTE$/);
    expect(stdout).toMatch(
      /us\.anthropic\.claude-haiku-5-5\s+Claude Haiku 5\.5\s+haiku, haiku-5\.5\s+0\.1\/0\.5/,
    );
    expect(stdout).toMatch(/global\.anthropic\.claude-opus-5-5\s+Claude Opus 5\.5\s+4\/20\n/);
    expect(world.io.stderr.text()).toBe(
      'warning: could not list models from Bedrock (Access denied.); showing the built-in table for us-east-1.\n',
    );
  });

  it('prints JSON with the source and the reason', async () => {
    const world = fakeWorld({
      listing: {
        region: 'eu-west-1',
        source: 'bedrock',
        models: builtInModelListing('eu-west-1'),
        fallbackReason: undefined,
      },
    });
    await runModels(world.context, { json: true });
    const json = JSON.parse(world.io.stdout.text());
    expect(json).toMatchObject({ region: 'eu-west-1', source: 'bedrock', fallbackReason: null });
    expect(json.models[0]).toHaveProperty('modelId');
    expect(world.io.stderr.text()).toBe('');
  });

  it('marks the Claude models Bedrock serves that the built-in table lacks, and names them once', async () => {
    const served = builtInModelListing('us-east-1');
    const unknown = {
      ...served[0],
      modelId: 'us.anthropic.claude-opus-6',
      name: 'US Anthropic Claude Opus 6',
      baseModelId: 'anthropic.claude-opus-6',
      provider: 'Anthropic',
      aliases: [],
      pricePerMillion: undefined,
      inBuiltInTable: false,
    } as (typeof served)[number];
    const world = fakeWorld({
      listing: {
        region: 'us-east-1',
        source: 'bedrock',
        models: [...served, unknown],
        fallbackReason: undefined,
      },
    });
    await runModels(world.context, { json: false });
    expect(world.io.stdout.text()).toMatch(
      /us\.anthropic\.claude-opus-6\s+US Anthropic Claude Opus 6\s+\?\s+not in the built-in table: cost unknown/,
    );
    expect(world.io.stderr.text()).toBe(
      "note: Bedrock serves a Claude model this release's built-in table does not know (anthropic.claude-opus-6): they work, with their cost unknown.\n",
    );
  });
});
