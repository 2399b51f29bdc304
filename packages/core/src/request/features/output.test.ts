import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Message } from '../../messages/message-schemas.js';
import { resolveModel } from '../../models/resolve-model.js';
import { thrown } from '../../store/__fixtures__/expect-failure.js';
import { encodeConverseInput } from '../../transport/converse/encode-converse-input.js';
import { type ChatRequest, toChatRequest } from '../chat-request.js';
import { buildRequest } from '../pipeline.js';
import { outputFeature, outputReply, outputStreamEvent, outputValue } from './output.js';

const hello: Message[] = [{ role: 'user', content: [{ text: 'hello' }] }];
const city = z.object({ city: z.string() });
const cityJson = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

describe('outputFeature', () => {
  it('sends outputConfig.textFormat to a model with structured output', () => {
    const built = buildRequest(
      toChatRequest(hello, { schema: city }),
      resolveModel('sonnet-4.5', 'us-east-1'),
    );
    expect(built.applied).toContain('output');
    expect(built.draft.tools).toBeUndefined();
    expect(encodeConverseInput(built.draft).outputConfig).toEqual({
      textFormat: {
        type: 'json_schema',
        structure: { jsonSchema: { schema: JSON.stringify(cityJson), name: 'response' } },
      },
    });
  });

  it('falls back to one forced tool of that schema on a model without it', () => {
    const request = toChatRequest(hello, { schema: city, schemaName: 'place', schemaDescription: 'A place' });
    const built = buildRequest(request, resolveModel('sonnet-4', 'us-east-1'));
    expect(built.draft.textFormat).toBeUndefined();
    expect(encodeConverseInput(built.draft).toolConfig).toEqual({
      tools: [{ toolSpec: { name: 'place', description: 'A place', inputSchema: { json: cityJson } } }],
      toolChoice: { tool: { name: 'place' } },
    });
    expect(built.warnings).toEqual([]);
  });

  it('turns thinking off for the fallback call, and says so', () => {
    const request = toChatRequest(hello, { schema: city });
    const model = resolveModel('sonnet-4', 'us-east-1');
    const draft = {
      modelId: model.modelId,
      messages: hello,
      inferenceConfig: { maxTokens: 4096 },
      modelFields: { thinking: { type: 'enabled', budget_tokens: 2048 }, top_k: 5 },
    };
    const output = outputFeature.request(draft, { request, model });
    expect(output.draft.modelFields).toEqual({ top_k: 5 });
    expect(output.warnings).toEqual([
      'Claude Sonnet 4 has no native structured output; the schema was sent as a forced tool call, and Bedrock refuses thinking with one ("Thinking may not be enabled when tool_choice forces tool use"), so thinking was turned off for this call.',
    ]);
  });

  it('disables the default thinking of a model that thinks unless told not to', () => {
    const built = buildRequest(
      toChatRequest(hello, { schema: city }),
      resolveModel('haiku-5.5', 'us-east-1'),
    );
    expect(built.draft.modelFields).toEqual({ thinking: { type: 'disabled' } });
    expect(built.draft.toolChoice).toEqual({ tool: 'response' });
  });

  it('takes an ordinary JSON Schema on both paths: as given for the forced tool, closed for textFormat', () => {
    const ordinary = {
      type: 'object',
      properties: { city: { type: 'string' }, population: { type: 'integer', minimum: 0 } },
      required: ['city'],
    };
    const fallback = buildRequest(
      toChatRequest(hello, { schema: ordinary }),
      resolveModel('sonnet-4', 'us-east-1'),
    );
    expect(fallback.draft.tools?.[0]?.inputSchema).toBe(ordinary);
    const open = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const native = buildRequest(
      toChatRequest(hello, { schema: open }),
      resolveModel('sonnet-4.5', 'us-east-1'),
    );
    expect(native.draft.textFormat?.schema).toEqual({ ...open, additionalProperties: false });
    // A bound is what native structured output refuses (the forced tool took it above).
    const refused = thrown(() =>
      buildRequest(toChatRequest(hello, { schema: ordinary }), resolveModel('sonnet-4.5', 'us-east-1')),
    );
    expect(refused.code).toBe('SCHEMA_INVALID');
    expect(refused.message).toBe(
      "Claude Sonnet 4.5's structured output on Bedrock does not take this schema: properties.population: For 'integer' type, property 'minimum' is not supported.",
    );
  });

  it('refuses effort above high on the fallback, where the schema turns the thinking it needs off', () => {
    const model = resolveModel('opus-4.7', 'us-east-1');
    for (const effort of ['xhigh', 'max'] as const) {
      const refused = thrown(() =>
        buildRequest(toChatRequest(hello, { schema: city, thinking: true, effort }), model),
      );
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.details).toEqual({ option: 'effort' });
      expect(refused.message).toBe(
        `effort ${effort} needs thinking, and a schema turns thinking off on Claude Opus 4.7: it has no native structured output, so the schema goes as a forced tool call, which Bedrock refuses with thinking.`,
      );
    }
    const high = buildRequest(toChatRequest(hello, { schema: city, thinking: true, effort: 'high' }), model);
    expect(high.draft.effort).toBe('high');
    expect(high.warnings).toHaveLength(1);
    // Native structured output keeps thinking, so xhigh stays possible there.
    const native = buildRequest(
      toChatRequest(hello, { schema: city, thinking: true, effort: 'max' }),
      resolveModel('opus-4.6', 'us-east-1'),
    );
    expect(native.draft.effort).toBe('max');
    expect(native.draft.textFormat).toBeDefined();
  });

  it('refuses thinking in additionalModelRequestFields on the fallback, before any call', () => {
    const request = toChatRequest(hello, {
      schema: city,
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    });
    expect(() => buildRequest(request, resolveModel('sonnet-4', 'us-east-1'))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', details: { option: 'schema' } }),
    );
  });
});

