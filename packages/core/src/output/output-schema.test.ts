import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { thrown as refusal } from '../store/__fixtures__/expect-failure.js';
import { compileOutputSchema } from './output-schema.js';

describe('compileOutputSchema', () => {
  it('sends a zod schema as closed JSON Schema and checks replies with zod', () => {
    const schema = z.object({ city: z.string(), days: z.number().int().min(1) });
    const compiled = compileOutputSchema(schema);
    expect(compiled.json).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', description: '(minimum: 1)' } },
      required: ['city', 'days'],
      additionalProperties: false,
    });
    expect(compiled.check({ city: 'Oslo', days: 2 })).toEqual({ ok: true, value: { city: 'Oslo', days: 2 } });
    // The bound left out of what Bedrock gets is still checked here.
    expect(compiled.check({ city: 'Oslo', days: 0 })).toMatchObject({ ok: false });
    expect(compileOutputSchema(schema)).toBe(compiled);
  });

  it('checks replies against a JSON Schema', () => {
    const compiled = compileOutputSchema({
      type: 'object',
      properties: { ok: { type: 'boolean' } },
      required: ['ok'],
      additionalProperties: false,
    });
    expect(compiled.check({ ok: true })).toEqual({ ok: true, value: { ok: true } });
    expect(compiled.check({ ok: 'yes' })).toEqual({
      ok: false,
      issues: 'ok: Invalid input: expected boolean, received string',
    });
  });

  it('refuses a JSON Schema Bedrock would refuse, before any call', () => {
    const error = refusal(() =>
      compileOutputSchema({ type: 'object', properties: { n: { type: 'number', maximum: 9 } } }),
    );
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.message).toBe(
      "Bedrock does not take this schema: (root): For 'object' type, 'additionalProperties' must be explicitly set to false; properties.n: For 'number' type, property 'maximum' is not supported.",
    );
    expect(error.hint).toContain('"additionalProperties": false');
  });

  it('needs an object at the top level, and a zod schema JSON Schema can express', () => {
    expect(refusal(() => compileOutputSchema({ type: 'array', items: {} })).message).toBe(
      'The schema must describe an object at its top level ("type": "object").',
    );
    expect(refusal(() => compileOutputSchema(z.object({ n: z.record(z.string(), z.number()) }))).code).toBe(
      'SCHEMA_INVALID',
    );
    const transformed = z.object({ at: z.date() });
    expect(refusal(() => compileOutputSchema(transformed)).message).toMatch(
      /^The zod schema cannot be expressed as JSON Schema: /,
    );
  });
});
