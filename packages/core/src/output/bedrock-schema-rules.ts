/**
 * What Bedrock's structured output takes of JSON Schema, for `outputConfig.textFormat` and strict
 * tools alike (Anthropic's structured-outputs page, "JSON Schema limitations", which Bedrock's
 * structured-output guide defers to): no numeric bounds (`minimum`, `maximum`, their exclusive
 * forms, `multipleOf`), no string lengths, no `maxItems`, `minItems` only 0 or 1, and every object
 * with `additionalProperties: false`. Bedrock's refusals read "output_config.format.schema: For
 * 'array' type, property 'maxItems' is not supported" (vercel/ai#17197,
 * vectorize-io/hindsight#2502) and "For 'object' type, 'additionalProperties' must be explicitly
 * set to false" (future-agi/future-agi#412); the same wording for the other keywords is reported
 * from Anthropic's validator ("For 'integer' type, property 'minimum' is not supported", "For
 * 'string' type, property 'maxLength' is not supported").
 */
const UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  string: ['minLength', 'maxLength'],
  array: ['maxItems'],
};

type Schema = Readonly<Record<string, unknown>>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: Schema): string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** One refusal: where in the schema (`properties.tags`), and Bedrock's sentence for it. */
export interface SchemaIssue {
  path: string;
  message: string;
}

function nodeIssues(node: Schema): string[] {
  const messages: string[] = [];
  for (const type of typesOf(node)) {
    for (const keyword of UNSUPPORTED[type] ?? []) {
      if (keyword in node) messages.push(`For '${type}' type, property '${keyword}' is not supported`);
    }
    if (type === 'array' && typeof node.minItems === 'number' && node.minItems > 1) {
      // Our wording, in the pattern of the reported ones: the docs allow only 0 or 1.
      messages.push(`For 'array' type, property 'minItems' is only supported with a value of 0 or 1`);
    }
    if (type === 'object' && node.additionalProperties !== false) {
      messages.push(`For 'object' type, 'additionalProperties' must be explicitly set to false`);
    }
  }
  return messages;
}

/** The subschemas of a node, each with the path segment that leads to it. */
function children(node: Schema): [string, unknown][] {
  const found: [string, unknown][] = [];
  for (const key of ['properties', '$defs', 'definitions']) {
    const map = node[key];
    if (isSchema(map)) for (const [name, child] of Object.entries(map)) found.push([`${key}.${name}`, child]);
  }
  for (const key of ['anyOf', 'allOf', 'oneOf', 'prefixItems']) {
    const list = node[key];
    if (Array.isArray(list))
      for (const [index, child] of list.entries()) found.push([`${key}.${index}`, child]);
  }
  for (const key of ['items', 'not', 'additionalProperties']) {
    if (isSchema(node[key])) found.push([key, node[key]]);
  }
  return found;
}

/** Every part of `schema` Bedrock refuses, in document order; empty when it takes the schema. */
export function bedrockSchemaIssues(schema: Schema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const visit = (node: unknown, path: string) => {
    if (!isSchema(node)) return;
    for (const message of nodeIssues(node)) issues.push({ path: path === '' ? '(root)' : path, message });
    for (const [segment, child] of children(node)) visit(child, path === '' ? segment : `${path}.${segment}`);
  };
  visit(schema, '');
  return issues;
}

/** A copy of `node` with each of its subschemas (see {@link children}) replaced by `map(child)`. */
function mapSubschemas(node: Schema, map: (child: unknown) => unknown): Schema {
  const out: Record<string, unknown> = { ...node };
  for (const key of ['properties', '$defs', 'definitions']) {
    const children = node[key];
    if (isSchema(children)) {
      out[key] = Object.fromEntries(Object.entries(children).map(([name, child]) => [name, map(child)]));
    }
  }
  for (const key of ['anyOf', 'allOf', 'oneOf', 'prefixItems']) {
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.map(map);
  }
  for (const key of ['items', 'not', 'additionalProperties']) {
    if (isSchema(node[key])) out[key] = map(node[key]);
  }
  return out;
}

/**
 * A JSON Schema made what Bedrock's native structured output requires of objects: each object
 * that leaves `additionalProperties` out (open, by JSON Schema's default) gets
 * `additionalProperties: false` ("For 'object' type, 'additionalProperties' must be explicitly set
 * to false"). Every reply to the closed schema also matches the one given, which is what the reply
 * is checked against. An object that says `additionalProperties: true` (or a schema) asked to be
 * open, and stays so: Bedrock refuses it, and {@link bedrockSchemaIssues} says where.
 */
export function closeObjectsForBedrock(schema: Schema): Schema {
  const close = (node: unknown): unknown => {
    if (!isSchema(node)) return node;
    const out = mapSubschemas(node, close) as Record<string, unknown>;
    if (typesOf(node).includes('object') && !('additionalProperties' in node))
      out.additionalProperties = false;
    return out;
  };
  return close(schema) as Schema;
}

/**
 * A schema converted from zod, made acceptable: objects closed (`additionalProperties: false`,
 * which is what parsing with zod gives anyway), and each unsupported bound moved into the
 * node's description so the model still reads it. zod checks the bound on the reply, as the
 * Anthropic SDKs and vercel/ai (#17558) do for theirs.
 */
export function relaxForBedrock(schema: Schema): Schema {
  const relax = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relax);
    if (!isSchema(node)) return node;
    const types = typesOf(node);
    const dropped = new Set(types.flatMap((type) => UNSUPPORTED[type] ?? []));
    const tooManyItems = types.includes('array') && typeof node.minItems === 'number' && node.minItems > 1;
    if (tooManyItems) dropped.add('minItems');
    const out: Record<string, unknown> = {};
    const notes: string[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (dropped.has(key)) {
        // zod's `.int()` bounds every integer by the safe range: nothing worth telling the model.
        const implicit = value === Number.MAX_SAFE_INTEGER || value === Number.MIN_SAFE_INTEGER;
        if (!implicit) notes.push(`${key}: ${JSON.stringify(value)}`);
      } else if (key === 'properties' || key === '$defs' || key === 'definitions') {
        out[key] = isSchema(value)
          ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, relax(child)]))
          : value;
      } else out[key] = relax(value);
    }
    if (types.includes('object') && !isSchema(out.additionalProperties)) out.additionalProperties = false;
    if (notes.length > 0) {
      const description = typeof out.description === 'string' ? `${out.description} ` : '';
      out.description = `${description}(${notes.join(', ')})`;
    }
    return out;
  };
  return relax(schema) as Schema;
}
