import type { ConverseRequest } from '../converse-request.js';
import { isRecord, modelError, type RequestRule } from './request-rule.js';
import { toolSpecNames } from './tool-rules.js';

function toolChoice(request: ConverseRequest): Record<string, unknown> | undefined {
  const choice = isRecord(request.toolConfig) ? request.toolConfig.toolChoice : undefined;
  return isRecord(choice) ? choice : undefined;
}

/**
 * `toolChoice: {tool: {name}}` naming a tool that is not offered, refused by the model in
 * Anthropic's words, "Tool 'web_search' not found in provided tools" (as quoted from the
 * Messages API in a proxy's review, found by the code search; Bedrock passes the model's
 * refusal on with its usual prefix).
 */
export const unknownToolChoice: RequestRule = (request) => {
  const chosen = toolChoice(request)?.tool;
  const name = isRecord(chosen) ? chosen.name : undefined;
  if (typeof name !== 'string' || toolSpecNames(request).some((tool) => tool.name === name)) return null;
  return modelError(`Tool '${name}' not found in provided tools`);
};

function forced(choice: Record<string, unknown> | undefined): boolean {
  return choice !== undefined && (choice.any !== undefined || choice.tool !== undefined);
}

/**
 * A model that takes no forced choice at all: "tool_choice: type "tool" and "any" are not
 * supported for this model" (Opus 5.5 on Bedrock, recorded by vercel/ai as
 * bedrock-opus-5-5-forced-tool-error).
 */
export const forcedToolChoiceSupported: RequestRule = (request, model) => {
  if (!model.refusesForcedToolChoice || !forced(toolChoice(request))) return null;
  return modelError('tool_choice: type "tool" and "any" are not supported for this model');
};

/**
 * A forced tool choice (`any` or `tool`) with extended thinking on: "The model returned the
 * following errors: Thinking may not be enabled when tool_choice forces tool use."
 * (github.com/strands-agents/harness-sdk/pull/1495). A model that always thinks refuses every
 * forced choice so, and one that thinks by default does unless thinking is `disabled`. `adaptive` thinking counts as on too: Anthropic's
 * rule is about thinking, whatever its budget (an assumption; the reports show `enabled`).
 */
export const forcedToolChoiceWithThinking: RequestRule = (request, model) => {
  if (!forced(toolChoice(request))) return null;
  const fields = request.additionalModelRequestFields;
  const thinking = isRecord(fields) ? fields.thinking : undefined;
  const type = isRecord(thinking) ? thinking.type : undefined;
  // A model whose thinking cannot be turned off thinks whatever the request says; one that
  // thinks by default does so unless the request turns it off.
  const on =
    model.thinking === 'adaptive-always' ||
    (model.thinking === 'adaptive-default' && type !== 'disabled') ||
    type === 'enabled' ||
    type === 'adaptive';
  return on ? modelError('Thinking may not be enabled when tool_choice forces tool use.') : null;
};