describe('the reply half', () => {
  const fallback = () => {
    const request = toChatRequest(hello, { schema: city });
    return { request, draft: buildRequest(request, resolveModel('sonnet-4', 'us-east-1')).draft };
  };
  const toolUse = { toolUse: { toolUseId: 't1', name: 'response', input: { city: 'Oslo' } } };

  it('turns the forced call back into the JSON text, ended as a turn', () => {
    const { request, draft } = fallback();
    const message: Message = { role: 'assistant', content: [toolUse] };
    expect(outputReply(request, draft, { message, stopReason: 'tool_use' })).toEqual({
      message: { role: 'assistant', content: [{ text: '{"city":"Oslo"}' }] },
      stopReason: 'end_turn',
    });
    expect(outputStreamEvent(request, { type: 'tool-use', block: toolUse, contentBlockIndex: 0 })).toEqual({
      type: 'text',
      text: '{"city":"Oslo"}',
      contentBlockIndex: 0,
    });
  });

  it('leaves a native reply alone', () => {
    const request = toChatRequest(hello, { schema: city });
    const draft = buildRequest(request, resolveModel('sonnet-4.5', 'us-east-1')).draft;
    const reply = {
      message: { role: 'assistant' as const, content: [toolUse] },
      stopReason: 'tool_use' as const,
    };
    expect(outputReply(request, draft, reply)).toBe(reply);
  });

  it('parses and checks the value; a reply that does not match is a coded error with the raw text', () => {
    const request: ChatRequest = toChatRequest(hello, { schema: city });
    expect(outputValue(request, '{"city":"Oslo"}', 'end_turn')).toEqual({ city: 'Oslo' });
    const caught = (text: string, stop: 'end_turn' | 'max_tokens') =>
      thrown(() => outputValue(request, text, stop));
    const mismatch = caught('{"town":"Oslo"}', 'end_turn');
    expect(mismatch.code).toBe('OUTPUT_INVALID');
    expect(mismatch.message).toBe(
      'The reply does not match the schema: city: Invalid input: expected string, received undefined.',
    );
    expect(mismatch.details).toEqual({ rawText: '{"town":"Oslo"}', stopReason: 'end_turn' });
    const cut = caught('{"city":"Os', 'max_tokens');
    expect(cut.message).toBe('The reply is not JSON (it was cut off at the token limit).');
    expect(cut.hint).toBe('Raise maxTokens (--max-tokens) so the whole object fits.');
  });
});
