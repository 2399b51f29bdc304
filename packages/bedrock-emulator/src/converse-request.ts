import { validationError } from './bedrock-errors.js';
import type { EmulatedModel } from './model-catalogue.js';
import { checkRequestRules } from './rules/check-request.js';

/**
 * The slice of the Converse request the emulator reads. Blocks keep their other members
 * (`image`, `document`, `cachePoint`…) untouched so the request log shows what was sent.
 */
export interface ContentBlock {
  readonly text?: string;
  readonly toolUse?: { readonly toolUseId?: string; readonly name?: string; readonly input?: unknown };
  readonly toolResult?: {
    readonly toolUseId?: string;
    readonly content?: readonly ContentBlock[];
    readonly status?: unknown;
  };
  readonly json?: unknown;
  readonly reasoningContent?: {
    readonly reasoningText?: { readonly text?: string; readonly signature?: unknown };
    readonly redactedContent?: unknown;
  };
  readonly [member: string]: unknown;
}

export interface Message {
  readonly role: 'user' | 'assistant';
  readonly content: readonly ContentBlock[];
}

export interface InferenceConfig {
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

export interface ConverseRequest {
  readonly messages: readonly Message[];
  readonly system?: readonly ContentBlock[];
  readonly inferenceConfig?: InferenceConfig;
  readonly toolConfig?: unknown;
  readonly additionalModelRequestFields?: unknown;
  /** `outputConfig` (effort, structured output), read by the rules that check it. */
  readonly outputConfig?: unknown;
  /** `serviceTier {type}` and `performanceConfig {latency}`, checked by `rules/service-tier-rules.ts`. */
  readonly serviceTier?: unknown;
  readonly performanceConfig?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Coral's wording for a missing required member, e.g. `messages`. */
function missingMember(path: string) {
  return validationError(
    `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  );
}

/**
 * Checks the shape of `messages` (and `system`) the way Bedrock does before any model runs. A
 * final assistant message (prefill) is well-formed; the models that refuse it do so in
 * `rules/prefill-rule.ts`.
 */
export function parseConversation(body: unknown): Pick<ConverseRequest, 'messages' | 'system'> {
  if (!isRecord(body) || body.messages === undefined || body.messages === null)
    throw missingMember('messages');
  if (!Array.isArray(body.messages))
    throw validationError("The value at 'messages' must be a list of Message objects.");
  const messages: Message[] = body.messages.map((message: unknown, index) => parseMessage(message, index));
  // Bedrock gives no dedicated message for an empty list; it fails the first-message rule.
  if (messages[0]?.role !== 'user') {
    throw validationError(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  for (let index = 1; index < messages.length; index++) {
    if (messages[index]?.role === messages[index - 1]?.role) {
      throw validationError(
        'A conversation must alternate between user and assistant roles. ' +
          'Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
  }
  return { messages, system: parseSystem(body.system) };
}

function parseMessage(message: unknown, index: number): Message {
  if (!isRecord(message)) throw missingMember(`messages.${index}.member`);
  const { role, content } = message;
  if (role !== 'user' && role !== 'assistant') {
    throw validationError(
      `1 validation error detected: Value '${String(role)}' at 'messages.${index}.member.role' ` +
        'failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]',
    );
  }
  if (!Array.isArray(content) || content.length === 0) {
    throw validationError(
      `The content field in the Message object at messages.${index} is empty. ` +
        'Add a ContentBlock object to the content field and try again.',
    );
  }
  content.forEach((block: unknown, blockIndex) => {
    if (!isRecord(block)) throw missingMember(`messages.${index}.member.content.${blockIndex}.member`);
    if (block.text !== undefined && (typeof block.text !== 'string' || block.text.trim() === '')) {
      throw validationError(
        `The text field in the ContentBlock object at messages.${index}.content.${blockIndex} is blank. ` +
          'Add text to the text field, and try again.',
      );
    }
  });
  return { role, content: content as ContentBlock[] };
}

function parseSystem(system: unknown): ContentBlock[] | undefined {
  if (system === undefined || system === null) return undefined;
  if (!Array.isArray(system))
    throw validationError("The value at 'system' must be a list of SystemContentBlock objects.");
  system.forEach((block: unknown, index) => {
    if (!isRecord(block)) throw missingMember(`system.${index}.member`);
    if (block.text !== undefined && (typeof block.text !== 'string' || block.text.trim() === '')) {
      throw validationError(
        `The text field in the SystemContentBlock object at system.${index} is blank. ` +
          'Add text to the text field, and try again.',
      );
    }
  });
  return system as ContentBlock[];
}

/**
 * Validates a whole Converse/ConverseStream body for `model`: its shape, then every rule of
 * `rules/check-request.ts` (what Bedrock or the model refuses).
 */
export function parseConverseRequest(body: unknown, model: EmulatedModel): ConverseRequest {
  const conversation = parseConversation(body);
  const record = body as Record<string, unknown>;
  const request: ConverseRequest = {
    ...conversation,
    inferenceConfig: parseInferenceConfig(record.inferenceConfig, model.maxOutputTokens),
    toolConfig: record.toolConfig,
    additionalModelRequestFields: record.additionalModelRequestFields,
    outputConfig: record.outputConfig,
    serviceTier: record.serviceTier,
    performanceConfig: record.performanceConfig,
  };
  checkRequestRules(request, model);
  return request;
}

function rangeError(path: string, value: unknown, constraint: string) {
  return validationError(
    `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: ` +
      `Member must have value ${constraint}`,
  );
}

function parseInferenceConfig(config: unknown, maxOutputTokens: number): InferenceConfig | undefined {
  if (config === undefined || config === null) return undefined;
  if (!isRecord(config))
    throw validationError("The value at 'inferenceConfig' must be an InferenceConfiguration object.");
  const { maxTokens, temperature, topP, stopSequences } = config;
  if (maxTokens !== undefined) {
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)) {
      throw validationError("The value at 'inferenceConfig.maxTokens' must be an integer.");
    }
    if (maxTokens < 1) throw rangeError('inferenceConfig.maxTokens', maxTokens, 'greater than or equal to 1');
    if (maxTokens > maxOutputTokens) {
      throw validationError(
        `The maximum tokens you requested exceeds the model limit of ${maxOutputTokens}. ` +
          `Try again with a maximum tokens value that is lower than ${maxOutputTokens}.`,
      );
    }
  }
  for (const [name, value] of [
    ['temperature', temperature],
    ['topP', topP],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'number')
      throw validationError(`The value at 'inferenceConfig.${name}' must be a number.`);
    if (value < 0) throw rangeError(`inferenceConfig.${name}`, value, 'greater than or equal to 0');
    if (value > 1) throw rangeError(`inferenceConfig.${name}`, value, 'less than or equal to 1');
  }
  if (stopSequences !== undefined && !(Array.isArray(stopSequences) && stopSequences.every(isString))) {
    throw validationError("The value at 'inferenceConfig.stopSequences' must be a list of strings.");
  }
  return config as InferenceConfig;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
