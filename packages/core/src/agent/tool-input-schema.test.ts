import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileToolSchema } from './tool-input-schema.js';

describe('compileToolSchema', () => {
  it('turns a zod schema into a JSON Schema without the dialect, and checks input with it', () => {
    const { json, check } = compileToolSchema({
      inputSchema: z.object({ path: z.string(), depth: z.number().default(1) }),
    });
    expect(json).toEqual({
      type: 'object',
      properties: { path: { type: 'string' }, depth: { type: 'number', default: 1 } },
      required: ['path'],
    });
    expect(check({ path: '.' })).toEqual({ ok: true, value: { path: '.', depth: 1 } });
    expect(check({ depth: 'deep' })).toEqual({
      ok: false,
      issues:
        'path: Invalid input: expected string, received undefined; depth: Invalid input: expected number, received string',
    });
  });

  it('keeps a JSON Schema as given and checks input against it', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] };
    const { json, check } = compileToolSchema({ inputSchema: schema });
    expect(json).toBe(schema);
    expect(check({ n: 2 }).ok).toBe(true);
    expect(check({ n: 0 })).toMatchObject({ ok: false, issues: expect.stringMatching(/^n: Too small/) });
  });

  it('passes input through when a JSON Schema cannot be converted, and compiles each schema once', () => {
    const odd = { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } };
    const first = compileToolSchema({ inputSchema: odd });
    expect(first.check({ a: 'anything' }).ok).toBe(true);
    expect(compileToolSchema({ inputSchema: odd })).toBe(first);
  });
});
