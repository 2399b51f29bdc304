import type { ChatStreamEvent } from '../../client/chat-types.js';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { ContentBlock } from '../../messages/content-block-schemas.js';
import type { Message, StopReason } from '../../messages/message-schemas.js';
import { nativeOutputSchema } from '../../output/output-schema.js';
import type { ChatRequest, RequestDraft } from '../chat-request.js';
import type { RequestFeature } from '../request-feature.js';
import { EFFORT_NEEDING_THINKING } from './effort.js';

function thinkingOn(fields: Readonly<Record<string, unknown>> | undefined): boolean {
  const thinking = fields?.thinking as { type?: unknown } | undefined;
  return thinking?.type === 'enabled' || thinking?.type === 'adaptive';
}

/**
 * Structured output. On a model the catalogue says has it, `outputConfig.textFormat` with the
 * JSON schema (Bedrock's structured-output guide: "For Converse APIs, use the
 * outputConfig.textFormat request field"). Elsewhere the fallback: one tool whose input schema
 * is the schema, forced by name, and its call turned back into the reply's JSON text
 * ({@link outputReply}). A forced tool and thinking exclude each other ("Thinking may not be
 * enabled when tool_choice forces tool use"), so the fallback turns thinking off for the call:
 * thinking asked for is dropped with a warning, and a model that thinks unless told otherwise
 * gets `thinking: {type: "disabled"}`. Effort above high needs thinking (`effort.ts`), so on the
 * fallback it is refused before any call rather than sent to be refused: the effort would be
 * what the call cannot honour, not a setting Bedrock ignores. Runs after thinking (which it may
 * undo) and effort, and before tools.
 */
export const outputFeature: RequestFeature = {
  name: 'output',
  applies: (request) => request.output !== undefined,
  request(draft, { request, model }) {
    const output = request.output;
    if (output === undefined) return { draft };
    const modelName = model.info?.name ?? model.modelId;
    if (model.info?.structuredOutput === true) {
      const schema = nativeOutputSchema(output.schema, modelName);
      return {
        draft: { ...draft, textFormat: { name: output.name, description: output.description, schema } },
      };
    }
    if (draft.effort !== undefined && EFFORT_NEEDING_THINKING.includes(draft.effort)) {
      // Bedrock: "output_config.effort 'xhigh' is not supported when thinking is disabled on this model".
      throw new BedrockChatError({
        code: 'INVALID_INPUT',
        message: `effort ${draft.effort} needs thinking, and a schema turns thinking off on ${modelName}: it has no native structured output, so the schema goes as a forced tool call, which Bedrock refuses with thinking.`,
        hint: 'Use effort high or below with a schema on this model, or choose a model with native structured output (run `bedrock-chat models`).',
        details: { option: 'effort' },
      });
    }
    if (thinkingOn(request.raw)) {
      throw new BedrockChatError({
        code: 'INVALID_INPUT',
        message: `${modelName} has no native structured output, so the schema goes as a forced tool call, which Bedrock refuses with the thinking in additionalModelRequestFields.`,
        hint: 'Leave thinking out of additionalModelRequestFields for a call with a schema on this model, or choose a model with structured output.',
        details: { option: 'schema' },
      });
    }
    const warnings: string[] = [];
    const { thinking: _thinking, ...fields }: Record<string, unknown> = { ...draft.modelFields };
    if (thinkingOn(draft.modelFields)) {
      warnings.push(
        `${modelName} has no native structured output; the schema was sent as a forced tool call, and Bedrock refuses thinking with one ("Thinking may not be enabled when tool_choice forces tool use"), so thinking was turned off for this call.`,
      );
    }
    if (model.info?.thinking?.default === 'on') fields.thinking = { type: 'disabled' };
    const tool = {
      name: output.name,
      description: output.description ?? 'Respond with the answer as this tool call: its input is the reply.',
      inputSchema: output.schema.json,
    };
    return {
      draft: {
        ...draft,
        modelFields: Object.keys(fields).length > 0 ? fields : undefined,
        tools: [tool],
        toolChoice: { tool: output.name },
      },
      warnings,
    };
  },
};

/** The reply as JSON text: on the fallback path the forced call's input becomes a text block. */
export function outputReply(
  request: ChatRequest,
  draft: RequestDraft,
  reply: { message: Message; stopReason: StopReason },
): { message: Message; stopReason: StopReason } {
  const output = request.output;
  if (output === undefined || draft.textFormat !== undefined) return reply;
  let found = false;
  const content: ContentBlock[] = reply.message.content.map((block) => {
    if (!('toolUse' in block) || block.toolUse.name !== output.name) return block;
    found = true;
    return { text: JSON.stringify(block.toolUse.input) };
  });
  if (!found) return reply;
  const stopReason = reply.stopReason === 'tool_use' ? 'end_turn' : reply.stopReason;
  return { message: { ...reply.message, content }, stopReason };
}

/** The fallback's forced call, streamed: the JSON text it stands for, once the call is complete. */
export function outputStreamEvent(request: ChatRequest, event: ChatStreamEvent): ChatStreamEvent {
  if (event.type !== 'tool-use' || event.block.toolUse.name !== request.output?.name) return event;
  return {
    type: 'text',
    text: JSON.stringify(event.block.toolUse.input),
    contentBlockIndex: event.contentBlockIndex,
  };
}

/** The reply's text as the value it holds, checked: a coded error with the raw text otherwise. */
export function outputValue(request: ChatRequest, text: string, stopReason: StopReason): unknown {
  const output = request.output;
  if (output === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw outputInvalid(text, stopReason, 'The reply is not JSON');
  }
  const checked = output.schema.check(value);
  if (!checked.ok)
    throw outputInvalid(text, stopReason, `The reply does not match the schema: ${checked.issues}`);
  return checked.value;
}

function outputInvalid(text: string, stopReason: StopReason, what: string): BedrockChatError {
  const cutOff = stopReason === 'max_tokens';
  return new BedrockChatError({
    code: 'OUTPUT_INVALID',
    message: `${what}${cutOff ? ' (it was cut off at the token limit)' : ''}.`,
    hint: cutOff
      ? 'Raise maxTokens (--max-tokens) so the whole object fits.'
      : 'The raw reply is in details.rawText; retry, or loosen the schema.',
    details: { rawText: text, stopReason },
  });
}
