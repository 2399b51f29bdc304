import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../models/resolve-model.js';
import { normaliseMessages } from '../../request/normalise-messages.js';
import { buildConverseInput } from './build-converse-input.js';

const haiku = resolveModel('us.anthropic.claude-3-5-haiku-20241022-v1:0', 'us-east-2');

describe('buildConverseInput', () => {
  it('sends the course request shape: model, messages, system and inferenceConfig', () => {
    const messages = normaliseMessages([{ role: 'user', content: [{ text: 'What is 1+1?' }] }]);
    const { input } = buildConverseInput(messages, { system: 'Be brief.', temperature: 0.5 }, haiku);
    expect(input).toEqual({
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [{ role: 'user', content: [{ text: 'What is 1+1?' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 4096, temperature: 0.5 },
    });
  });

  it('always sends maxTokens: option > config default > model default', () => {
    const messages = normaliseMessages('hi');
    expect(buildConverseInput(messages, {}, haiku).inferenceConfig.maxTokens).toBe(4096);
    expect(buildConverseInput(messages, {}, haiku, { maxTokens: 100 }).inferenceConfig.maxTokens).toBe(100);
    expect(
      buildConverseInput(messages, { maxTokens: 10 }, haiku, { maxTokens: 100 }).inferenceConfig.maxTokens,
    ).toBe(10);
    expect(
      buildConverseInput(messages, {}, resolveModel('some.unknown-model', 'us-east-1')).inferenceConfig
        .maxTokens,
    ).toBe(4096);
  });

  it("rejects what the model cannot do, naming the field (the options' own ranges: chat-options)", () => {
    const messages = normaliseMessages('hi');
    expect(() => buildConverseInput(messages, { maxTokens: 9000 }, haiku)).toThrow(
      /more than Claude 3.5 Haiku can produce \(8192\)/,
    );
    expect(() => buildConverseInput(messages, { maxTokens: 0 }, haiku)).toThrow(/positive integer/);
  });

  it('leaves out topP beside temperature for a model that takes only one, with a warning', () => {
    const messages = normaliseMessages('hi');
    const haiku45 = resolveModel('haiku-4.5', 'us-east-1');
    const built = buildConverseInput(messages, { temperature: 0.2, topP: 0.9 }, haiku45);
    expect(built.input.inferenceConfig).toEqual({ maxTokens: 4096, temperature: 0.2 });
    expect(built.inferenceConfig).toEqual({ maxTokens: 4096, temperature: 0.2 });
    expect(built.warnings).toEqual([
      'Claude Haiku 4.5 does not accept temperature and topP together; topP (0.9) was not sent.',
    ]);
    const older = buildConverseInput(messages, { temperature: 0.2, topP: 0.9 }, haiku);
    expect(older.inferenceConfig).toEqual({ maxTokens: 4096, temperature: 0.2, topP: 0.9 });
    expect(older.warnings).toEqual([]);
  });

  it('omits an empty system prompt and uses the configured default system', () => {
    const messages = normaliseMessages('hi');
    expect(buildConverseInput(messages, { system: '' }, haiku).input.system).toBeUndefined();
    expect(buildConverseInput(messages, {}, haiku, { system: 'Default' }).input.system).toEqual([
      { text: 'Default' },
    ]);
  });
});
