import { isRecord } from './request-rule.js';

/**
 * The JSON Schema keywords the model's structured output refuses, per type (Anthropic's
 * structured-outputs page, "JSON Schema limitations", which Bedrock's structured-output guide
 * applies): numeric bounds, string lengths, `maxItems`, `minItems` above 1, and objects not
 * closed with `additionalProperties: false`. Wording as Bedrock passes it on: "For 'array' type,
 * property 'maxItems' is not supported" (vercel/ai#17197, vectorize-io/hindsight#2502), "For
 * 'object' type, 'additionalProperties' must be explicitly set to false" (future-agi/future-agi#412),
 * "For 'integer' type, property 'minimum' is not supported" (reported from Anthropic's validator).
 */
const REFUSED_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  string: ['minLength', 'maxLength'],
  array: ['maxItems'],
};

const NESTED_MAPS = ['properties', '$defs', 'definitions'] as const;
const NESTED_LISTS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
const NESTED_SCHEMAS = ['items', 'not', 'additionalProperties'] as const;

function refusal(node: Record<string, unknown>): string | null {
  const types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type : [];
  for (const type of types) {
    if (typeof type !== 'string') continue;
    const keyword = (REFUSED_KEYWORDS[type] ?? []).find((name) => name in node);
    if (keyword !== undefined) return `For '${type}' type, property '${keyword}' is not supported`;
    if (type === 'array' && typeof node.minItems === 'number' && node.minItems > 1) {
      // The docs allow 0 or 1; no report quotes the refusal, so this sentence follows the others.
      return `For 'array' type, property 'minItems' is only supported with a value of 0 or 1`;
    }
    if (type === 'object' && node.additionalProperties !== false) {
      return `For 'object' type, 'additionalProperties' must be explicitly set to false`;
    }
  }
  return null;
}

/** The first refusal in `schema` (depth first, in document order), or null when it is accepted. */
export function firstSchemaRefusal(schema: unknown): string | null {
  if (!isRecord(schema)) return null;
  const own = refusal(schema);
  if (own !== null) return own;
  const nested: unknown[] = [
    ...NESTED_MAPS.flatMap((key) => (isRecord(schema[key]) ? Object.values(schema[key]) : [])),
    ...NESTED_LISTS.flatMap((key) => (Array.isArray(schema[key]) ? schema[key] : [])),
    ...NESTED_SCHEMAS.map((key) => schema[key]),
  ];
  for (const child of nested) {
    const found = firstSchemaRefusal(child);
    if (found !== null) return found;
  }
  return null;
}
