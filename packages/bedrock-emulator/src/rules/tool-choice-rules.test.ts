import { describe, expect, it } from 'vitest';
import { FABLE_52, HAIKU_55, OPUS_47, OPUS_55, refusal, request } from './__fixtures__/rule-fixtures.js';
import {
  forcedToolChoiceSupported,
  forcedToolChoiceWithThinking,
  unknownToolChoice,
} from './tool-choice-rules.js';

const toolConfig = (toolChoice: unknown) => ({
  tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object' } } } }],
  toolChoice,
});

describe('unknownToolChoice', () => {
  it('refuses a chosen tool that is not offered, as the model does', () => {
    expect(refusal(unknownToolChoice, request({ toolConfig: toolConfig({ tool: { name: 'clock' } }) }))).toBe(
      "The model returned the following errors: Tool 'clock' not found in provided tools",
    );
    expect(
      refusal(unknownToolChoice, request({ toolConfig: toolConfig({ tool: { name: 'weather' } }) })),
    ).toBeNull();
    expect(refusal(unknownToolChoice, request({ toolConfig: toolConfig({ any: {} }) }))).toBeNull();
  });
});

describe('forcedToolChoiceWithThinking', () => {
  const withThinking = (toolChoice: unknown, type = 'enabled') =>
    request({
      toolConfig: toolConfig(toolChoice),
      additionalModelRequestFields: { thinking: { type, budget_tokens: 1024 } },
    });

  it.each([{ any: {} }, { tool: { name: 'weather' } }])('refuses %j with thinking on', (choice) => {
    expect(refusal(forcedToolChoiceWithThinking, withThinking(choice))).toBe(
      'The model returned the following errors: Thinking may not be enabled when tool_choice forces tool use.',
    );
  });

  it('counts adaptive thinking as on, and lets auto or disabled thinking through', () => {
    expect(refusal(forcedToolChoiceWithThinking, withThinking({ any: {} }, 'adaptive'), OPUS_47)).toMatch(
      /forces tool use/,
    );
    expect(refusal(forcedToolChoiceWithThinking, withThinking({ auto: {} }))).toBeNull();
    expect(refusal(forcedToolChoiceWithThinking, withThinking({ any: {} }, 'disabled'))).toBeNull();
  });
});

describe('forcedToolChoiceSupported', () => {
  it('refuses any forced choice on a model that takes none', () => {
    for (const choice of [{ any: {} }, { tool: { name: 'weather' } }]) {
      expect(refusal(forcedToolChoiceSupported, request({ toolConfig: toolConfig(choice) }), OPUS_55)).toBe(
        'The model returned the following errors: tool_choice: type "tool" and "any" are not supported for this model',
      );
    }
    expect(
      refusal(forcedToolChoiceSupported, request({ toolConfig: toolConfig({ auto: {} }) }), OPUS_55),
    ).toBeNull();
    expect(refusal(forcedToolChoiceSupported, request({ toolConfig: toolConfig({ any: {} }) }))).toBeNull();
  });

  it('counts a model that thinks by default as thinking unless the request turns it off', () => {
    const forcedOn = (fields?: unknown) =>
      refusal(
        forcedToolChoiceWithThinking,
        request({ toolConfig: toolConfig({ any: {} }), additionalModelRequestFields: fields }),
        HAIKU_55,
      );
    expect(forcedOn()).toMatch(/forces tool use/);
    expect(forcedOn({ thinking: { type: 'disabled' } })).toBeNull();
  });

  it('counts a model that always thinks as thinking, whatever the request says', () => {
    expect(
      refusal(forcedToolChoiceWithThinking, request({ toolConfig: toolConfig({ any: {} }) }), FABLE_52),
    ).toMatch(/Thinking may not be enabled when tool_choice forces tool use/);
  });
});
