import { describe, expect, it } from 'vitest';
import { pdf, png } from '../../attachments/__fixtures__/sample-files.js';
import { attachmentBlock } from '../../attachments/attachment-block.js';
import { messagesJsonBytes } from './sqlite-free-space.js';

describe('messagesJsonBytes', () => {
  it('is the byte length of the messages’ JSON, files inline and text in any script', () => {
    const report = attachmentBlock({
      bytes: Buffer.concat([pdf(), Buffer.alloc(200 * 1024, 7)]),
      fileName: 'r.pdf',
    });
    const messages = [
      { role: 'user', content: [report, attachmentBlock({ bytes: png(4, 4), fileName: 'chart.png' })] },
      { role: 'user', content: [{ text: 'Grüße, 日本語, 🙂, "quoted"\n\ttabbed \u0001 \ud800' }] },
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 't1', name: 'read', input: { bytes: 'not "base64"\n', size: 3 } } },
          { reasoningContent: { redactedContent: 'QUJD' } },
        ],
      },
    ];
    expect(messagesJsonBytes(messages)).toBe(Buffer.byteLength(JSON.stringify(messages)));
    expect(messagesJsonBytes([])).toBe(2);
  });
});
