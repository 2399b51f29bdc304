import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolsSchema, toolsValid } from './tool-options.js';

const schema = { type: 'object', properties: { key: { type: 'string' } } };
const tool = { name: 'lookup', description: 'Looks a key up.', inputSchema: schema, execute: () => 'x' };
class Tool {
  name = 'lookup';
  inputSchema = z.object({ key: z.string() });
}

const cases: [string, unknown][] = [
  ['one tool', [tool]],
  ['a zod schema, no description or execute', [{ name: 'a', inputSchema: z.object({}) }]],
  ['strict and an extra key', [{ ...tool, strict: true, title: 'Lookup' }]],
  ['a class instance', [new Tool()]],
  ['two tools', [tool, { ...tool, name: 'other_tool-2' }]],
  ['no tools', []],
  ['two tools of one name', [tool, { ...tool }]],
  ['a name with a dot', [{ ...tool, name: 'a.b' }]],
  ['a name of 65 characters', [{ ...tool, name: 'a'.repeat(65) }]],
  ['an empty name', [{ ...tool, name: '' }]],
  ['an empty description', [{ ...tool, description: '' }]],
  ['a schema of type string', [{ ...tool, inputSchema: { type: 'string' } }]],
  ['a schema as an array', [{ ...tool, inputSchema: [] }]],
  ['no schema', [{ name: 'a' }]],
  ['strict as a string', [{ ...tool, strict: 'yes' }]],
  ['execute as a string', [{ ...tool, execute: 'run' }]],
  ['a null tool', [null]],
  ['a hole', new Array(1)],
  // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
  ['a tool and a hole', [tool, ,]],
  // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
  ['a hole between two tools', [tool, , { ...tool, name: 'other' }]],
  ['name and schema inherited', [Object.create({ name: 'a', inputSchema: schema })]],
  ['a tool without a prototype', [Object.assign(Object.create(null), tool)]],
  ['a tool as an array', [[tool]]],
  ['one tool, not a list', tool],
  ['a string', 'lookup'],
];

describe('toolsValid', () => {
  it.each(cases)('is true only where ToolsSchema accepts: %s', (_name, value) => {
    expect(toolsValid(value)).toBe(ToolsSchema.safeParse(value).success);
  });

  it('accepts the valid lists', () => {
    const accepted = cases.filter(([, value]) => toolsValid(value)).map(([name]) => name);
    expect(accepted).toEqual([
      'one tool',
      'a zod schema, no description or execute',
      'strict and an extra key',
      'a class instance',
      'two tools',
      'no tools',
      'name and schema inherited',
      'a tool without a prototype',
    ]);
  });
});
