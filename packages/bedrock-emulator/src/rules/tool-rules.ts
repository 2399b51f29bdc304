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
const MIN_TOOL_NAME_LENGTH = 1;
const MAX_TOOL_NAME_LENGTH = 64;
/** `ToolConfigurationToolsList` in the same model (botocore 1.43's service-2.json): `min: 1`. */
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
  if (name.length < MIN_TOOL_NAME_LENGTH) {
    violations.push(
      constraintViolation(
        name,
        path,
        `Member must have length greater than or equal to ${MIN_TOOL_NAME_LENGTH}`,
      ),
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
 * and the `ToolName` shape, which names in `toolUse` blocks of the history share with the tools
 * (a history replayed from a client that allowed dots fails here even with valid tools).
 */
export const toolConstraints: RequestRule = (request) =>
  constraintErrors([
    ...toolListViolations(request),
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
