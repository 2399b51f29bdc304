import { describe, expect, it } from 'vitest';
import type { ConverseRequest } from './converse-request.js';
import { REDACTED_THINKING_TRIGGER, redactedReasoning, signReasoning } from './reasoning-signature.js';
import { echoText, planReply } from './reply-plan.js';
import { generateFillerText } from './scripted-reply.js';

function request(text: string, inferenceConfig?: ConverseRequest['inferenceConfig']): ConverseRequest {
  return { messages: [{ role: 'user', content: [{ text }] }], inferenceConfig };
}

describe('planReply', () => {
  it('echoes the last user message and counts ceil(chars / 4) tokens', () => {
    const plan = planReply(
      {
        system: [{ text: 'You are terse.' }], // 14 chars
        messages: [
          { role: 'user', content: [{ text: 'first' }] }, // 5
          { role: 'assistant', content: [{ text: 'ok' }] }, // 2
          { role: 'user', content: [{ text: 'What is 2+2?' }] }, // 12
        ],
      },
      undefined,
      100,
    );
    expect(plan.blocks).toEqual([{ type: 'text', text: 'Echo: What is 2+2?' }]);
    expect(plan.stopReason).toBe('end_turn');
    expect(plan.usage).toEqual({ inputTokens: 9, outputTokens: 5, totalTokens: 14 }); // 33/4, 18/4
  });

  it('echoes tool-result text when the last user turn carries no text', () => {
    const reply = echoText({
      messages: [
        {
          role: 'user',
          content: [{ toolResult: { toolUseId: 't1', content: [{ text: '42' }, { json: { ok: true } }] } }],
        },
      ],
    });
    expect(reply).toBe('Echo: 42{"ok":true}');
  });

  it('answers the tool convention when nothing is scripted, and a scripted reply wins over it', () => {
    const withTools: ConverseRequest = {
      messages: [{ role: 'user', content: [{ text: 'use clock {"zone":"UTC"}' }] }],
      toolConfig: { tools: [{ toolSpec: { name: 'clock', inputSchema: { json: { type: 'object' } } } }] },
    };
    const planned = planReply(withTools, undefined, 100);
    expect(planned.blocks).toEqual([
      { type: 'toolUse', toolUse: { toolUseId: 'tooluse_emu1_1', name: 'clock', input: { zone: 'UTC' } } },
    ]);
    expect(planned.stopReason).toBe('tool_use');
    expect(planReply(withTools, { text: 'Scripted.' }, 100).blocks).toEqual([
      { type: 'text', text: 'Scripted.' },
    ]);
    // "clock" + {"zone":"UTC"} is 19 characters: a 4-token budget cannot hold the call.
    expect(planReply({ ...withTools, inferenceConfig: { maxTokens: 4 } }, undefined, 100)).toMatchObject({
      blocks: [],
      stopReason: 'max_tokens',
    });
  });

  it('cuts the reply at maxTokens and reports max_tokens', () => {
    const plan = planReply(request('abcdefghijklmnop', { maxTokens: 2 }), undefined, 100);
    expect(plan.blocks).toEqual([{ type: 'text', text: 'Echo: ab' }]);
    expect(plan.stopReason).toBe('max_tokens');
    expect(plan.usage.outputTokens).toBe(2);
  });

  it('stops before the earliest stop sequence', () => {
    const plan = planReply(request('one STOP two HALT', { stopSequences: ['HALT', 'STOP'] }), undefined, 100);
    expect(plan.blocks).toEqual([{ type: 'text', text: 'Echo: one ' }]);
    expect(plan.stopReason).toBe('stop_sequence');
  });

  it('prefers max_tokens when the budget runs out before the stop sequence', () => {
    const plan = planReply(
      request('aaaaaaaaaaaaaaaa STOP', { maxTokens: 1, stopSequences: ['STOP'] }),
      undefined,
      100,
    );
    expect(plan.stopReason).toBe('max_tokens');
  });

  it('plays a scripted text reply with overridden stop reason and usage', () => {
    const plan = planReply(
      request('hi'),
      { text: 'Scripted.', stopReason: 'guardrail_intervened', usage: { inputTokens: 100 } },
      100,
    );
    expect(plan.blocks).toEqual([{ type: 'text', text: 'Scripted.' }]);
    expect(plan.stopReason).toBe('guardrail_intervened');
    expect(plan.usage).toEqual({ inputTokens: 100, outputTokens: 3, totalTokens: 103 });
  });

  it('plays reasoning, text and tool use in that order and stops for the tool', () => {
    const toolUse = { toolUseId: 'tool-1', name: 'weather', input: { city: 'Paris' } };
    const plan = planReply(
      request('hi'),
      { reasoning: { text: 'Think.', signature: 'sig' }, text: 'Checking.', toolUse },
      100,
    );
    expect(plan.blocks).toEqual([
      { type: 'reasoning', text: 'Think.', signature: 'sig' },
      { type: 'text', text: 'Checking.' },
      { type: 'toolUse', toolUse },
    ]);
    expect(plan.stopReason).toBe('tool_use');
    // 6 + 9 + "weather{"city":"Paris"}" (23) = 38 chars → 10 tokens
    expect(plan.usage.outputTokens).toBe(10);
  });

  it('omits the echo when only a tool call is scripted', () => {
    const plan = planReply(request('hi'), { toolUse: { toolUseId: 't', name: 'f', input: {} } }, 100);
    expect(plan.blocks.map((block) => block.type)).toEqual(['toolUse']);
  });

  it('drops a tool call that does not fit in maxTokens rather than cutting it', () => {
    const plan = planReply(
      request('hi', { maxTokens: 1 }),
      { toolUse: { toolUseId: 't', name: 'lookup', input: { q: 'x' } } },
      100,
    );
    expect(plan.blocks).toEqual([]);
    expect(plan.stopReason).toBe('max_tokens');
  });

  it('generates exactly the requested number of tokens', () => {
    const plan = planReply(request('hi'), { generate: { tokens: 1000 } }, 64_000);
    expect(plan.usage.outputTokens).toBe(1000);
    expect(plan.stopReason).toBe('end_turn');
  });
});

describe('generateFillerText', () => {
  it('is deterministic and one token per word', () => {
    const text = generateFillerText(50);
    expect(text).toBe(generateFillerText(50));
    expect(text.split(' ')).toHaveLength(50);
    expect(Math.ceil(text.length / 4)).toBe(50);
    expect(new Set(text.split(' ')).size).toBeGreaterThan(10);
  });

  it('thinks before answering when the request asks for thinking, signing what it thought', () => {
    const thinking = (fields: Record<string, unknown>, text = 'why?') =>
      planReply({ ...request(text), additionalModelRequestFields: { thinking: fields } }, undefined, 1000);
    const text = 'Thinking at high effort, within 2048 tokens about: why?';
    expect(thinking({ type: 'enabled', budget_tokens: 2048 }).blocks).toEqual([
      { type: 'reasoning', text, signature: signReasoning(text) },
      { type: 'text', text: 'Echo: why?' },
    ]);
    expect(thinking({ type: 'adaptive', display: 'omitted' }).blocks[0]).toEqual({
      type: 'reasoning',
      text: '',
      signature: signReasoning(''),
    });
    expect(thinking({ type: 'adaptive' }, REDACTED_THINKING_TRIGGER).blocks[0]).toEqual({
      type: 'redacted',
      data: redactedReasoning(REDACTED_THINKING_TRIGGER),
    });
    expect(planReply(request('why?'), undefined, 1000).blocks).toEqual([
      { type: 'text', text: 'Echo: why?' },
    ]);
  });
});
