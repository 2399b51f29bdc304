import { describe, expect, it } from 'vitest';
import type { ContentBlock, ConverseRequest } from '../converse-request.js';
import {
  assistant,
  HAIKU_45,
  OPUS_41,
  OPUS_46,
  OPUS_47,
  refusal,
  request,
  SONNET_46,
  text,
  user,
} from './__fixtures__/rule-fixtures.js';
import { cachePointLimit } from './cache-point-rule.js';
import { checkRequestRules } from './check-request.js';
import { mediaOnlyFromUser } from './content-role-rule.js';
import { prefillRefusal } from './prefill-rule.js';

const prefilled = request({ messages: [user(text('Write JSON.')), assistant(text('{'))] });
const cachePoint = { cachePoint: { type: 'default' } };

describe('prefillRefusal', () => {
  it.each([SONNET_46, OPUS_46, OPUS_47])('refuses a final assistant message on $modelName', (model) => {
    expect(refusal(prefillRefusal, prefilled, model)).toBe(
      'The model returned the following errors: This model does not support assistant message prefill. The conversation must end with a user message.',
    );
  });

  it.each([HAIKU_45, OPUS_41])('accepts it on $modelName', (model) => {
    expect(refusal(prefillRefusal, prefilled, model)).toBeNull();
  });
});

describe('mediaOnlyFromUser', () => {
  it('refuses an image or a document in an assistant message, naming it', () => {
    const image = { image: { format: 'png', source: { bytes: 'AAAA' } } };
    const document = { document: { format: 'txt', name: 'notes', source: { text: 'x' } } };
    const withReply = (block: ContentBlock) =>
      request({ messages: [user(text('a')), assistant(text('b'), block), user(text('c'))] });
    expect(refusal(mediaOnlyFromUser, withReply(image))).toBe(
      "The model returned the following errors: messages.1.content: 'image' blocks are not permitted within assistant turns.",
    );
    expect(refusal(mediaOnlyFromUser, withReply(document))).toMatch(/'document' blocks are not permitted/);
    expect(refusal(mediaOnlyFromUser, request({ messages: [user(text('look'), image)] }))).toBeNull();
  });
});

describe('cachePointLimit', () => {
  it('counts cache points in tools, system and messages: 4 pass, 5 do not', () => {
    const withPoints = (messagePoints: number): ConverseRequest =>
      request({
        toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: {} } } }, cachePoint] },
        system: [{ text: 'sys' }, cachePoint],
        messages: [user(text('hi'), ...Array.from({ length: messagePoints }, () => cachePoint))],
      });
    expect(refusal(cachePointLimit, withPoints(2))).toBeNull();
    expect(refusal(cachePointLimit, withPoints(3))).toBe(
      'The model returned the following errors: A maximum of 4 blocks with cache_control may be provided. Found 5.',
    );
  });
});

describe('checkRequestRules', () => {
  it('answers a request that breaks several rules with the one Bedrock checks first', () => {
    const broken = request({
      messages: [user(text('hi')), assistant({ toolUse: { toolUseId: 't', name: 'x', input: {} } })],
      inferenceConfig: { temperature: 0.5, topP: 0.5 },
    });
    expect(() => checkRequestRules(broken, SONNET_46)).toThrow(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  });

  it('lets a plain request through on every model', () => {
    expect(() => checkRequestRules(request(), OPUS_47)).not.toThrow();
  });
});
