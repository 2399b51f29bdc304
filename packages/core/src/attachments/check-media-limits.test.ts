import { describe, expect, it } from 'vitest';
import { userMessage } from '../messages/message-builders.js';
import type { Message } from '../messages/message-schemas.js';
import { thrown } from '../store/__fixtures__/expect-failure.js';
import { jpeg, pdf, png } from './__fixtures__/sample-files.js';
import { attachmentBlock } from './attachment-block.js';
import { promptWithAttachments, withUniqueDocumentNames } from './attachment-prompt.js';
import { checkMediaLimits } from './check-media-limits.js';

const refusal = (messages: Message[]) => thrown(() => checkMediaLimits(messages));

const image = (name: string) => attachmentBlock({ bytes: png(4, 4), fileName: name });
const document = (name: string) => attachmentBlock({ bytes: pdf(), fileName: name });
const reply = { role: 'assistant' as const, content: [{ text: 'ok' }] };

describe('checkMediaLimits', () => {
  it('passes 20 images and 5 documents with a prompt', () => {
    const files = [
      ...Array.from({ length: 20 }, (_, index) => image(`${index}.png`)),
      ...Array.from({ length: 5 }, (_, index) => document(`d${index}.pdf`)),
    ];
    expect(() => checkMediaLimits([userMessage(promptWithAttachments('Compare.', files))])).not.toThrow();
  });

  it('counts the history: the 21st image and the 6th document are named', () => {
    const earlier = userMessage(
      promptWithAttachments(
        'a',
        Array.from({ length: 18 }, (_, i) => image(`${i}.png`)),
      ),
    );
    const now = userMessage(promptWithAttachments('b', [image('x.png'), image('y.png'), image('z.png')]));
    expect(refusal([earlier, reply, now])).toMatchObject({
      code: 'ATTACHMENT_LIMIT',
      message:
        "z.png: the request would hold 21 images; Bedrock takes at most 20, the conversation's earlier ones included.",
    });
    const docs = Array.from({ length: 6 }, (_, index) => document(`part ${index}.pdf`));
    expect(refusal([userMessage(promptWithAttachments('read', docs))]).message).toMatch(
      /^part 5: .* 6 documents/,
    );
  });

  it('needs a text block beside documents, and unique names', () => {
    expect(refusal([userMessage([document('a.pdf')])]).message).toBe(
      'a: Bedrock needs a text prompt beside documents.',
    );
    expect(refusal([userMessage([document('a.pdf'), { text: '  ' }])]).code).toBe('ATTACHMENT_LIMIT');
    expect(refusal([userMessage([document('a.pdf'), document('other/a.pdf'), { text: 'x' }])]).message).toBe(
      'a: two documents in the request have this name; Bedrock needs each name once.',
    );
  });

  it('checks sizes and dimensions of blocks built elsewhere, without the file name', () => {
    const wide = {
      image: { format: 'jpeg' as const, source: { bytes: jpeg(9000, 10, 300_000).toString('base64') } },
    };
    expect(refusal([userMessage([wide, { text: 'see' }])]).message).toBe(
      'image 1 (jpeg): 9000×10 px is more than Bedrock takes (8000 px a side).',
    );
  });
});

describe('withUniqueDocumentNames', () => {
  it('renames a prompt document whose name the history holds', () => {
    const history = [userMessage(promptWithAttachments('first', [document('report.pdf')])), reply];
    const prompt = promptWithAttachments('again', [document('report.pdf'), document('report.pdf')]);
    const renamed = withUniqueDocumentNames(prompt, history);
    expect(renamed.flatMap((block) => ('document' in block ? [block.document.name] : []))).toEqual([
      'report (2)',
      'report (3)',
    ]);
    const fresh = promptWithAttachments('x', [document('other.pdf')]);
    expect(withUniqueDocumentNames(fresh, history)).toBe(fresh);
  });
});
