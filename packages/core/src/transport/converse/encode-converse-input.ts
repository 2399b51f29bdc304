import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ToolChoice } from '../../agent/tool-definition.js';
import type { RequestDraft, TextFormat, ToolSpec } from '../../request/chat-request.js';
import { toSdkMessages, toSdkSystem } from './to-sdk-messages.js';

/** A built request → the ConverseCommand (and ConverseStreamCommand) input. Pure. */
export function encodeConverseInput(draft: RequestDraft): ConverseCommandInput {
  return {
    modelId: draft.modelId,
    messages: toSdkMessages(draft.messages),
    inferenceConfig: draft.inferenceConfig,
    ...(draft.system ? { system: toSdkSystem(draft.system) } : {}),
    ...(draft.modelFields
      ? {
          additionalModelRequestFields:
            draft.modelFields as ConverseCommandInput['additionalModelRequestFields'],
        }
      : {}),
    ...(draft.tools ? { toolConfig: toolConfig(draft.tools, draft.toolChoice) } : {}),
    ...outputConfig(draft),
    ...(draft.serviceTier === undefined ? {} : { serviceTier: { type: draft.serviceTier } }),
    ...(draft.latency === undefined ? {} : { performanceConfig: { latency: draft.latency } }),
  };
}

/** Converse's `outputConfig`: effort and structured output share it. */
function outputConfig(draft: RequestDraft): Pick<ConverseCommandInput, 'outputConfig'> {
  if (draft.effort === undefined && draft.textFormat === undefined) return {};
  return {
    outputConfig: {
      ...(draft.effort === undefined ? {} : { effort: draft.effort }),
      ...(draft.textFormat === undefined ? {} : { textFormat: textFormat(draft.textFormat) }),
    },
  };
}

/** `outputConfig.textFormat`: the schema travels as a JSON string (`JsonSchemaDefinition.schema`). */
function textFormat({ name, description, schema }: TextFormat) {
  return {
    type: 'json_schema' as const,
    structure: {
      jsonSchema: {
        schema: JSON.stringify(schema),
        name,
        ...(description === undefined ? {} : { description }),
      },
    },
  };
}

/** Converse's `toolConfig`: `tools[].toolSpec` with the schema under `inputSchema.json`. */
function toolConfig(
  tools: readonly ToolSpec[],
  choice: ToolChoice | undefined,
): NonNullable<ConverseCommandInput['toolConfig']> {
  return {
    tools: tools.map(({ name, description, inputSchema, strict }) => ({
      toolSpec: {
        name,
        ...(description === undefined ? {} : { description }),
        inputSchema: { json: inputSchema as never },
        ...(strict === undefined ? {} : { strict }),
      },
    })),
    ...(choice === undefined ? {} : { toolChoice: toolChoiceOf(choice) }),
  };
}

function toolChoiceOf(choice: ToolChoice): NonNullable<ConverseCommandInput['toolConfig']>['toolChoice'] {
  if (choice === 'auto') return { auto: {} };
  if (choice === 'any') return { any: {} };
  return { tool: { name: choice.tool } };
}
