import type { ConverseRequest } from '../converse-request.js';
import {
  constraintErrors,
  constraintViolation,
  isRecord,
  modelError,
  type RequestRule,
} from './request-rule.js';
import { firstSchemaRefusal } from './schema-keyword-rules.js';

/** `outputConfig.textFormat`, when the request has one. */
export function textFormatOf(request: ConverseRequest): Record<string, unknown> | undefined {
  const config = request.outputConfig;
  const format = isRecord(config) ? config.textFormat : undefined;
  return isRecord(format) ? format : undefined;
}

/** The schema of `textFormat.structure.jsonSchema`, parsed; undefined when absent or not JSON. */
export function textFormatSchema(request: ConverseRequest): unknown {
  const structure = textFormatOf(request)?.structure;
  const jsonSchema = isRecord(structure) ? structure.jsonSchema : undefined;
  const schema = isRecord(jsonSchema) ? jsonSchema.schema : undefined;
  if (typeof schema !== 'string') return undefined;
  try {
    return JSON.parse(schema) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The shape Smithy requires of `textFormat` (bedrock-runtime's OutputFormat: `type` of the enum
 * `[json_schema]`, `structure` required; JsonSchemaDefinition: `schema` a required string), in
 * Coral's words.
 */
export const textFormatShape: RequestRule = (request) => {
  const format = textFormatOf(request);
  if (format === undefined) return null;
  const violations: string[] = [];
  if (format.type !== 'json_schema') {
    violations.push(
      constraintViolation(
        String(format.type),
        'outputConfig.textFormat.type',
        'Member must satisfy enum value set: [json_schema]',
      ),
    );
  }
  const structure = format.structure;
  const jsonSchema = isRecord(structure) ? structure.jsonSchema : undefined;
  if (!isRecord(jsonSchema) || typeof jsonSchema.schema !== 'string') {
    violations.push(
      `Value null at 'outputConfig.textFormat.structure.jsonSchema.schema' failed to satisfy constraint: Member must not be null`,
    );
  }
  return constraintErrors(violations);
};

/**
 * A model without native structured output refuses the field its Anthropic body gets:
 * "The model returned the following errors: output_config.format: Extra inputs are not permitted"
 * (Opus 4.7: vercel/ai#14773 and #15288, anomalyco/models.dev#1765; Sonnet 5:
 * presenton/presenton#939; Opus 4.8 and Sonnet 5: anthropics/anthropic-sdk-python#1759).
 */
export const structuredOutputSupported: RequestRule = (request, model) => {
  if (textFormatOf(request) === undefined || model.structuredOutput) return null;
  return modelError('output_config.format: Extra inputs are not permitted');
};

/**
 * The schema itself: JSON (our wording: no report quotes the refusal of a schema that does not
 * parse), and only what structured output takes (`schema-keyword-rules.ts`), as "The model returned
 * the following errors: output_config.format.schema: For 'array' type, property 'maxItems' is not
 * supported" (vectorize-io/hindsight#2502).
 */
export const textFormatSchemaRules: RequestRule = (request) => {
  if (textFormatOf(request) === undefined) return null;
  const schema = textFormatSchema(request);
  if (schema === undefined) return modelError('output_config.format.schema: Invalid JSON schema');
  const refused = firstSchemaRefusal(schema);
  return refused === null ? null : modelError(`output_config.format.schema: ${refused}`);
};
