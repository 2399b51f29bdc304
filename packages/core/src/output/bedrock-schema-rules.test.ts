import { describe, expect, it } from 'vitest';
import { bedrockSchemaIssues, closeObjectsForBedrock, relaxForBedrock } from './bedrock-schema-rules.js';

const closed = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

describe('bedrockSchemaIssues', () => {
  it('takes a closed object of plain types, enums, unions and local refs', () => {
    const schema = {
      ...closed({
        name: { type: 'string', format: 'email' },
        kind: { enum: ['a', 'b'] },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
        item: { $ref: '#/$defs/item' },
      }),
      $defs: { item: closed({ id: { type: 'integer' } }) },
    };
    expect(bedrockSchemaIssues(schema)).toEqual([]);
  });

  it("names each refused keyword where it is, in Bedrock's words", () => {
    const schema = {
      type: 'object',
      properties: {
        age: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: closed({ label: { type: 'string', maxLength: 9 } }), maxItems: 3 },
        pair: { type: 'array', minItems: 2 },
      },
      additionalProperties: false,
    };
    expect(bedrockSchemaIssues({ ...schema, additionalProperties: true })).toEqual([
      {
        path: '(root)',
        message: "For 'object' type, 'additionalProperties' must be explicitly set to false",
      },
      { path: 'properties.age', message: "For 'integer' type, property 'minimum' is not supported" },
      { path: 'properties.tags', message: "For 'array' type, property 'maxItems' is not supported" },
      {
        path: 'properties.tags.items.properties.label',
        message: "For 'string' type, property 'maxLength' is not supported",
      },
      {
        path: 'properties.pair',
        message: "For 'array' type, property 'minItems' is only supported with a value of 0 or 1",
      },
    ]);
  });

  it('finds an open object inside a union or a definition', () => {
    const schema = {
      ...closed({ either: { anyOf: [{ type: 'object', properties: {} }, { type: 'null' }] } }),
      $defs: { loose: { type: ['object', 'null'] } },
    };
    expect(bedrockSchemaIssues(schema).map((issue) => issue.path)).toEqual([
      'properties.either.anyOf.0',
      '$defs.loose',
    ]);
  });
});

describe('relaxForBedrock', () => {
  it('closes objects and moves refused bounds into the description', () => {
    const relaxed = relaxForBedrock({
      type: 'object',
      properties: {
        age: { type: 'integer', minimum: 0, description: 'Years' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3, minItems: 2 },
      },
    });
    expect(relaxed).toEqual({
      type: 'object',
      properties: {
        age: { type: 'integer', description: 'Years (minimum: 0)' },
        tags: { type: 'array', items: { type: 'string' }, description: '(maxItems: 3, minItems: 2)' },
      },
      additionalProperties: false,
    });
    expect(bedrockSchemaIssues(relaxed)).toEqual([]);
  });

  it('keeps a property that happens to be named like a keyword', () => {
    const relaxed = relaxForBedrock({ type: 'object', properties: { minimum: { type: 'number' } } });
    expect(relaxed.properties).toEqual({ minimum: { type: 'number' } });
  });
});

describe('closeObjectsForBedrock', () => {
  it('closes only the objects that leave additionalProperties out, and not the data in enum or const', () => {
    const schema = {
      type: 'object',
      properties: {
        open: { type: 'object', additionalProperties: true },
        map: { type: 'object', additionalProperties: { type: 'object' } },
        fixed: { const: { type: 'object' } },
      },
    };
    expect(closeObjectsForBedrock(schema)).toEqual({
      type: 'object',
      properties: {
        open: { type: 'object', additionalProperties: true },
        map: { type: 'object', additionalProperties: { type: 'object', additionalProperties: false } },
        fixed: { const: { type: 'object' } },
      },
      additionalProperties: false,
    });
  });
});
