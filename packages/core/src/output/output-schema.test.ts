import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { thrown as refusal } from '../store/__fixtures__/expect-failure.js';
import { compileOutputSchema, nativeOutputSchema } from './output-schema.js';

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

  it('keeps an ordinary JSON Schema as given: the forced tool takes it', () => {
    const ordinary = {
      type: 'object',
      properties: { n: { type: 'number', maximum: 9 }, tags: { type: 'object', additionalProperties: true } },
    };
    const compiled = compileOutputSchema(ordinary);
    expect(compiled.json).toBe(ordinary);
    expect(compiled.check({ n: 10 })).toMatchObject({ ok: false });
    expect(compiled.check({ n: 3, extra: true })).toEqual({ ok: true, value: { n: 3, extra: true } });
  });

  it('needs an object at the top level, and a zod schema JSON Schema can express', () => {
    expect(refusal(() => compileOutputSchema({ type: 'array', items: {} })).message).toBe(
      'The schema must describe an object at its top level ("type": "object").',
    );
    const transformed = z.object({ at: z.date() });
    expect(refusal(() => compileOutputSchema(transformed)).message).toMatch(
      /^The zod schema cannot be expressed as JSON Schema: /,
    );
  });
});

describe('nativeOutputSchema', () => {
  it('closes the objects an ordinary JSON Schema leaves open, nested ones too', () => {
    const compiled = compileOutputSchema({
      type: 'object',
      properties: {
        city: { type: 'string' },
        stops: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        either: { anyOf: [{ type: 'object', properties: {} }, { type: 'null' }] },
      },
      $defs: { place: { type: ['object', 'null'], additionalProperties: false } },
      required: ['city'],
    });
    expect(nativeOutputSchema(compiled, 'Claude Sonnet 4.6')).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string' },
        stops: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
        },
        either: {
          anyOf: [{ type: 'object', properties: {}, additionalProperties: false }, { type: 'null' }],
        },
      },
      $defs: { place: { type: ['object', 'null'], additionalProperties: false } },
      required: ['city'],
      additionalProperties: false,
    });
    // The schema given is unchanged, and the reply is still checked against it.
    expect(compiled.json).not.toHaveProperty('additionalProperties');
  });

  it("refuses what Bedrock's native structured output refuses, naming the model, the place and the rule", () => {
    const compiled = compileOutputSchema({
      type: 'object',
      properties: { n: { type: 'number', maximum: 9 }, tags: { type: 'object', additionalProperties: true } },
    });
    const error = refusal(() => nativeOutputSchema(compiled, 'Claude Sonnet 4.6'));
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.message).toBe(
      "Claude Sonnet 4.6's structured output on Bedrock does not take this schema: properties.n: For 'number' type, property 'maximum' is not supported; properties.tags: For 'object' type, 'additionalProperties' must be explicitly set to false.",
    );
    expect(error.hint).toContain('Leave out minimum/maximum');
    const record = compileOutputSchema(z.object({ n: z.record(z.string(), z.number()) }));
    expect(refusal(() => nativeOutputSchema(record, 'Claude Sonnet 4.6')).hint).toContain('z.record');
  });
});
