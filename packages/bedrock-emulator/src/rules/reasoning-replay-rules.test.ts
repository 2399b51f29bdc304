import { describe, expect, it } from 'vitest';
import type { ContentBlock } from '../converse-request.js';
import { redactedReasoning, signReasoning } from '../reasoning-signature.js';
import { assistant, refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import { reasoningBeforeToolUse, reasoningSignatures } from './reasoning-replay-rules.js';

const prefix = 'The model returned the following errors: ';
const reasoning = (value: string, signature: unknown = signReasoning(value)): ContentBlock => ({
  reasoningContent: { reasoningText: { text: value, signature } },
});
const history = (...blocks: ContentBlock[]) =>
  request({ messages: [user(text('why?')), assistant(...blocks, text('Because.')), user(text('and?'))] });
const call: ContentBlock = { toolUse: { toolUseId: 't1', name: 'weather', input: {} } };
const answer: ContentBlock = { toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } };
const enabled = { thinking: { type: 'enabled', budget_tokens: 1024 } };

describe('reasoningSignatures', () => {
  it('accepts reasoning the emulator signed, and redacted reasoning it wrote, sent back unchanged', () => {
    expect(refusal(reasoningSignatures, history(reasoning('Hmm.')))).toBeNull();
    expect(
      refusal(
        reasoningSignatures,
        history({ reasoningContent: { redactedContent: redactedReasoning('x') } }),
      ),
    ).toBeNull();
  });

  it('refuses reasoning whose text or signature changed, or that has none, naming the block', () => {
    const invalid = `${prefix}messages.1.content.0: Invalid \`signature\` in \`thinking\` block`;
    expect(refusal(reasoningSignatures, history(reasoning('Hmm!', signReasoning('Hmm.'))))).toBe(invalid);
    expect(refusal(reasoningSignatures, history(reasoning('Hmm.', 'sig')))).toBe(invalid);
    const unsigned: ContentBlock = { reasoningContent: { reasoningText: { text: 'Hmm.' } } };
    expect(refusal(reasoningSignatures, history(unsigned))).toBe(invalid);
    expect(refusal(reasoningSignatures, history({ reasoningContent: { redactedContent: 'AAAA' } }))).toBe(
      `${prefix}messages.1.content.0: Invalid \`signature\` in \`redacted_thinking\` block`,
    );
  });
});

describe('reasoningBeforeToolUse', () => {
  const loop = (...blocks: ContentBlock[]) =>
    request({
      messages: [user(text('weather?')), assistant(...blocks), user(answer)],
      additionalModelRequestFields: enabled,
    });

  it('refuses tool results answering a call whose reasoning was dropped, with budget thinking', () => {
    expect(refusal(reasoningBeforeToolUse, loop(call))).toMatch(
      /^The model returned the following errors: messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\./,
    );
    expect(refusal(reasoningBeforeToolUse, loop(text('Checking.'), call))).toContain('but found `text`');
  });

  it('accepts the call after its reasoning, adaptive thinking, and requests that are not tool results', () => {
    expect(refusal(reasoningBeforeToolUse, loop(reasoning('Need weather.'), call))).toBeNull();
    const adaptive = request({
      messages: [user(text('weather?')), assistant(call), user(answer)],
      additionalModelRequestFields: { thinking: { type: 'adaptive' } },
    });
    expect(refusal(reasoningBeforeToolUse, adaptive)).toBeNull();
    expect(refusal(reasoningBeforeToolUse, request({ additionalModelRequestFields: enabled }))).toBeNull();
  });
});
