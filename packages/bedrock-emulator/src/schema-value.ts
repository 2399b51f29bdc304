import { isRecord } from './rules/request-rule.js';

type Schema = Record<string, unknown>;

/** Example strings for the formats Bedrock's structured output names (Anthropic's list). */
const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00',
  duration: 'P1D',
  email: 'user@example.com',
  hostname: 'example.com',
  uri: 'https://example.com/',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/** Resolves a local `$ref` (`#/$defs/item`, `#/definitions/item`, `#`) against the root schema. */
function resolve(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const part of ref
    .slice(1)
    .split('/')
    .filter((segment) => segment !== '')) {
    node = isRecord(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

function firstType(node: Schema): string | undefined {
  if (typeof node.type === 'string') return node.type;
  if (!Array.isArray(node.type)) return undefined;
  const types = node.type.filter((type): type is string => typeof type === 'string');
  return types.find((type) => type !== 'null') ?? types[0];
}

/**
 * The emulator model's structured answer: a deterministic value that conforms to `schema`, as
 * constrained decoding guarantees a real one does. Every property is filled (required or not),
 * the first `enum` / `anyOf` / non-null type is taken, arrays hold `minItems` items (at least one),
 * strings name where they are (`"city"` → `"city"`, an array's → `"tags 1"`) unless a format asks for a shape. `depth`
 * bounds recursion through `$ref`.
 */
export function valueForSchema(schema: unknown, root: Schema = isRecord(schema) ? schema : {}): unknown {
  const generate = (node: unknown, name: string, depth: number): unknown => {
    if (!isRecord(node) || depth > 8) return null;
    if (typeof node.$ref === 'string') return generate(resolve(root, node.$ref), name, depth + 1);
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum)) return node.enum[0] ?? null;
    if ('default' in node) return node.default;
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = node[key];
      if (Array.isArray(options) && options.length > 0) {
        const chosen = options.find((option) => !(isRecord(option) && option.type === 'null')) ?? options[0];
        return generate(chosen, name, depth + 1);
      }
    }
    if (Array.isArray(node.allOf)) {
      const merged = Object.assign({}, ...node.allOf.filter(isRecord), { ...node, allOf: undefined });
      return generate(merged, name, depth + 1);
    }
    switch (firstType(node) ?? (isRecord(node.properties) ? 'object' : undefined)) {
      case 'object': {
        const properties = isRecord(node.properties) ? node.properties : {};
        return Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [key, generate(child, key, depth + 1)]),
        );
      }
      case 'array': {
        const count = typeof node.minItems === 'number' && node.minItems > 1 ? node.minItems : 1;
        return Array.from({ length: count }, (_, index) =>
          generate(node.items, `${name} ${index + 1}`, depth + 1),
        );
      }
      case 'string':
        return (typeof node.format === 'string' ? FORMAT_EXAMPLES[node.format] : undefined) ?? name;
      case 'integer':
        return 1;
      case 'number':
        return 1.5;
      case 'boolean':
        return true;
      default:
        return null;
    }
  };
  return generate(schema, 'value', 0);
}
