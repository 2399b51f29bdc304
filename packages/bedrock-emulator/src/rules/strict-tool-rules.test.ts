import { describe, expect, it } from 'vitest';
import { OPUS_55, refusal, request, SONNET_46 } from './__fixtures__/rule-fixtures.js';
import { strictToolSchemas, strictToolsSupported } from './strict-tool-rules.js';

const tool = (name: string, json: unknown, strict?: boolean) => ({
  toolSpec: { name, inputSchema: { json }, ...(strict === undefined ? {} : { strict }) },
});
const open = { type: 'object', properties: { q: { type: 'string' } } };
const closed = { ...open, additionalProperties: false };

describe('strictToolsSupported', () => {
  it('refuses strict on a model without strict tool use, naming the tool by its index', () => {
    const converse = request({ toolConfig: { tools: [tool('a', closed), tool('b', closed, true)] } });
    expect(refusal(strictToolsSupported, converse, OPUS_55)).toBe(
      'The model returned the following errors: tools.1.custom.strict: Extra inputs are not permitted',
    );
    expect(refusal(strictToolsSupported, converse, SONNET_46)).toBeNull();
    expect(
      refusal(strictToolsSupported, request({ toolConfig: { tools: [tool('a', open)] } }), OPUS_55),
    ).toBeNull();
  });
});

describe('strictToolSchemas', () => {
  it("holds a strict tool's schema to structured output's rules, and leaves other tools alone", () => {
    expect(refusal(strictToolSchemas, request({ toolConfig: { tools: [tool('a', open, true)] } }))).toBe(
      "The model returned the following errors: tools.0.custom: For 'object' type, 'additionalProperties' must be explicitly set to false",
    );
    expect(refusal(strictToolSchemas, request({ toolConfig: { tools: [tool('a', open)] } }))).toBeNull();
    expect(
      refusal(strictToolSchemas, request({ toolConfig: { tools: [tool('a', closed, true)] } })),
    ).toBeNull();
  });
});
