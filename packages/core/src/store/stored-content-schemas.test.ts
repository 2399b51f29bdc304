import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContentBlockSchema } from '../messages/content-block-schemas.js';
import { describeIssues } from './store-errors.js';
import {
  StoredContentBlockSchema,
  StoredDocumentRefBlockSchema,
  StoredImageRefBlockSchema,
  StoredToolResultBlockSchema,
} from './stored-content-schemas.js';

/** What the schema was before its kinds were laid out flat: the same blocks, the same answers. */
const NESTED = z.union([
  ContentBlockSchema,
  StoredImageRefBlockSchema,
  StoredDocumentRefBlockSchema,
  StoredToolResultBlockSchema,
]);

const blob = { sha256: 'ab'.repeat(32), size: 3 };
const valid: unknown[] = [
  { text: 'hi' },
  { image: { format: 'png', source: { bytes: 'QUJD' }, name: 'a.png' } },
  { image: { format: 'jpeg', source: { s3Location: { uri: 's3://b/k' } } } },
  { image: { format: 'gif', source: { blob }, name: 'b.gif' } },
  { document: { name: 'r', format: 'pdf', source: { bytes: 'QUJD' }, citations: { enabled: true } } },
  { document: { name: 'n', source: { text: 'plain' }, context: 'why' } },
  { document: { name: 'r', format: 'txt', source: { blob } } },
  { toolUse: { toolUseId: 't', name: 'read', input: { path: 'x' } } },
  {
    toolResult: {
      toolUseId: 't',
      status: 'success',
      content: [
        { text: 'ok' },
        { json: { a: 1 } },
        { image: { format: 'png', source: { blob } } },
        { document: { name: 'd', source: { bytes: 'QQ==' } } },
      ],
    },
  },
  { reasoningContent: { reasoningText: { text: 'hmm', signature: 's' } } },
  { reasoningContent: { redactedContent: 'QUJD' } },
  {
    citationsContent: {
      content: [{ text: 'c' }],
      citations: [{ title: 't', location: { documentPage: { start: 1 } } }],
    },
  },
  { cachePoint: { type: 'default', ttl: '1h' } },
];
const invalid: unknown[] = [
  {},
  { bogus: 1 },
  { text: 1 },
  { text: 'a', extra: 1 },
  { image: { format: 'bmp', source: { bytes: 'QUJD' } } },
  { image: { format: 'png', source: { blob: { sha256: 'XYZ', size: 3 } } } },
  { image: { format: 'png', source: { bytes: 'QUJD', blob } } },
  { document: { format: 'pdf', source: { blob } } },
  { document: { name: 'r', source: { bytes: 'not base64!' } } },
  { toolResult: { toolUseId: 't', content: [{ bogus: 1 }] } },
  { cachePoint: { type: 'other' } },
  null,
  'text',
];

describe('StoredContentBlockSchema', () => {
  it('takes what ContentBlockSchema or a reference form takes, and refuses the rest with the same issues', () => {
    for (const block of [...valid, ...invalid]) {
      const flat = StoredContentBlockSchema.safeParse(block);
      const nested = NESTED.safeParse(block);
      const label = JSON.stringify(block);
      expect(flat.success, label).toBe(nested.success);
      if (flat.success) expect(flat.data, label).toEqual(nested.data);
      else if (flat.error && nested.error)
        expect(describeIssues(flat.error), label).toEqual(describeIssues(nested.error));
    }
    expect(valid.every((block) => StoredContentBlockSchema.safeParse(block).success)).toBe(true);
    expect(invalid.some((block) => StoredContentBlockSchema.safeParse(block).success)).toBe(false);
  });
});
