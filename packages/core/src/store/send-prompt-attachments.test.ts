import { describe, expect, it } from 'vitest';
import { pdf, png } from '../attachments/__fixtures__/sample-files.js';
import { attachmentBlock } from '../attachments/attachment-block.js';
import { promptWithAttachments } from '../attachments/attachment-prompt.js';
import { failure } from './__fixtures__/expect-failure.js';
import { fakeRunner } from './__fixtures__/fake-runner.js';
import { createMemoryStore } from './memory-store.js';
import { sendPrompt } from './send-prompt.js';

const paper = (fileName: string) => attachmentBlock({ bytes: pdf(), fileName });
const documentNames = (content: readonly object[]) =>
  content.flatMap((block) =>
    'document' in block ? [(block as { document: { name: string } }).document.name] : [],
  );

describe('sendPrompt with attachments', () => {
  it('sends and stores the files before the text, renaming a document the history already names', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const first = await sendPrompt({
      store,
      runner,
      prompt: promptWithAttachments('Sum up.', [paper('report.pdf')]),
    });
    const id = first.conversation?.id;
    await sendPrompt({
      store,
      runner,
      conversationId: id,
      prompt: promptWithAttachments('And this?', [paper('other/report.pdf')]),
    });
    const sent = runner.calls[1]?.messages ?? [];
    expect(sent.map((message) => documentNames(message.content))).toEqual([['report'], [], ['report (2)']]);
    const stored = await store.get(id ?? '');
    expect(documentNames(stored.messages[2]?.content ?? [])).toEqual(['report (2)']);
    expect(stored.messages[2]?.content.at(-1)).toEqual({ text: 'And this?' });
  });

  it('stores a file by reference and sends its bytes again with the history, only for what the trim keeps', async () => {
    const store = createMemoryStore();
    const reads: string[] = [];
    const { get } = store.blobs;
    store.blobs.get = (sha256) => {
      reads.push(sha256);
      return get(sha256);
    };
    const runner = fakeRunner();
    const attached = paper('report.pdf');
    const first = await sendPrompt({ store, runner, prompt: promptWithAttachments('Sum up.', [attached]) });
    const id = first.conversation?.id ?? '';
    const stored = (await store.get(id)).messages[0]?.content[0];
    expect(stored).toMatchObject({ document: { name: 'report', source: { blob: { size: pdf().length } } } });
    expect(JSON.stringify(stored)).not.toContain('bytes');
    await sendPrompt({ store, runner, conversationId: id, prompt: 'And then?' });
    // The model gets the bytes it got the first time; the store read them once, for this turn.
    expect(runner.calls[1]?.messages[0]?.content[0]).toEqual(runner.calls[0]?.messages[0]?.content[0]);
    expect(reads).toHaveLength(1);
    // A window too small for the file's turn: it is trimmed, and its bytes are not read.
    await sendPrompt({
      store,
      runner,
      conversationId: id,
      prompt: 'Last?',
      maxTokens: 100,
      contextWindowTokens: 1_000,
    });
    expect(runner.calls[2]?.messages).toHaveLength(3);
    expect(reads).toHaveLength(1);
  });

  it('refuses a sixth document over the whole conversation before calling the model, saving nothing', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const files = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => paper(`${prefix}${index}.pdf`));
    const first = await sendPrompt({ store, runner, prompt: promptWithAttachments('Read.', files('a', 4)) });
    const id = first.conversation?.id ?? '';
    const error = await failure(
      sendPrompt({
        store,
        runner,
        conversationId: id,
        prompt: promptWithAttachments('More.', files('b', 2)),
      }),
    );
    expect(error).toMatchObject({
      code: 'ATTACHMENT_LIMIT',
      message: expect.stringMatching(/^b1: .* 6 documents/),
    });
    expect(runner.calls).toHaveLength(1);
    expect((await store.get(id)).messageCount).toBe(2);
  });

  it('refuses documents without a prompt and an image without a prompt is fine', async () => {
    const runner = fakeRunner();
    const error = await failure(sendPrompt({ runner, prompt: promptWithAttachments('', [paper('a.pdf')]) }));
    expect(error).toMatchObject({
      code: 'ATTACHMENT_LIMIT',
      message: 'a: Bedrock needs a text prompt beside documents.',
    });
    const image = attachmentBlock({ bytes: png(2, 2), fileName: 'dot.png' });
    await sendPrompt({ runner, prompt: promptWithAttachments('', [image]) });
    expect(runner.calls).toHaveLength(1);
  });
});
