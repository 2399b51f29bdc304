import { SERVICE_TIERS, type ServiceTierOption } from '@bedrock-chat/core';
import type { FileAccess } from '../files/file-roots.js';
import { describeRange, parseWholeNumber, RANGES, type WholeNumberRange } from './whole-number.js';

/** Limits that bound what one MCP caller can spend; all come from the environment. */
export interface ServerLimits {
  /** Model names (aliases, ids, profiles) a caller may use; undefined allows any. */
  allowedModels: readonly string[] | undefined;
  /** Largest `maxTokens` a caller may ask for, and the budget sent when it asks for none. */
  maxTokens: number | undefined;
  /** Turns (prompt + reply) a conversation may hold before `chat` refuses to continue it. */
  maxTurns: number | undefined;
  /** Server-side deadline of one `chat` call, below the ~60 s clients wait. */
  timeoutMs: number;
  /**
   * The service tiers a call may use (its own or the configured one): by default `default` and
   * `flex`, since `priority` costs more (models/service-tiers.ts in core: 1.75× the standard price).
   */
  allowedTiers: readonly ServiceTierOption[];
}

/** Tiers allowed when BEDROCK_CHAT_MCP_TIERS is unset: none that costs more than standard. */
export const DEFAULT_ALLOWED_TIERS: readonly ServiceTierOption[] = ['default', 'flex'];

export interface ServerConfig {
  limits: ServerLimits;
  /** Send `notifications/progress` when the caller asked for them. */
  progress: boolean;
  /** Minimum gap between two progress notifications of one call. */
  progressIntervalMs: number;
  /** What `chat`'s `files` may read (the transport's roots); absent: files are off. */
  files?: FileAccess | undefined;
}

export const DEFAULT_TIMEOUT_MS = 55_000;
export const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/** Every variable the server reads itself (core reads AWS_* and BEDROCK_CHAT_* on its own). */
export const ENV = {
  timeoutMs: 'BEDROCK_CHAT_MCP_TIMEOUT_MS',
  allowedModels: 'BEDROCK_CHAT_MCP_ALLOWED_MODELS',
  maxTokens: 'BEDROCK_CHAT_MCP_MAX_TOKENS',
  maxTurns: 'BEDROCK_CHAT_MCP_MAX_TURNS',
  allowedTiers: 'BEDROCK_CHAT_MCP_TIERS',
  progress: 'BEDROCK_CHAT_MCP_PROGRESS',
  token: 'BEDROCK_CHAT_MCP_TOKEN',
  tokensFile: 'BEDROCK_CHAT_MCP_TOKENS_FILE',
  allowedOrigins: 'BEDROCK_CHAT_MCP_ALLOWED_ORIGINS',
  allowedHosts: 'BEDROCK_CHAT_MCP_ALLOWED_HOSTS',
  maxConnections: 'BEDROCK_CHAT_MCP_MAX_CONNECTIONS',
  maxSessionsPerToken: 'BEDROCK_CHAT_MCP_MAX_SESSIONS_PER_TOKEN',
  shutdownGraceMs: 'BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS',
  /** An env file to read (as --env-file): the server never reads `.env` from its working directory. */
  envFile: 'BEDROCK_CHAT_ENV_FILE',
} as const;

/** HTTP-only bounds from the environment; flags override them, the HTTP defaults fill the rest. */
export interface HttpLimits {
  maxConnections: number | undefined;
  maxSessionsPerToken: number | undefined;
  /** How long a SIGTERM lets calls in flight finish; undefined: the chat deadline + 5 s. */
  shutdownGraceMs: number | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Thrown for a bad environment variable; the bin prints it and exits 2. */
export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
}

function read(env: Env, name: string, range: WholeNumberRange): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = parseWholeNumber(raw, range);
  if (value === undefined)
    throw new ServerConfigError(`${name} must be ${describeRange(range)} (got "${raw.slice(0, 40)}").`);
  return value;
}

/** A comma-separated list; blanks dropped; undefined when unset or empty. */
export function commaList(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 0 ? undefined : items;
}

function allowedTiers(env: Env): readonly ServiceTierOption[] {
  const listed = commaList(env[ENV.allowedTiers]?.toLowerCase());
  if (listed === undefined) return DEFAULT_ALLOWED_TIERS;
  const unknown = listed.find((tier) => !(SERVICE_TIERS as readonly string[]).includes(tier));
  if (unknown !== undefined) {
    throw new ServerConfigError(
      `${ENV.allowedTiers} must list tiers among ${SERVICE_TIERS.join(', ')} (got "${unknown.slice(0, 40)}").`,
    );
  }
  return [...new Set(listed)] as ServiceTierOption[];
}

function progressSwitch(env: Env): boolean {
  const raw = env[ENV.progress]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || ['on', 'true', '1'].includes(raw)) return true;
  if (['off', 'false', '0'].includes(raw)) return false;
  throw new ServerConfigError(`${ENV.progress} must be "on" or "off" (got "${raw.slice(0, 40)}").`);
}

/** Reads the HTTP bounds. Throws ServerConfigError naming the variable when one is bad. */
export function loadHttpLimits(env: Env): HttpLimits {
  return {
    maxConnections: read(env, ENV.maxConnections, RANGES.maxConnections),
    maxSessionsPerToken: read(env, ENV.maxSessionsPerToken, RANGES.maxSessionsPerToken),
    shutdownGraceMs: read(env, ENV.shutdownGraceMs, RANGES.shutdownGraceMs),
  };
}

/** Reads the server's own variables. Throws ServerConfigError naming the variable when one is bad. */
export function loadServerConfig(env: Env, overrides: { progress?: boolean } = {}): ServerConfig {
  return {
    limits: {
      allowedModels: commaList(env[ENV.allowedModels]),
      maxTokens: read(env, ENV.maxTokens, RANGES.maxTokens),
      maxTurns: read(env, ENV.maxTurns, RANGES.maxTurns),
      timeoutMs: read(env, ENV.timeoutMs, RANGES.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
      allowedTiers: allowedTiers(env),
    },
    progress: overrides.progress ?? progressSwitch(env),
    progressIntervalMs: DEFAULT_PROGRESS_INTERVAL_MS,
  };
}
