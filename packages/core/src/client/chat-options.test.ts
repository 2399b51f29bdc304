import { describe, expect, it } from 'vitest';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { ChatOptionsSchema, parseChatOptions } from './chat-options.js';

function rejection(options: unknown): BedrockChatError {
  try {
    parseChatOptions(options as never);
  } catch (error) {
    if (BedrockChatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('parseChatOptions accepted the options');
}

describe('parseChatOptions', () => {
  it('returns the very options it was given when they are valid', () => {
    const signal = new AbortController().signal;
    const options = {
      system: [{ text: 'Be brief.' }],
      temperature: 0,
      topP: 1,
      stopSequences: ['END'],
      maxTokens: 10,
      model: 'haiku',
      additionalModelRequestFields: { thinking: { type: 'enabled' } },
      signal,
      runner: 'an option of the conversation flow, not a chat option',
    };
    expect(parseChatOptions(options)).toBe(options);
    expect(parseChatOptions({})).toEqual({});
  });

  it('names the valid range of temperature in the hint', () => {
    const error = rejection({ temperature: 5 });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('temperature must be a number from 0 to 1 (got 5).');
    expect(error.hint).toMatch(/temperature from 0 .* to 1/);
    expect(rejection({ topP: -0.1 }).hint).toMatch(/from 0 to 1/);
    expect(rejection({ temperature: Number.NaN }).message).toContain('(got NaN)');
  });

  it('names the part of a union option that is wrong (thinking.budgetTokens 1500.5 said "type object")', () => {
    const error = rejection({ thinking: { budgetTokens: 1500.5 } });
    expect(error.message).toBe('thinking.budgetTokens: Invalid input: expected int, received number.');
    expect(error.details.option).toBe('thinking.budgetTokens');
    expect(rejection({ thinking: 'yes' }).message).toBe(
      'thinking must be true, false or { budgetTokens } with a whole number of at least 1024 (got "yes").',
    );
  });

  it('turns what would be a TypeError deeper in into a coded error with a hint', () => {
    const system = rejection({ system: 12 });
    expect(system.message).toBe('system must be a string or an array of Converse system blocks (got 12).');
    expect(system.hint).toContain('[{ text: "Be brief." }]');
    const model = rejection({ model: 12 });
    expect(model.message).toBe('model must be a non-empty string (got 12).');
    expect(model.hint).toMatch(/alias \(sonnet, haiku, opus/);
    expect(rejection({ signal: 'stop' }).message).toBe('signal must be an AbortSignal (got "stop").');
    expect(rejection({ stopSequences: 'END' }).message).toContain(
      'an array of at most 2500 non-empty strings',
    );
    expect(rejection({ maxTokens: 2.5 }).message).toContain('a whole number of at least 1');
  });

  it('refuses an empty or blank model instead of sending it to Bedrock', () => {
    expect(rejection({ model: '' }).message).toBe('model must be a non-empty string (got "").');
    expect(rejection({ model: '   ' }).details).toEqual({ option: 'model' });
  });

  it('says what a system prompt may be when a block is wrong', () => {
    const error = rejection({ system: [{ text: 'ok' }, { text: 7 }] });
    // The block that is wrong, not only "an array".
    expect(error.message).toBe('system.1.text: Invalid input: expected string, received number.');
    expect(error.hint).toContain('[{ text: "Be brief." }]');
  });

  it('refuses options that are not an object', () => {
    expect(rejection(null).message).toBe('Chat options must be an object (got null).');
    expect(rejection('haiku').hint).toContain('{ model: "haiku"');
  });

  it('checks tools at the boundary: names, uniqueness, schemas, and a toolChoice naming one of them', () => {
    const tool = { name: 'search', inputSchema: { type: 'object' } };
    expect(rejection({ tools: [{ ...tool, name: 'kb.search' }] }).message).toBe(
      'tools.0.name: a tool name is 1 to 64 letters, digits, underscores or hyphens.',
    );
    expect(rejection({ tools: [tool, tool] }).message).toBe('tools.1.name: two tools are named search.');
    // An empty list is no tools (an app whose tool sources offered none passes it as it is).
    expect(parseChatOptions({ tools: [] })).toEqual({ tools: [] });
    expect(rejection({ tools: [{ ...tool, inputSchema: { type: 'string' } }] }).message).toMatch(
      /^tools\.0\.inputSchema: inputSchema must be a zod schema or a JSON Schema object/,
    );
    expect(rejection({ tools: [tool], toolChoice: { tool: 'fetch' } }).message).toBe(
      'toolChoice: toolChoice names fetch, which is not one of the tools.',
    );
    const none = rejection({ toolChoice: 'none' });
    expect(none.message).toBe(
      'toolChoice must be "auto", "any" or { tool: "<name>" } naming one of the tools (got "none").',
    );
    expect(rejection({ maxSteps: 0 }).hint).toMatch(/default 10/);
    const options = { tools: [tool], toolChoice: 'any' as const, maxSteps: 3, approve: () => true };
    expect(parseChatOptions(options)).toBe(options);
  });

  it('accepts exactly what ChatOptionsSchema accepts (it checks only the options that are set)', () => {
    const tool = { name: 'lookup', inputSchema: { type: 'object' }, execute: () => 'x' };
    const inherited = Object.create({ temperature: 7 }) as Record<string, unknown>;
    const cases: unknown[] = [
      {},
      { maxTokens: 10 },
      { maxTokens: 0 },
      { maxTokens: undefined, temperature: undefined },
      { model: '' },
      { system: 'Be brief.', temperature: 0.5, runner: 'not a chat option' },
      { system: [{ nope: true }] },
      { thinking: { budgetTokens: 2048 } },
      { thinking: { budgetTokens: 12 } },
      { tools: [tool], toolChoice: { tool: 'lookup' } },
      { tools: [tool], toolChoice: { tool: 'other' } },
      { toolChoice: { tool: 'lookup' } },
      { tools: [tool, tool] },
      { tools: [tool], schema: { type: 'object', properties: {} } },
      { schema: { type: 'object', properties: {} }, schemaName: 'bad name' },
      { signal: { aborted: false } },
      [],
      ['maxTokens'],
      inherited,
    ];
    for (const options of cases) {
      const schemaSays = ChatOptionsSchema.safeParse(options).success;
      let accepted = true;
      try {
        parseChatOptions(options as never);
      } catch (error) {
        if (!BedrockChatError.isInstance(error)) throw error;
        accepted = false;
      }
      expect({ options, accepted }).toEqual({ options, accepted: schemaSays });
    }
  });
});
