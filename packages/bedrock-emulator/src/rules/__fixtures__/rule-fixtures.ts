import type { ContentBlock, ConverseRequest, Message } from '../../converse-request.js';
import { type EmulatedModel, findModel } from '../../model-catalogue.js';
import type { RequestRule } from '../request-rule.js';

export function model(modelId: string): EmulatedModel {
  const found = findModel(modelId);
  if (found === undefined) throw new Error(`${modelId} is not in the emulator's catalogue`);
  return found;
}

export const HAIKU_35 = model('anthropic.claude-3-5-haiku-20241022-v1:0');
export const SONNET_37 = model('anthropic.claude-3-7-sonnet-20250219-v1:0');
export const SONNET_4 = model('anthropic.claude-sonnet-4-20250514-v1:0');
export const HAIKU_45 = model('anthropic.claude-haiku-4-5-20251001-v1:0');
export const OPUS_41 = model('anthropic.claude-opus-4-1-20250805-v1:0');
export const SONNET_46 = model('anthropic.claude-sonnet-4-6');
export const OPUS_46 = model('anthropic.claude-opus-4-6-v1');
export const OPUS_47 = model('anthropic.claude-opus-4-7');
export const OPUS_55 = model('anthropic.claude-opus-5-5');
export const HAIKU_55 = model('anthropic.claude-haiku-5-5');
export const FABLE_52 = model('anthropic.claude-fable-5-2');
export const FABLE_5 = model('anthropic.claude-fable-5');
export const OPUS_5 = model('anthropic.claude-opus-5');
export const OPUS_45 = model('anthropic.claude-opus-4-5-20251101-v1:0');

export const user = (...content: ContentBlock[]): Message => ({ role: 'user', content });
export const assistant = (...content: ContentBlock[]): Message => ({ role: 'assistant', content });
export const text = (value: string): ContentBlock => ({ text: value });

export function request(overrides: Partial<ConverseRequest> = {}): ConverseRequest {
  return { messages: [user(text('hi'))], ...overrides };
}

/** The message a rule answers with, or null when it lets the request through. */
export function refusal(rule: RequestRule, converse: ConverseRequest, emulated = HAIKU_45): string | null {
  const error = rule(converse, emulated);
  if (error === null) return null;
  if (error.errorName !== 'ValidationException' || error.status !== 400) {
    throw new Error(`expected a 400 ValidationException, got ${error.status} ${error.errorName}`);
  }
  return error.message;
}
