import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { toSystemBlocks } from '../messages/message-builders.js';
import { type InferenceConfig, type Message, MessagesSchema } from '../messages/message-schemas.js';
import { isPlainTextMessage } from '../messages/plain-text-message.js';
import type { ResolvedModel } from '../models/resolve-model.js';
import type { ChatOptions } from './chat-types.js';
import { dropRefusedSampling } from './refused-sampling.js';
import { toSdkMessages, toSdkSystem } from './to-sdk-messages.js';

/** What a chat call accepts as its conversation: a prompt, one message, or the whole history. */
export type ChatInput = string | Message | readonly Message[];

export const FALLBACK_MAX_TOKENS = 4_096;

export interface ChatDefaults {
  system?: string | undefined;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
}

function invalid(message: string, hint?: string): BedrockChatError {
  return new BedrockChatError({ code: 'INVALID_INPUT', message, hint });
}

/** Validates the caller's messages with zod and names the first offending field. */
export function normaliseMessages(input: ChatInput): Message[] {
  // A plain prompt cannot fail the schema; skipping zod here is measurable next to real I/O.
  if (typeof input === 'string') return [{ role: 'user', content: [{ text: input }] }];
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) throw invalid('messages is empty: send at least one user message.');
  // Plain text messages (the usual history) cannot fail the schema either.
  if (list.every(isPlainTextMessage)) return [...list];
  const parsed = MessagesSchema.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['messages', ...(issue?.path ?? [])].join('.');
    throw invalid(
      `${where}: ${issue?.message ?? 'invalid'}`,
      'Messages look like { role: "user" | "assistant", content: [{ text: "…" }] }.',
    );
  }
  return parsed.data;
}

/** What {@link buildConverseInput} returns. */
export interface BuiltConverseInput {
  input: ConverseCommandInput;
  inferenceConfig: InferenceConfig;
  /** Settings left out because the model refuses them, one sentence each. */
  warnings: string[];
}

/**
 * Builds the ConverseCommand input. Pure; `maxTokens` is always set (Bedrock reserves quota by it).
 * `options` are as `parseChatOptions` passed them and `defaults` as the config file's schema did;
 * what only the model decides (its output limit, the sampling settings it refuses) is checked
 * here: a refused sampling setting is left out, with a warning.
 */
export function buildConverseInput(
  messages: readonly Message[],
  options: ChatOptions,
  model: ResolvedModel,
  defaults: ChatDefaults = {},
): BuiltConverseInput {
  const limit = model.info?.maxOutputTokens;
  const maxTokens =
    options.maxTokens ?? defaults.maxTokens ?? model.info?.defaultMaxTokens ?? FALLBACK_MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw invalid(`maxTokens must be a positive integer (got ${maxTokens}).`);
  if (limit !== undefined && maxTokens > limit) {
    throw invalid(
      `maxTokens ${maxTokens} is more than ${model.info?.name} can produce (${limit}).`,
      `Use at most ${limit}.`,
    );
  }
  const { temperature, topP, warnings } = dropRefusedSampling(
    {
      temperature: options.temperature ?? defaults.temperature,
      topP: options.topP,
      temperatureIsDefault: options.temperature === undefined,
    },
    model.info,
  );
  const inferenceConfig: InferenceConfig = {
    maxTokens,
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(options.stopSequences?.length ? { stopSequences: options.stopSequences } : {}),
  };
  const system = toSystemBlocks(options.system ?? defaults.system);
  const input: ConverseCommandInput = {
    modelId: model.modelId,
    messages: toSdkMessages(messages),
    inferenceConfig,
    ...(system ? { system: toSdkSystem(system) } : {}),
    ...(options.additionalModelRequestFields
      ? {
          additionalModelRequestFields:
            options.additionalModelRequestFields as ConverseCommandInput['additionalModelRequestFields'],
        }
      : {}),
  };
  return { input, inferenceConfig, warnings };
}
