import { describe, expect, it } from 'vitest';
import { hydrateMessages } from './blob-blocks.js';
import { blobRefOf } from './blob-store.js';
import type { NewMessage } from './conversation-schemas.js';
import type { ContractContext } from './store-contract.js';

/** The store contract's part about files: stored once per owner by hash, read back only on demand. */

const photo = Buffer.from('not really a PNG, but bytes the store must keep exactly\u0000\u00ff');
const report = Buffer.from('%PDF-1.7 a document of some length');
const base64 = (bytes: Buffer) => bytes.toString('base64');

function withFiles(prompt: string): NewMessage[] {
  return [
    {
      role: 'user',
      content: [
        { text: prompt },
        { image: { format: 'png', name: 'photo.png', source: { bytes: base64(photo) } } },
        { document: { name: 'report', format: 'pdf', source: { bytes: base64(report) } } },
      ],
    },
    { role: 'assistant', content: [{ text: 'Seen.' }], modelId: 'model', stopReason: 'end_turn' },
  ];
}

const photoRef = blobRefOf(photo);
const reportRef = blobRefOf(report);

export function describeStoreFiles(
  setup: () => Promise<ContractContext>,
  { codeOf }: { codeOf: (promise: Promise<unknown>) => Promise<string> },
): void {
  describe('files', () => {
    it('stores a file once by hash, returns references, and hydrates them back to the bytes', async () => {
      const { store } = await setup();
      const created = await store.create({ title: 'Files', messages: withFiles('Look at these') });
      const loaded = await store.get(created.id);
      expect(loaded).toEqual(created);
      expect(loaded.messages[0]?.content).toEqual([
        { text: 'Look at these' },
        { image: { format: 'png', name: 'photo.png', source: { blob: photoRef } } },
        { document: { name: 'report', format: 'pdf', source: { blob: reportRef } } },
      ]);
      // Reading a conversation never reads the bytes.
      expect(JSON.stringify(loaded)).not.toContain(base64(photo));
      const [sent] = await hydrateMessages(loaded.messages, store.blobs);
      expect(sent?.content).toEqual(withFiles('Look at these')[0]?.content);
      expect(await store.blobs.stat(photoRef.sha256)).toEqual(photoRef);
      expect(Buffer.from(await store.blobs.get(photoRef.sha256))).toEqual(photo);
      // The same file again, in an append and in another conversation: still one copy.
      await store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: withFiles('Again'),
      });
      const other = await store.create({ title: 'Other', messages: withFiles('Same files') });
      const json = JSON.parse(await store.export(created.id, 'json'));
      expect(Object.keys(json.files).sort()).toEqual([photoRef.sha256, reportRef.sha256].sort());
      expect(json.files[photoRef.sha256]).toBe(base64(photo));
      expect(await store.blobs.put(photo)).toEqual(photoRef);
      expect((await store.get(other.id)).messages[0]?.content[1]).toEqual({
        image: { format: 'png', name: 'photo.png', source: { blob: photoRef } },
      });
      await store.close();
    });

    it('keeps files inside tool results by reference too, and takes references to files it holds', async () => {
      const { store } = await setup();
      const chart = Buffer.from('chart bytes');
      const chartRef = await store.blobs.put(chart);
      expect(chartRef).toEqual(blobRefOf(chart));
      const created = await store.create({
        title: 'Tools',
        messages: [
          { role: 'user', content: [{ text: 'Plot it' }] },
          {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 't1', name: 'plot', input: {} } }],
            stopReason: 'tool_use',
          },
          {
            role: 'user',
            content: [
              {
                toolResult: {
                  toolUseId: 't1',
                  content: [{ text: 'done' }, { image: { format: 'png', source: { bytes: base64(photo) } } }],
                },
              },
            ],
          },
          {
            role: 'assistant',
            content: [{ text: 'Here.' }, { image: { format: 'png', source: { blob: chartRef } } }],
          },
        ],
      });
      const loaded = await store.get(created.id);
      expect(loaded.messages[2]?.content).toEqual([
        {
          toolResult: {
            toolUseId: 't1',
            content: [{ text: 'done' }, { image: { format: 'png', source: { blob: photoRef } } }],
          },
        },
      ]);
      const sent = await hydrateMessages(loaded.messages, store.blobs);
      expect(sent[3]?.content[1]).toEqual({ image: { format: 'png', source: { bytes: base64(chart) } } });
      // A reference to a file the store does not hold is refused, and nothing is written.
      const unknown = { sha256: 'a'.repeat(64), size: 3 };
      const dangling = {
        conversationId: created.id,
        expectedPosition: 4,
        messages: [
          {
            role: 'user' as const,
            content: [{ image: { format: 'png' as const, source: { blob: unknown } } }],
          },
          { role: 'assistant' as const, content: [{ text: 'x' }] },
        ],
      };
      expect(await codeOf(store.rehearseWrite({ kind: 'append', input: dangling }))).toBe('INVALID_INPUT');
      expect(await codeOf(store.appendMessages(dangling))).toBe('INVALID_INPUT');
      expect(await codeOf(store.blobs.get(unknown.sha256))).toBe('INVALID_INPUT');
      expect(await store.blobs.stat(unknown.sha256)).toBeUndefined();
      expect((await store.get(created.id)).messageCount).toBe(4);
      await store.close();
    });

    it("keeps each owner's files apart: another owner's hash is unknown, its bytes never read", async () => {
      const { store } = await setup();
      await store.create({ title: 'Mine', messages: withFiles('Private') });
      const alice = store.forOwner('alice');
      expect(await alice.blobs.stat(photoRef.sha256)).toBeUndefined();
      expect(await codeOf(alice.blobs.get(photoRef.sha256))).toBe('INVALID_INPUT');
      // Knowing the hash is not enough: a reference needs the owner's own copy.
      const probe = [
        {
          role: 'user' as const,
          content: [{ image: { format: 'png' as const, source: { blob: photoRef } } }],
        },
        { role: 'assistant' as const, content: [{ text: 'x' }] },
      ];
      expect(await codeOf(alice.create({ title: 'Probe', messages: probe }))).toBe('INVALID_INPUT');
      // Nor through an import that names the file without bringing it.
      const document = JSON.parse(
        await store.export((await store.list()).conversations[0]?.id ?? '', 'json'),
      );
      const stripped = { ...document, files: {} };
      expect(await codeOf(alice.import(stripped, { onExistingId: 'new-id' }))).toBe('INVALID_INPUT');
      // A document whose file is not what its hash says is refused too.
      const forged = { ...document, files: { ...document.files, [photoRef.sha256]: base64(report) } };
      expect(await codeOf(alice.import(forged, { onExistingId: 'new-id' }))).toBe('INVALID_INPUT');
      expect(await alice.blobs.stat(photoRef.sha256)).toBeUndefined();
      // With the bytes, alice gets her own copy, which outlives the local user's.
      const hers = await alice.import(document, { onExistingId: 'new-id' });
      expect(await alice.blobs.stat(photoRef.sha256)).toEqual(photoRef);
      const mine = (await store.list()).conversations[0]?.id ?? '';
      await store.delete(mine);
      expect(await store.blobs.stat(photoRef.sha256)).toBeUndefined();
      const [sent] = await hydrateMessages((await alice.get(hers.id)).messages, alice.blobs);
      expect(sent?.content[1]).toEqual({
        image: { format: 'png', name: 'photo.png', source: { bytes: base64(photo) } },
      });
      await store.close();
    });

    it('deletes a file with the last conversation that refers to it, not before', async () => {
      const { store } = await setup();
      const first = await store.create({ title: 'First', messages: withFiles('One') });
      const second = await store.create({ title: 'Second', messages: withFiles('Two').slice(0, 2) });
      const onlyFirst = Buffer.from('only in the first');
      await store.appendMessages({
        conversationId: first.id,
        expectedPosition: 2,
        messages: [
          {
            role: 'user',
            content: [{ document: { name: 'own', format: 'txt', source: { bytes: base64(onlyFirst) } } }],
          },
          { role: 'assistant', content: [{ text: 'ok' }] },
        ],
      });
      await store.delete(first.id);
      expect(await store.blobs.stat(blobRefOf(onlyFirst).sha256)).toBeUndefined();
      expect(await store.blobs.stat(photoRef.sha256)).toEqual(photoRef);
      const [sent] = await hydrateMessages((await store.get(second.id)).messages, store.blobs);
      expect(sent?.content[2]).toEqual({
        document: { name: 'report', format: 'pdf', source: { bytes: base64(report) } },
      });
      await store.delete(second.id);
      expect(await store.blobs.stat(photoRef.sha256)).toBeUndefined();
      expect(await store.blobs.stat(reportRef.sha256)).toBeUndefined();
      await store.close();
    });

    it('exports each file once and imports it back, and shows files by name and size in Markdown', async () => {
      const { store } = await setup();
      const created = await store.create({ title: 'Round trip with files', messages: withFiles('Both') });
      await store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: withFiles('Both again'),
      });
      const json = await store.export(created.id, 'json');
      expect(json.split(base64(photo)).length - 1).toBe(1);
      await store.delete(created.id);
      expect(await store.blobs.stat(photoRef.sha256)).toBeUndefined();
      const imported = await store.import(json);
      expect(await store.export(imported.id, 'json')).toBe(json);
      expect(await store.blobs.stat(photoRef.sha256)).toEqual(photoRef);
      const markdown = await store.export(imported.id, 'markdown');
      expect(markdown).toContain(`*[attachment: photo.png (png image, ${photo.length} bytes)]*`);
      expect(markdown).toContain(`*[attachment: report (pdf document, ${report.length} bytes)]*`);
      expect(markdown).not.toContain(base64(photo));
      await store.close();
    });
  });
}
