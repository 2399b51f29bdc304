import { describe, expect, it } from 'vitest';
import type { Message } from '../../messages/message-schemas.js';
import { fromSdkMessage } from './from-sdk-message.js';
import { toSdkMessages } from './to-sdk-messages.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');

describe('SDK message converters', () => {
  it('turn base64 binaries into bytes and back, losslessly', () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { text: 'What is in these?' },
          { image: { format: 'png', source: { bytes: png } } },
          {
            document: {
              name: 'notes',
              format: 'txt',
              source: { bytes: Buffer.from('hi').toString('base64') },
            },
          },
        ],
      },
    ];
    const sdk = toSdkMessages(messages);
    const image = sdk[0]?.content?.[1]?.image?.source;
    expect(image && 'bytes' in image ? image.bytes : undefined).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    );
    const back = fromSdkMessage({ role: 'assistant', content: sdk[0]?.content ?? [] }).message;
    expect(back.content).toEqual(messages[0]?.content);
  });

  it('keeps tool use, tool results and reasoning', () => {
    const content: Message['content'] = [
      { reasoningContent: { reasoningText: { text: 'think', signature: 's' } } },
      { toolUse: { toolUseId: 't1', name: 'calc', input: { a: 1 } } },
      {
        toolResult: {
          toolUseId: 't1',
          content: [{ json: { result: 2 } }, { text: 'ok' }],
          status: 'success',
        },
      },
      { reasoningContent: { redactedContent: Buffer.from('secret').toString('base64') } },
    ];
    const sdk = toSdkMessages([{ role: 'assistant', content }]);
    expect(fromSdkMessage({ role: 'assistant', content: sdk[0]?.content ?? [] }).message.content).toEqual(
      content,
    );
  });

  it('drops empty text blocks from replies so they can be sent back as history', () => {
    expect(
      fromSdkMessage({ role: 'assistant', content: [{ text: '' }, { text: 'hi' }] }).message.content,
    ).toEqual([{ text: 'hi' }]);
  });
});
