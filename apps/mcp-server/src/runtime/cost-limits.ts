import { BedrockChatError, contextLimitsFor, resolveModel } from '@bedrock-chat/core';
import type { ServerLimits } from '../config/server-config.js';

/**
 * The same model however it is named: aliases, foundation-model ids, inference profiles and ARNs
 * of a catalogued model share its base id; unknown names compare as typed (case-insensitive).
 */
export function modelKey(name: string): string {
  // The region only picks a profile prefix; the base id is the same everywhere.
  const resolved = resolveModel(name, 'us-east-1');
  return resolved.info?.baseModelId ?? resolved.modelId.trim().toLowerCase();
}

/**
 * The model a new conversation gets when the caller names none: the configured default when the
 * allowlist lets it through, else the first allowed model. `chat` and `list_models` both use this.
 */
export function defaultModelWithin(
  allowedModels: readonly string[] | undefined,
  configured: string | undefined,
): string | undefined {
  if (allowedModels === undefined) return configured;
  const allowedKeys = new Set(allowedModels.map(modelKey));
  return configured !== undefined && allowedKeys.has(modelKey(configured)) ? configured : allowedModels[0];
}

export interface TurnRequest {
  /** The model the caller asked for. */
  model: string | undefined;
  maxTokens: number | undefined;
}

export interface TurnContext {
  /** The conversation being continued, when there is one. */
  conversation: { id: string; model: string | null; messageCount: number } | undefined;
  /** The model used when neither caller nor conversation names one. */
  defaultModel: () => Promise<string | undefined>;
}

/** What to pass to the conversation flow after the limits have been applied. */
export interface BoundedTurn {
  /** Undefined leaves the choice to the flow (the conversation's model, else the configured one). */
  model: string | undefined;
  maxTokens: number | undefined;
}

function refuse(message: string, hint: string): BedrockChatError {
  return new BedrockChatError({ code: 'INVALID_INPUT', message, hint });
}

/**
 * Applies the cost bounds of {@link ServerLimits} to one `chat` call: the model must be allowed,
 * `maxTokens` may not exceed the cap (and defaults to at most the cap), and a conversation may not
 * grow past the turn cap. Throws INVALID_INPUT naming the field and the variable that sets the bound.
 */
export async function applyCostLimits(
  limits: ServerLimits,
  request: TurnRequest,
  context: TurnContext,
): Promise<BoundedTurn> {
  const { conversation } = context;
  if (conversation && limits.maxTurns !== undefined) {
    const turns = Math.floor(conversation.messageCount / 2);
    if (turns >= limits.maxTurns) {
      throw refuse(
        `Conversation ${conversation.id} has ${turns} turns, this server's limit (BEDROCK_CHAT_MCP_MAX_TURNS=${limits.maxTurns}).`,
        'Omit conversationId to start a new conversation.',
      );
    }
  }

  let model = request.model;
  const allowed = limits.allowedModels;
  if (allowed !== undefined) {
    const allowedKeys = new Set(allowed.map(modelKey));
    const list = allowed.join(', ');
    if (model !== undefined && !allowedKeys.has(modelKey(model))) {
      throw refuse(
        `model: "${model}" is not allowed on this server (BEDROCK_CHAT_MCP_ALLOWED_MODELS).`,
        `Use one of: ${list}, or omit model.`,
      );
    }
    if (model === undefined && conversation?.model) {
      if (!allowedKeys.has(modelKey(conversation.model))) {
        throw refuse(
          `Conversation ${conversation.id} uses model "${conversation.model}", which this server does not allow (BEDROCK_CHAT_MCP_ALLOWED_MODELS).`,
          `Pass model with one of: ${list}.`,
        );
      }
    } else if (model === undefined) {
      model = defaultModelWithin(allowed, await context.defaultModel());
    }
  }

  const cap = limits.maxTokens;
  if (cap === undefined) return { model, maxTokens: request.maxTokens };
  if (request.maxTokens !== undefined && request.maxTokens > cap) {
    throw refuse(
      `maxTokens: ${request.maxTokens} is above this server's cap of ${cap} (BEDROCK_CHAT_MCP_MAX_TOKENS).`,
      `Ask for at most ${cap} tokens, or omit maxTokens.`,
    );
  }
  if (request.maxTokens !== undefined) return { model, maxTokens: request.maxTokens };
  const effectiveModel = model ?? conversation?.model ?? (await context.defaultModel());
  return {
    model,
    maxTokens: Math.min(cap, contextLimitsFor(effectiveModel ?? undefined, undefined).maxTokens),
  };
}
