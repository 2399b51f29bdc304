import { validationError } from '../bedrock-errors.js';
import type { ConverseRequest } from '../converse-request.js';
import { contentBlocks, coralPath } from './content-walk.js';
import {
  constraintErrors,
  constraintViolation,
  isRecord,
  modelError,
  type RequestRule,
} from './request-rule.js';

interface StringShape {
  readonly pattern: string;
  readonly minLength: number;
  readonly maxLength: number;
}

/**
 * `ToolName` and `ToolUseId` in the Bedrock Runtime Smithy model (botocore 1.43's service-2.json):
 * length 1–64, patterns `[a-zA-Z0-9_-]+` and `[a-zA-Z0-9_.:-]+`.
 */
const TOOL_NAME: StringShape = { pattern: '[a-zA-Z0-9_-]+', minLength: 1, maxLength: 64 };
const TOOL_USE_ID: StringShape = { pattern: '[a-zA-Z0-9_.:-]+', minLength: 1, maxLength: 64 };
/** `ToolConfigurationToolsList` in the same model: `min: 1`. */
const MIN_TOOLS = 1;

/** A history with tool blocks needs `toolConfig`, even when no tool may be called any more. */
export const toolConfigRequired: RequestRule = (request) => {
  if (request.toolConfig !== undefined && request.toolConfig !== null) return null;
  const usesTools = request.messages.some((message) =>
    message.content.some((block) => block.toolUse !== undefined || block.toolResult !== undefined),
  );
  return usesTools
    ? validationError(
        'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
      )
    : null;
};

/** Names of `toolConfig.tools[].toolSpec`, with their 1-based position in `tools`. */
export function toolSpecNames(
  request: Pick<ConverseRequest, 'toolConfig'>,
): { name: string; position: number }[] {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool: unknown, index) => {
    const spec = isRecord(tool) ? tool.toolSpec : undefined;
    const name = isRecord(spec) ? spec.name : undefined;
    return typeof name === 'string' ? [{ name, position: index + 1 }] : [];
  });
}

/** Coral's violations of one constrained string: its pattern, then its length. */
function stringViolations(value: string, path: string, shape: StringShape): string[] {
  const violations: string[] = [];
  if (!new RegExp(`^${shape.pattern}$`).test(value)) {
    violations.push(
      constraintViolation(value, path, `Member must satisfy regular expression pattern: ${shape.pattern}`),
    );
  }
  if (value.length < shape.minLength) {
    violations.push(
      constraintViolation(value, path, `Member must have length greater than or equal to ${shape.minLength}`),
    );
  }
  if (value.length > shape.maxLength) {
    violations.push(
      constraintViolation(value, path, `Member must have length less than or equal to ${shape.maxLength}`),
    );
  }
  return violations;
}

const toolNameViolations = (name: string, path: string) => stringViolations(name, path, TOOL_NAME);

/** The ids of `toolUse` and `toolResult` blocks in the history. */
function toolUseIdViolations(request: ConverseRequest): string[] {
  return [...contentBlocks(request.messages)].flatMap((located) => {
    const { toolUse, toolResult } = located.block;
    const member = toolUse !== undefined ? 'toolUse' : 'toolResult';
    const id = (toolUse ?? toolResult)?.toolUseId;
    return typeof id === 'string'
      ? stringViolations(id, coralPath(located, `${member}.toolUseId`), TOOL_USE_ID)
      : [];
  });
}

/** `toolChoice.tool.name` shares the `ToolName` shape. */
function toolChoiceViolations(request: ConverseRequest): string[] {
  const choice = isRecord(request.toolConfig) ? request.toolConfig.toolChoice : undefined;
  const tool = isRecord(choice) ? choice.tool : undefined;
  const name = isRecord(tool) ? tool.name : undefined;
  return typeof name === 'string' ? toolNameViolations(name, 'toolConfig.toolChoice.tool.name') : [];
}

/** An empty `toolConfig.tools`, which Coral prints as `[]`. */
function toolListViolations(request: ConverseRequest): string[] {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  return Array.isArray(tools) && tools.length < MIN_TOOLS
    ? [
        constraintViolation(
          '[]',
          'toolConfig.tools',
          `Member must have length greater than or equal to ${MIN_TOOLS}`,
        ),
      ]
    : [];
}

/**
 * The Smithy constraints of tools, in one Coral message: at least one tool in `toolConfig.tools`,
 * the `ToolName` shape, which names in `toolUse` blocks of the history and `toolChoice.tool`
 * share with the tools (a history replayed from a client that allowed dots fails here even with
 * valid tools), and the `ToolUseId` shape of the ids in `toolUse` and `toolResult` blocks. The
 * order of members within one message is the emulator's (Coral's own order is not documented).
 */
export const toolConstraints: RequestRule = (request) =>
  constraintErrors([
    ...toolListViolations(request),
    ...[...contentBlocks(request.messages)].flatMap((located) => {
      const name = located.block.toolUse?.name;
      return typeof name === 'string' ? toolNameViolations(name, coralPath(located, 'toolUse.name')) : [];
    }),
    ...toolUseIdViolations(request),
    ...toolSpecNames(request).flatMap(({ name, position }) =>
      toolNameViolations(name, `toolConfig.tools.${position}.member.toolSpec.name`),
    ),
    ...toolChoiceViolations(request),
  ]);

/** Anthropic's wording for two tools of one name (github.com/tailcallhq/forgecode/issues/892). */
export const uniqueToolNames: RequestRule = (request) => {
  const names = toolSpecNames(request).map(({ name }) => name);
  return new Set(names).size === names.length ? null : modelError('tools: Tool names must be unique.');
};
