import { compileToolSchema } from '../../agent/tool-input-schema.js';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { relaxForBedrock } from '../../output/bedrock-schema-rules.js';
import type { ToolSpec } from '../chat-request.js';
import type { RequestFeature } from '../request-feature.js';

function thinkingOn(fields: Readonly<Record<string, unknown>> | undefined): boolean {
  const thinking = fields?.thinking as { type?: unknown } | undefined;
  return thinking?.type === 'enabled' || thinking?.type === 'adaptive';
}

/**
 * The tools of a call as Converse's `toolConfig`: each tool's JSON Schema (zod schemas converted),
 * its description, and `strict` where the catalogue says the model supports strict tool use
 * (elsewhere left out, with a warning). `toolChoice` `auto` is Converse's default and is not
 * sent; a forced one goes as auto, with a warning, to a model that refuses forcing. A forced choice with extended thinking is refused here, before Bedrock would refuse it
 * ("Thinking may not be enabled when tool_choice forces tool use.").
 */
export const toolsFeature: RequestFeature = {
  name: 'tools',
  applies: (request) => request.tools !== undefined && request.tools.length > 0,
  request(draft, { request, model }) {
    const forced = request.toolChoice !== undefined && request.toolChoice !== 'auto';
    if (forced && (thinkingOn(draft.modelFields) || thinkingOn(request.raw))) {
      throw new BedrockChatError({
        code: 'INVALID_INPUT',
        message:
          'A forced toolChoice ("any" or { tool }) cannot be combined with extended thinking: Bedrock refuses the request.',
        hint: 'Leave toolChoice out (the model decides) or turn thinking off for this call.',
        details: { option: 'toolChoice' },
      });
    }
    const warnings: string[] = [];
    const strictSupported = model.info?.strictTools === true;
    const tools: ToolSpec[] = (request.tools ?? []).map((tool) => {
      if (tool.strict && !strictSupported) {
        warnings.push(
          `${model.info?.name ?? model.modelId} does not take strict tool use; strict was not sent for ${tool.name}.`,
        );
      }
      const json = compileToolSchema(tool).json;
      const strict = tool.strict === true && strictSupported;
      return {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        // A strict schema follows structured output's rules (objects closed, no bounds): the
        // input is still checked against the tool's own schema before `execute`.
        inputSchema: strict ? relaxForBedrock(json) : json,
        ...(tool.strict !== undefined && strictSupported ? { strict: tool.strict } : {}),
      };
    });
    // The newest models refuse a forced choice (the catalogue's `forcedToolChoice`): sent as auto.
    const refusesForced = forced && model.info?.forcedToolChoice === false;
    if (refusesForced) {
      warnings.push(
        `${model.info?.name} does not take a forced toolChoice; it was sent as auto (the model may answer without a tool).`,
      );
    }
    const toolChoice = request.toolChoice === 'auto' || refusesForced ? undefined : request.toolChoice;
    return { draft: { ...draft, tools, ...(toolChoice === undefined ? {} : { toolChoice }) }, warnings };
  },
};
