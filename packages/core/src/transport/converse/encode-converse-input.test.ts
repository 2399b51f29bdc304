import { describe, expect, it } from 'vitest';
import { encodeConverseInput } from './encode-converse-input.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('encodeConverseInput', () => {
  it('names Converse fields and turns base64 into bytes; leaves out what the draft does not hold', () => {
    const input = encodeConverseInput({
      modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What is this?' },
            { image: { format: 'png', source: { bytes: png.toString('base64') } } },
          ],
        },
      ],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 10 },
      modelFields: { top_k: 5 },
    });
    expect(input).toEqual({
      modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What is this?' },
            { image: { format: 'png', source: { bytes: new Uint8Array(png) } } },
          ],
        },
      ],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 10 },
      additionalModelRequestFields: { top_k: 5 },
    });
    const bare = encodeConverseInput({ modelId: 'm', messages: [], inferenceConfig: { maxTokens: 1 } });
    expect(Object.keys(bare)).toEqual(['modelId', 'messages', 'inferenceConfig']);
  });
});
