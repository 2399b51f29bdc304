import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveModel } from '../../models/resolve-model.js';
import { toChatRequest } from '../chat-request.js';
import { buildRequest } from '../pipeline.js';

const hello = [{ role: 'user' as const, content: [{ text: 'hello' }] }];
const search = {
  name: 'search',
  description: 'Finds notes',
  inputSchema: z.object({ q: z.string() }),
  strict: true,
};

describe('toolsFeature', () => {
  it('sends each tool with its JSON Schema and the forced choice; auto is left to the default', () => {
    const model = resolveModel('sonnet-4.5', 'us-east-1');
    const built = buildRequest(
      toChatRequest(hello, { tools: [search], toolChoice: { tool: 'search' } }),
      model,
    );
    expect(built.applied).toContain('tools');
    expect(built.draft.tools).toEqual([
      {
        name: 'search',
        description: 'Finds notes',
        // Strict: closed, as Bedrock's structured output requires of every object.
        inputSchema: {
          type: 'object',
          properties: { q: { type: 'string' } },
          required: ['q'],
          additionalProperties: false,
        },
        strict: true,
      },
    ]);
    expect(built.draft.toolChoice).toEqual({ tool: 'search' });
    expect(
      buildRequest(toChatRequest(hello, { tools: [search], toolChoice: 'auto' }), model).draft.toolChoice,
    ).toBeUndefined();
  });

  it('leaves strict out, with a warning, for a model without strict tool use', () => {
    const built = buildRequest(
      toChatRequest(hello, { tools: [search] }),
      resolveModel('opus-4.7', 'us-east-1'),
    );
    expect(built.draft.tools?.[0]).not.toHaveProperty('strict');
    expect(built.warnings).toEqual([
      'Claude Opus 4.7 does not take strict tool use; strict was not sent for search.',
    ]);
  });

  it('sends a forced choice as auto, with a warning, to a model that refuses forcing', () => {
    const model = resolveModel('fable-5', 'us-east-1');
    const built = buildRequest(toChatRequest(hello, { tools: [search], toolChoice: 'any' }), model);
    expect(built.draft.toolChoice).toBeUndefined();
    expect(built.warnings).toContain(
      'Claude Fable 5 does not take a forced toolChoice; it was sent as auto (the model may answer without a tool).',
    );
  });

  it('refuses a forced choice beside thinking from the raw model fields', () => {
    const request = toChatRequest(hello, {
      tools: [search],
      toolChoice: 'any',
      additionalModelRequestFields: { thinking: { type: 'adaptive' } },
    });
    expect(() => buildRequest(request, resolveModel('opus-4.7', 'us-east-1'))).toThrow(
      /cannot be combined with extended thinking/,
    );
  });
});

describe('toolHistoryAsTextFeature', () => {
  const history = [
    { role: 'user' as const, content: [{ text: 'list' }] },
    {
      role: 'assistant' as const,
      content: [{ text: 'Looking.' }, { toolUse: { toolUseId: 't1', name: 'ls', input: { path: '.' } } }],
    },
    {
      role: 'user' as const,
      content: [
        {
          toolResult: {
            toolUseId: 't1',
            status: 'error' as const,
            content: [{ text: 'denied' }, { json: { code: 13 } }],
          },
        },
      ],
    },
    { role: 'assistant' as const, content: [{ text: 'It failed.' }] },
    { role: 'user' as const, content: [{ text: 'why?' }] },
  ];

  it('turns the tool blocks of a call without tools into text, naming each result after its call', () => {
    const built = buildRequest(toChatRequest(history, {}), resolveModel('haiku-4.5', 'us-east-1'));
    expect(built.applied).toContain('tool-history-as-text');
    expect(built.draft.messages.slice(1, 3)).toEqual([
      { role: 'assistant', content: [{ text: 'Looking.' }, { text: '[tool call ls {"path":"."}]' }] },
      { role: 'user', content: [{ text: '[tool error of ls: denied {"code":13}]' }] },
    ]);
  });

  it('leaves the blocks alone when the call has tools, and does not apply to a history without them', () => {
    const withTools = buildRequest(
      toChatRequest(history, { tools: [search] }),
      resolveModel('haiku-4.5', 'us-east-1'),
    );
    expect(withTools.applied).not.toContain('tool-history-as-text');
    expect(withTools.draft.messages).toBe(history);
    expect(
      buildRequest(toChatRequest(hello, {}), resolveModel('haiku-4.5', 'us-east-1')).applied,
    ).not.toContain('tool-history-as-text');
  });
});
