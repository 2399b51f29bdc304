import type { ConverseRequest } from './converse-request.js';
import { REDACTED_THINKING_TRIGGER, redactedReasoning } from './reasoning-signature.js';
import { isRecord } from './rules/request-rule.js';
import { thinkingField } from './rules/thinking-rules.js';
import { lastUserText } from './token-count.js';

/** What the emulated model thinks before it answers, when the request turns thinking on. */
export type PlannedReasoning = { readonly text: string } | { readonly redacted: string };

/**
 * Reasoning for a request that asks for thinking (`thinking.type` `enabled` or `adaptive`): one
 * sentence naming the prompt and the effort it was asked at (Bedrock's default `high` when none),
 * so a test sees both reach the model. `display: "omitted"` returns the block with empty text (as
 * the models since Opus 4.7 do by default; the signature still comes). A prompt holding
 * Anthropic's redaction trigger gets a redacted block instead. Models that think by default are
 * not made to think here: adaptive thinking may skip a simple prompt, and the echo is simple.
 */
export function plannedReasoning(request: ConverseRequest): PlannedReasoning | undefined {
  const thinking = thinkingField(request);
  if (thinking?.type !== 'enabled' && thinking?.type !== 'adaptive') return undefined;
  const prompt = lastUserText(request.messages);
  if (prompt.includes(REDACTED_THINKING_TRIGGER)) return { redacted: redactedReasoning(prompt) };
  if (thinking.display === 'omitted') return { text: '' };
  const config = request.outputConfig;
  const effort = isRecord(config) && typeof config.effort === 'string' ? config.effort : 'high';
  const budget =
    typeof thinking.budget_tokens === 'number' ? `, within ${thinking.budget_tokens} tokens` : '';
  return { text: `Thinking at ${effort} effort${budget} about: ${prompt}` };
}
