import { describe, expect, it } from 'vitest';
import { valueForSchema } from './schema-value.js';

describe('valueForSchema', () => {
  it('fills every property deterministically, by type, format, enum and const', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        at: { type: 'string', format: 'date' },
        days: { type: 'integer' },
        score: { type: 'number' },
        sunny: { type: 'boolean' },
        kind: { enum: ['trip', 'stay'] },
        version: { const: 2 },
        tags: { type: 'array', items: { type: 'string' } },
        note: { type: ['string', 'null'] },
      },
      additionalProperties: false,
    };
    expect(valueForSchema(schema)).toEqual({
      city: 'city',
      at: '2026-01-01',
      days: 1,
      score: 1.5,
      sunny: true,
      kind: 'trip',
      version: 2,
      tags: ['tags 1'],
      note: 'note',
    });
  });

  it('follows local refs and takes the first non-null union member, bounded on recursion', () => {
    const schema = {
      type: 'object',
      properties: {
        owner: { $ref: '#/$defs/person' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'integer' }] },
      },
      $defs: {
        person: {
          type: 'object',
          properties: { name: { type: 'string' }, boss: { $ref: '#/$defs/person' } },
        },
      },
    };
    const value = valueForSchema(schema) as { owner: { name: string }; maybe: number };
    expect(value.owner.name).toBe('name');
    expect(value.maybe).toBe(1);
    expect(JSON.stringify(value).length).toBeLessThan(1_000);
  });
});
