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

/** `ToolName` in the Bedrock Runtime Smithy model: length 1–64, pattern `[a-zA-Z0-9_-]+`. */
const TOOL_NAME_PATTERN = '[a-zA-Z0-9_-]+';
const TOOL_NAME = new RegExp(`^${TOOL_NAME_PATTERN}$`);
const MAX_TOOL_NAME_LENGTH = 64;

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
function toolSpecNames(request: ConverseRequest): { name: string; position: number }[] {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool: unknown, index) => {
    const spec = isRecord(tool) ? tool.toolSpec : undefined;
    const name = isRecord(spec) ? spec.name : undefined;
    return typeof name === 'string' ? [{ name, position: index + 1 }] : [];
  });
}

/** Coral's violations of one tool name: its pattern, then its length. */
function toolNameViolations(name: string, path: string): string[] {
  const violations: string[] = [];
  if (!TOOL_NAME.test(name)) {
    violations.push(
      constraintViolation(name, path, `Member must satisfy regular expression pattern: ${TOOL_NAME_PATTERN}`),
    );
  }
  if (name.length > MAX_TOOL_NAME_LENGTH) {
    violations.push(
      constraintViolation(
        name,
        path,
        `Member must have length less than or equal to ${MAX_TOOL_NAME_LENGTH}`,
      ),
    );
  }
  return violations;
}

/**
 * Tool names in `toolUse` blocks of the history and in `toolConfig.tools` share the `ToolName`
 * shape; a history replayed from a client that allowed dots fails here even with valid tools.
 */
export const toolNameConstraints: RequestRule = (request) =>
  constraintErrors([
    ...[...contentBlocks(request.messages)].flatMap((located) => {
      const name = located.block.toolUse?.name;
      return typeof name === 'string' ? toolNameViolations(name, coralPath(located, 'toolUse.name')) : [];
    }),
    ...toolSpecNames(request).flatMap(({ name, position }) =>
      toolNameViolations(name, `toolConfig.tools.${position}.member.toolSpec.name`),
    ),
  ]);

/** Anthropic's wording for two tools of one name (github.com/tailcallhq/forgecode/issues/892). */
export const uniqueToolNames: RequestRule = (request) => {
  const names = toolSpecNames(request).map(({ name }) => name);
  return new Set(names).size === names.length ? null : modelError('tools: Tool names must be unique.');
};
