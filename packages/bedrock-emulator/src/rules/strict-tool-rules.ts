import type { ConverseRequest } from '../converse-request.js';
import { isRecord, modelError, type RequestRule } from './request-rule.js';
import { firstSchemaRefusal } from './schema-keyword-rules.js';

/** The tool specs that ask for strict tool use, with their index in the model's `tools` list. */
function strictSpecs(request: ConverseRequest): { index: number; schema: unknown }[] {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool: unknown, index) => {
    const spec = isRecord(tool) ? tool.toolSpec : undefined;
    if (!isRecord(spec) || spec.strict !== true) return [];
    const inputSchema = spec.inputSchema;
    return [{ index, schema: isRecord(inputSchema) ? inputSchema.json : undefined }];
  });
}

/**
 * A model without strict tool use refuses the field: "tools.0.custom.strict: Extra inputs are not
 * permitted" (Opus 5.5 and Fable 5.1 on Bedrock, lobehub/lobehub#19876; the index counts the
 * model's tools from 0). Bedrock passes the model's refusal on with its usual prefix.
 */
export const strictToolsSupported: RequestRule = (request, model) => {
  if (!model.refusesStrictTools) return null;
  const first = strictSpecs(request)[0];
  return first === undefined
    ? null
    : modelError(`tools.${first.index}.custom.strict: Extra inputs are not permitted`);
};

/**
 * A strict tool's input schema follows structured output's rules ("tools.0.custom: For 'string'
 * type, property 'pattern' is not supported", as a report quotes the Messages API;
 * `schema-keyword-rules.ts` lists what is refused).
 */
export const strictToolSchemas: RequestRule = (request) => {
  for (const { index, schema } of strictSpecs(request)) {
    const refused = firstSchemaRefusal(schema);
    if (refused !== null) return modelError(`tools.${index}.custom: ${refused}`);
  }
  return null;
};
