import { z } from 'zod';
import type { JsonSchemaObject } from '../agent/tool-definition.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { bedrockSchemaIssues, closeObjectsForBedrock, relaxForBedrock } from './bedrock-schema-rules.js';

/** What a structured reply must match: a zod schema, or a JSON Schema object. */
export type OutputSchema<Value = unknown> = z.ZodType<Value> | JsonSchemaObject;

/** A reply value checked against the schema: the parsed value (zod's output), or the issues. */
export type OutputCheck = (value: unknown) => { ok: true; value: unknown } | { ok: false; issues: string };

/**
 * A schema ready to send: the JSON Schema as the fallback's forced tool gets it (see
 * {@link nativeOutputSchema} for `outputConfig.textFormat`), and the check of a reply.
 */
export interface CompiledOutputSchema {
  readonly json: JsonSchemaObject;
  readonly check: OutputCheck;
  /** Whether it came from zod (which decides the hint of a refusal). */
  readonly fromZod: boolean;
}

function isZodSchema(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

export function isOutputSchema(value: unknown): value is OutputSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkerFor(schema: z.ZodType | undefined): OutputCheck {
  if (schema === undefined) return (value) => ({ ok: true, value });
  return (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(value)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, issues };
  };
}

export function schemaInvalid(message: string, hint: string, cause?: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'SCHEMA_INVALID',
    message,
    hint,
    cause,
    details: { option: 'schema' },
  });
}

function toJson(schema: z.ZodType): JsonSchemaObject {
  try {
    // The reply is what zod parses, so its input side is what the model must write.
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
    return relaxForBedrock(json);
  } catch (error) {
    throw schemaInvalid(
      `The zod schema cannot be expressed as JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      'Use plain objects, arrays, strings, numbers, booleans, enums and unions; transforms and custom checks cannot be sent.',
      error,
    );
  }
}

const compiled = new WeakMap<object, CompiledOutputSchema>();

/**
 * Checks what every path needs before any call (an object at the top level, as a tool's input
 * schema must be too; a zod schema JSON Schema can express), and builds the reply check: the zod
 * schema itself, or the JSON Schema turned into one by `z.fromJSONSchema` (a JSON Schema zod
 * cannot convert is still sent; the reply is then checked only for being JSON). A zod schema is
 * made acceptable to Bedrock (see {@link relaxForBedrock}); a JSON Schema is kept as given: a
 * forced tool takes any (a tool that is not strict has no keyword limits), and what native
 * structured output requires is {@link nativeOutputSchema}'s to check, once the model is known.
 */
export function compileOutputSchema(schema: OutputSchema): CompiledOutputSchema {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const zod = isZodSchema(schema);
  const json = zod ? toJson(schema) : (schema as JsonSchemaObject);
  if (json.type !== 'object') {
    throw schemaInvalid(
      'The schema must describe an object at its top level ("type": "object").',
      'Wrap a list or a single value in an object, e.g. { "type": "object", "properties": { "items": … }, "required": ["items"] }.',
    );
  }
  let check: OutputCheck;
  if (zod) check = checkerFor(schema);
  else {
    let converted: z.ZodType | undefined;
    try {
      converted = z.fromJSONSchema(json as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      converted = undefined;
    }
    check = checkerFor(converted);
  }
  const result = { json, check, fromZod: zod };
  compiled.set(schema, result);
  return result;
}

const native = new WeakMap<CompiledOutputSchema, JsonSchemaObject>();

/**
 * The schema as `outputConfig.textFormat` takes it, for `modelName`'s native structured output:
 * objects left open by omission are closed ({@link closeObjectsForBedrock}; Bedrock requires
 * `additionalProperties: false` on every object), and what Bedrock would still refuse (an object
 * asked to be open, numeric bounds, string lengths, `maxItems`, `minItems` above 1) is a
 * SCHEMA_INVALID error naming the place and the rule, before any call.
 */
export function nativeOutputSchema(schema: CompiledOutputSchema, modelName: string): JsonSchemaObject {
  const cached = native.get(schema);
  if (cached) return cached;
  const closed = closeObjectsForBedrock(schema.json);
  const issues = bedrockSchemaIssues(closed);
  if (issues.length > 0) {
    const listed = issues.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    throw schemaInvalid(
      `${modelName}'s structured output on Bedrock does not take this schema: ${listed.join('; ')}${more}.`,
      schema.fromZod
        ? 'Bedrock takes no open-ended records (z.record) or catch-all objects in a structured-output schema.'
        : 'Leave out minimum/maximum, multipleOf, minLength/maxLength, maxItems and minItems above 1 (check them in your code instead), and list the keys of each object in "properties" rather than opening it with "additionalProperties".',
    );
  }
  native.set(schema, closed);
  return closed;
}
