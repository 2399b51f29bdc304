import { describe, expect, it } from 'vitest';
import type { Message } from '../../messages/message-schemas.js';
import { resolveModel } from '../../models/resolve-model.js';
import { toChatRequest } from '../chat-request.js';
import { buildRequest } from '../pipeline.js';

const sonnet = resolveModel('sonnet-4.5', 'us-east-1');
const handbook = { document: { name: 'handbook', format: 'txt' as const, source: { text: 'Expenses…' } } };
const asked: Message[] = [{ role: 'user', content: [handbook, { text: 'What is refunded?' }] }];

describe('citationsFeature', () => {
  it('asks for citations from every document without a say of its own, and only with citations: true', () => {
    const { draft, applied } = buildRequest(toChatRequest(asked, { citations: true }), sonnet);
    expect(draft.messages[0]?.content[0]).toEqual({
      document: { ...handbook.document, citations: { enabled: true } },
    });
    expect(applied).toContain('citations');
    expect(asked[0]?.content[0]).toEqual(handbook);

    const own = { document: { ...handbook.document, citations: { enabled: false } } };
    const kept = buildRequest(
      toChatRequest([{ role: 'user', content: [own, { text: 'x' }] }], { citations: true }),
      sonnet,
    );
    expect(kept.draft.messages[0]?.content[0]).toEqual(own);

    expect(buildRequest(toChatRequest(asked, {}), sonnet).draft.messages).toBe(asked);
  });
});
