import { describe, expect, it } from 'vitest';
import {
  cachedReplyResponse,
  cacheWriteResponse,
  citedBlock,
  citedReplyResponse,
  flexReplyResponse,
} from './__fixtures__/converse-response.js';
import { decodeConverseResponse } from './decode-converse-response.js';

describe('decodeConverseResponse', () => {
  it('keeps the message (empty text dropped), the stop reason and the non-zero cache counts', () => {
    expect(decodeConverseResponse(cachedReplyResponse)).toEqual({
      message: { role: 'assistant', content: [{ text: 'Paris is the capital of France.' }] },
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 8, totalTokens: 4116, cacheReadInputTokens: 4096 },
      warnings: [],
    });
  });

  it('keeps the cache writes per TTL', () => {
    expect(decodeConverseResponse(cacheWriteResponse).usage).toEqual({
      inputTokens: 10,
      outputTokens: 2,
      totalTokens: 6_012,
      cacheWriteInputTokens: 6_000,
      cacheDetails: [
        { ttl: '1h', inputTokens: 5_000 },
        { ttl: '5m', inputTokens: 1_000 },
      ],
    });
  });

  it('reads a response without output or usage as an empty end_turn reply', () => {
    expect(decodeConverseResponse({ $metadata: {} } as never)).toEqual({
      message: { role: 'assistant', content: [] },
      stopReason: 'end_turn',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      warnings: [],
    });
  });

  it('keeps citationsContent blocks, and names a block it cannot keep instead of dropping it silently', () => {
    const decoded = decodeConverseResponse(citedReplyResponse);
    expect(decoded.message.content).toEqual([{ text: 'The handbook says ' }, citedBlock, { text: '.' }]);
    expect(decoded.warnings).toEqual([
      'The reply held content bedrock-chat does not read yet (video); it was left out of the message.',
    ]);
  });

  it('keeps the tier and latency Bedrock reports it served the call with, and only those', () => {
    expect(decodeConverseResponse(flexReplyResponse).served).toEqual({
      serviceTier: 'flex',
      latency: 'standard',
    });
    const unknown = { ...flexReplyResponse, serviceTier: { type: 'turbo' }, performanceConfig: {} };
    expect(decodeConverseResponse(unknown as never)).not.toHaveProperty('served');
  });
});
