import { type EmulatorError, validationError } from '../bedrock-errors.js';
import type { ConverseRequest } from '../converse-request.js';
import type { EmulatedModel } from '../model-catalogue.js';

/** One check Bedrock applies before any model runs: the error it answers with, or null. */
export type RequestRule = (request: ConverseRequest, model: EmulatedModel) => EmulatorError | null;

/**
 * A refusal by the model's own validation (Anthropic's, behind Bedrock), which Bedrock passes on
 * as a ValidationException with this prefix, e.g. "The model returned the following errors:
 * temperature may only be set to 1 when thinking is enabled." (github.com/Aider-AI/aider/issues/3720).
 */
export function modelError(message: string): EmulatorError {
  return validationError(`The model returned the following errors: ${message}`);
}

/** One failed Smithy constraint, worded as Coral words it. */
export function constraintViolation(value: string, path: string, constraint: string): string {
  return `Value '${value}' at '${path}' failed to satisfy constraint: ${constraint}`;
}

/**
 * Coral reports every failed constraint of the request in one message: "1 validation error
 * detected: …" or "2 validation errors detected: …; …". Its paths count list members from 1
 * (`toolConfig.tools.1.member.toolSpec.name` for the first tool).
 */
export function constraintErrors(violations: readonly string[]): EmulatorError | null {
  if (violations.length === 0) return null;
  const count = `${violations.length} validation error${violations.length === 1 ? '' : 's'}`;
  return validationError(`${count} detected: ${violations.join('; ')}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
