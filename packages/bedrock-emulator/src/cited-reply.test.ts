import { describe, expect, it } from 'vitest';
import { citedPassages } from './cited-reply.js';
import type { ConverseRequest } from './converse-request.js';
import { toConverseContent, toStreamEvents } from './reply-events.js';
import { planReply } from './reply-plan.js';

const handbook = (citations?: boolean) => ({
  document: {
    name: 'handbook',
    format: 'txt',
    source: {
      bytes: Buffer.from('Expenses are refunded within 30 days. Travel is booked centrally.').toString(
        'base64',
      ),
    },
    ...(citations === undefined ? {} : { citations: { enabled: citations } }),
  },
});
const ask = (...content: Record<string, unknown>[]): ConverseRequest => ({
  messages: [{ role: 'user', content: [...content, { text: 'What is refunded?' }] }],
});

describe('citations in the echo reply', () => {
  it("cites a document's first sentence when its citations are enabled, located by characters", () => {
    expect(citedPassages(ask(handbook(true)))).toEqual([
      {
        text: 'handbook says: Expenses are refunded within 30 days.',
        citation: {
          title: 'handbook',
          sourceContent: [{ text: 'Expenses are refunded within 30 days.' }],
          location: { documentChar: { documentIndex: 0, start: 0, end: 37 } },
        },
      },
    ]);
    expect(citedPassages(ask(handbook()))).toEqual([]);
    expect(citedPassages(ask(handbook(false)))).toEqual([]);
  });

  it('answers with a citationsContent block, streamed as a citation delta before its text', () => {
    const plan = planReply(ask(handbook(true)), undefined, 4096);
    expect(toConverseContent(plan)).toEqual([
      { text: expect.stringMatching(/^Echo: What is refunded\?\n\[message 1: document "handbook"/) },
      {
        citationsContent: {
          content: [{ text: '\nhandbook says: Expenses are refunded within 30 days.' }],
          citations: [expect.objectContaining({ title: 'handbook' })],
        },
      },
    ]);
    const deltas = toStreamEvents(plan, 100)
      .filter((event) => event.eventType === 'contentBlockDelta')
      .map((event) => event.payload as { contentBlockIndex: number; delta: Record<string, unknown> });
    expect(deltas.map((event) => [event.contentBlockIndex, Object.keys(event.delta)[0]])).toEqual([
      [0, 'text'],
      [1, 'citation'],
      [1, 'text'],
    ]);
  });
});
