import { z } from 'zod';
import type { JsonSchemaObject, ToolDefinition } from './tool-definition.js';

function isZodSchema(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

/** A tool's input checker: the issues of an input, or none. */
export type InputCheck = (input: unknown) => { ok: true; value: unknown } | { ok: false; issues: string };

interface CompiledSchema {
  readonly json: JsonSchemaObject;
  readonly check: InputCheck;
}

// One compilation per definition: a loop checks every call, a CLI session reuses its tools.
const compiled = new WeakMap<object, CompiledSchema>();

function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

function checkerFor(schema: z.ZodType | undefined): InputCheck {
  if (schema === undefined) return (input) => ({ ok: true, value: input });
  return (input) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: issuesOf(parsed.error) };
  };
}

/**
 * A JSON Schema for zod (via `z.toJSONSchema`) or as given, and the check of the model's input:
 * the zod schema itself, or the JSON Schema turned into one by `z.fromJSONSchema` (zod ≥ 4.2,
 * marked semi-experimental there). A JSON Schema it cannot convert is sent unchanged and the
 * input is passed through unchecked: the tool still runs, as it would with any other client.
 */
export function compileToolSchema(tool: Pick<ToolDefinition, 'inputSchema'>): CompiledSchema {
  const key = tool.inputSchema as object;
  const cached = compiled.get(key);
  if (cached) return cached;
  let result: CompiledSchema;
  if (isZodSchema(tool.inputSchema)) {
    const { $schema: _dialect, ...json } = z.toJSONSchema(tool.inputSchema, { io: 'input' }) as Record<
      string,
      unknown
    >;
    result = { json, check: checkerFor(tool.inputSchema) };
  } else {
    const json = tool.inputSchema as JsonSchemaObject;
    let schema: z.ZodType | undefined;
    try {
      schema = z.fromJSONSchema(json as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      schema = undefined;
    }
    result = { json, check: checkerFor(schema) };
  }
  compiled.set(key, result);
  return result;
}
