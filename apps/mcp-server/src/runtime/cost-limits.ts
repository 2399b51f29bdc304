import {
  BedrockChatError,
  type ChatRunner,
  type ConversationWithMessages,
  contextLimitsFor,
  continuedModel,
  DEFAULT_REGION,
  type ResolvedModel,
  resolveModel,
  type ServiceTierOption,
} from '@bedrock-chat/core';
import type { ServerLimits } from '../config/server-config.js';

/** How the server's client resolves a model name: its configured region and live catalogue. */
export type ModelResolver = (name: string) => Promise<ResolvedModel>;

/**
 * The runner's own resolver. A runner that has none (a test fake) gets the built-in table: which
 * model a name means does not depend on the region, only the profile picked for it does.
 */
export function modelResolverOf(runner: ChatRunner): ModelResolver {
  const resolveWithRunner = runner.resolveModel?.bind(runner);
  if (resolveWithRunner) return (name) => resolveWithRunner(name);
  return async (name) => resolveModel(name, DEFAULT_REGION);
}

/**
 * The same model however it is named: aliases, foundation-model ids, inference profiles and ARNs
 * of a catalogued model share its base id; other names compare as resolved (case-insensitive).
 */
export function modelKey(resolved: ResolvedModel): string {
  return resolved.info?.baseModelId ?? resolved.modelId.trim().toLowerCase();
}

/** The keys of an allowlist, resolved as `chat` resolves a model; undefined without a list. */
export async function allowedModelKeys(
  allowedModels: readonly string[] | undefined,
  resolve: ModelResolver,
): Promise<Set<string> | undefined> {
  if (allowedModels === undefined) return undefined;
  return new Set((await Promise.all(allowedModels.map(resolve))).map(modelKey));
}

/**
 * The model a new conversation gets when the caller names none: the configured default when the
 * allowlist lets it through, else the first allowed model. `chat` and `list_models` both use this.
 */
export async function defaultModelWithin(
  allowedModels: readonly string[] | undefined,
  configured: string | undefined,
  resolve: ModelResolver,
): Promise<string | undefined> {
  const allowedKeys = await allowedModelKeys(allowedModels, resolve);
  if (allowedModels === undefined || allowedKeys === undefined) return configured;
  return configured !== undefined && allowedKeys.has(modelKey(await resolve(configured)))
    ? configured
    : allowedModels[0];
}

export interface TurnRequest {
  /** The model the caller asked for. */
  model: string | undefined;
  maxTokens: number | undefined;
  serviceTier?: ServiceTierOption | undefined;
}

export interface TurnContext {
  /** The conversation being continued, when there is one. */
  conversation:
    | (Pick<ConversationWithMessages, 'id' | 'model' | 'messageCount'> & {
        /** Who wrote each message: a legacy row's model is read from its last reply. */
        messages: readonly { role: 'user' | 'assistant'; modelId?: string | null | undefined }[];
      })
    | undefined;
  /** The model used when neither caller nor conversation names one. */
  defaultModel: () => Promise<string | undefined>;
  resolveModel: ModelResolver;
  /** The tier used when the caller names none (the config file's). */
  defaultServiceTier?: (() => Promise<ServiceTierOption | undefined>) | undefined;
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

/** The tier the call would use, its own or the configured one, must be one the server allows. */
async function checkTier(limits: ServerLimits, request: TurnRequest, context: TurnContext): Promise<void> {
  const asked = request.serviceTier;
  const tier = asked ?? (await context.defaultServiceTier?.());
  if (tier === undefined || limits.allowedTiers.includes(tier)) return;
  const allowed = limits.allowedTiers.join(', ');
  throw refuse(
    asked === undefined
      ? `The configured service tier "${tier}" is not allowed on this server (BEDROCK_CHAT_MCP_TIERS allows ${allowed}).`
      : `serviceTier: "${tier}" is not allowed on this server (BEDROCK_CHAT_MCP_TIERS allows ${allowed}).`,
    `Use one of: ${allowed}${asked === undefined ? '' : ', or omit serviceTier'}.`,
  );
}

/**
 * Applies the cost bounds of {@link ServerLimits} to one `chat` call: the service tier must be allowed, the model must be allowed,
 * `maxTokens` may not exceed the cap (and defaults to at most the cap), and a conversation may not
 * grow past the turn cap. Throws INVALID_INPUT naming the field and the variable that sets the bound.
 */
export async function applyCostLimits(
  limits: ServerLimits,
  request: TurnRequest,
  context: TurnContext,
): Promise<BoundedTurn> {
  const { conversation } = context;
  await checkTier(limits, request, context);
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
  const { resolveModel: resolve } = context;
  // What a stored thread continues on: a legacy row that kept `sonnet` as typed continues on the
  // model its last reply came from, not on whatever `sonnet` means today.
  const continued = conversation && continuedModel(conversation.model, conversation.messages);
  const allowed = limits.allowedModels;
  const allowedKeys = await allowedModelKeys(allowed, resolve);
  if (allowed !== undefined && allowedKeys !== undefined) {
    const isAllowed = async (name: string) => allowedKeys.has(modelKey(await resolve(name)));
    const list = allowed.join(', ');
    if (model !== undefined && !(await isAllowed(model))) {
      throw refuse(
        `model: "${model}" is not allowed on this server (BEDROCK_CHAT_MCP_ALLOWED_MODELS).`,
        `Use one of: ${list}, or omit model.`,
      );
    }
    if (model === undefined && conversation && continued !== undefined) {
      if (!(await isAllowed(continued))) {
        throw refuse(
          `Conversation ${conversation.id} uses model "${continued}", which this server does not allow (BEDROCK_CHAT_MCP_ALLOWED_MODELS).`,
          `Pass model with one of: ${list}.`,
        );
      }
    } else if (model === undefined) {
      model = await defaultModelWithin(allowed, await context.defaultModel(), resolve);
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
  const effectiveModel = model ?? continued ?? (await context.defaultModel());
  const resolved = effectiveModel === undefined ? undefined : await resolve(effectiveModel);
  return { model, maxTokens: Math.min(cap, contextLimitsFor(resolved, undefined).maxTokens) };
}
