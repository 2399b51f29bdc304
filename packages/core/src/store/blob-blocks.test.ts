import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdf } from '../attachments/__fixtures__/sample-files.js';
import { attachmentBlock } from '../attachments/attachment-block.js';
import { toStoredContent } from './blob-blocks.js';

describe('toStoredContent', () => {
  it('moves a file out by the SHA-256 and size of its bytes, the same each time it is stored', () => {
    const bytes = Buffer.concat([pdf(), Buffer.alloc(256 * 1024, 3)]);
    const ref = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    const block = attachmentBlock({ bytes, fileName: 'report.pdf' });
    const first = toStoredContent([block]);
    expect(first.content).toEqual([{ document: { name: 'report', format: 'pdf', source: { blob: ref } } }]);
    expect(Buffer.from(first.blobs.get(ref.sha256) ?? []).equals(bytes)).toBe(true);
    // What a caller does with the reference it got back does not change the next one.
    const stored = first.content[0] as { document: { source: { blob: { sha256: string } } } };
    stored.document.source.blob.sha256 = '0'.repeat(64);
    const again = toStoredContent([block]);
    expect(again.content).toEqual([{ document: { name: 'report', format: 'pdf', source: { blob: ref } } }]);
  });
});
