import { z } from 'zod';
import type { ToolChoice, ToolDefinition } from '../agent/tool-definition.js';

/** Bedrock's `ToolName` (botocore's bedrock-runtime service-2.json): `[a-zA-Z0-9_-]{1,64}`. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const ToolNameSchema = z
  .string()
  .regex(TOOL_NAME, 'a tool name is 1 to 64 letters, digits, underscores or hyphens');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A zod schema (anything with `_zod`) or a JSON Schema object of `type: "object"`. */
function isInputSchema(value: unknown): boolean {
  return isObject(value) && ('_zod' in value || value.type === 'object');
}

const InputSchemaSchema = z.custom<ToolDefinition['inputSchema']>(
  isInputSchema,
  'inputSchema must be a zod schema or a JSON Schema object with type "object"',
);

export const ToolSchema = z.looseObject({
  name: ToolNameSchema,
  description: z.string().min(1).optional(),
  inputSchema: InputSchemaSchema,
  strict: z.boolean().optional(),
  execute: z
    .custom<NonNullable<ToolDefinition['execute']>>((value) => typeof value === 'function')
    .optional(),
});

export const ToolsSchema = z.array(ToolSchema).superRefine((tools, context) => {
  const seen = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    if (seen.has(tool.name)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `two tools are named ${tool.name}`,
      });
    }
    seen.add(tool.name);
  }
}) as unknown as z.ZodType<readonly ToolDefinition[]>;

export const ToolChoiceSchema: z.ZodType<ToolChoice> = z.union([
  z.literal('auto'),
  z.literal('any'),
  z.strictObject({ tool: ToolNameSchema }),
]);

/** ToolSchema's rules for one tool, without zod. */
function isValidTool(tool: unknown): tool is ToolDefinition {
  if (!isObject(tool)) return false;
  const { name, description, inputSchema, strict, execute } = tool;
  return (
    typeof name === 'string' &&
    TOOL_NAME.test(name) &&
    (description === undefined || (typeof description === 'string' && description.length > 0)) &&
    isInputSchema(inputSchema) &&
    (strict === undefined || typeof strict === 'boolean') &&
    (execute === undefined || typeof execute === 'function')
  );
}

/**
 * Whether ToolsSchema accepts `tools`, by hand: a tool loop's first call checks its options, and
 * zod over the tool list was the largest part of that check. False only sends the value to
 * ToolsSchema, which names the issue.
 */
export function toolsValid(tools: unknown): boolean {
  if (!Array.isArray(tools)) return false;
  const names = new Set<string>();
  // An index loop: `every` and `map` skip a hole, which ToolsSchema reads as `undefined` and refuses.
  for (let index = 0; index < tools.length; index++) {
    const tool: unknown = tools[index];
    if (!isValidTool(tool) || names.has(tool.name)) return false;
    names.add(tool.name);
  }
  return true;
}
