import {
  EFFORT_LEVELS,
  type EffortLevel,
  type LatencyMode,
  type ServiceTierOption,
  type ThinkingOption,
} from '@bedrock-chat/core';
import { parseToolFlags, type RawToolFlags, type ToolFlags } from './mcp/tool-flags.js';
import { invalidInput, optionalConfigValue, parseInteger } from './option-values.js';
import { parseSchemaFlag } from './structured/schema-flag.js';
import type { RawSchemaFlags } from './structured/schema-option.js';

/** What commander hands an `ask` or `chat` action: strings and booleans, unchecked. */
export interface RawTurnFlags extends RawToolFlags, RawSchemaFlags {
  model?: string | undefined;
  system?: string | undefined;
  temperature?: string | undefined;
  maxTokens?: string | undefined;
  continue?: boolean | undefined;
  conversation?: string | undefined;
  stream?: boolean | undefined;
  cache?: boolean | undefined;
  citations?: boolean | undefined;
  think?: boolean | undefined;
  thinkBudget?: string | undefined;
  effort?: string | undefined;
  tier?: string | undefined;
  latency?: string | undefined;
  maxSteps?: string | undefined;
  json?: boolean | undefined;
  save?: boolean | undefined;
  usage?: boolean | undefined;
  attach?: string[] | undefined;
  attachType?: string | undefined;
  region?: string | undefined;
  profile?: string | undefined;
  endpointUrl?: string | undefined;
}

/** Where to send the call: passed to core's resolveConfig as options (flags beat env and file). */
export interface ConnectionFlags {
  region?: string | undefined;
  profile?: string | undefined;
  endpointUrl?: string | undefined;
}

/** Checked options of `ask` and `chat`. */
export interface TurnOptions extends ConnectionFlags {
  model?: string | undefined;
  system?: string | undefined;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  /** Continue the most recent conversation. */
  continueLast: boolean;
  conversationId?: string | undefined;
  stream: boolean;
  /** Prompt caching (on unless `--no-cache`). */
  cache: boolean;
  /** Ask for citations from the prompt's documents; print the sources after the reply. */
  citations: boolean;
  /** `--think` (true) or `--think-budget <n>`; absent: the model's default. */
  thinking?: ThinkingOption | undefined;
  effort?: EffortLevel | undefined;
  /** `--tier`; absent: the configured one (`config set tier`), else Bedrock's default. */
  serviceTier?: ServiceTierOption | undefined;
  /** `--latency`; absent: the configured one, else standard. */
  latency?: LatencyMode | undefined;
  /** `--max-steps` (with --mcp); absent: the configured `maxSteps`, else core's 10. */
  maxSteps?: number | undefined;
  json: boolean;
  save: boolean;
  usage: boolean;
  /** Files to send with the (first) prompt, in order; `-` is stdin. */
  attach: string[];
  /** The type of the stdin attachment when its content cannot tell (`md`, `csv` …). */
  attachType?: string | undefined;
  /** MCP servers whose tools the model may call (`--mcp` …); absent or no servers: no tools. */
  tools?: ToolFlags | undefined;
  /** `--schema` (`ask`): a JSON Schema file's path or the schema inline, read by `loadSchema`. */
  schema?: string | undefined;
}

export function parseConnectionFlags(raw: ConnectionFlags): ConnectionFlags {
  return {
    region: optionalConfigValue('region', raw.region, '--region'),
    profile: optionalConfigValue('profile', raw.profile, '--profile'),
    endpointUrl: optionalConfigValue('endpointUrl', raw.endpointUrl, '--endpoint-url'),
  };
}

function parseAttachFlags(raw: RawTurnFlags): Pick<TurnOptions, 'attach' | 'attachType'> {
  const attach = raw.attach ?? [];
  if (attach.some((path) => path.trim() === '')) throw invalidInput('--attach needs a path.');
  const fromStdin = attach.filter((path) => path === '-').length;
  if (fromStdin > 1) throw invalidInput('--attach - can be given once: stdin holds one file.');
  const attachType = raw.attachType?.trim();
  if (attachType !== undefined && fromStdin === 0) {
    throw invalidInput(
      '--attach-type names the type of the file read from stdin (--attach -).',
      'Files on disk are typed by their content and extension.',
    );
  }
  if (attachType === '') throw invalidInput('--attach-type needs a type, e.g. md, csv or pdf.');
  return { attach, attachType };
}

/** The largest output of any catalogued model: a budget must stay below it (core checks the model's). */
const MAX_THINKING_BUDGET = 127_999;

function parseThinkingFlags(raw: RawTurnFlags): Pick<TurnOptions, 'thinking' | 'effort'> {
  const budget =
    raw.thinkBudget === undefined
      ? undefined
      : parseInteger(raw.thinkBudget, '--think-budget', 1_024, MAX_THINKING_BUDGET);
  const effort = raw.effort?.trim().toLowerCase();
  if (effort !== undefined && !(EFFORT_LEVELS as readonly string[]).includes(effort)) {
    throw invalidInput(
      `--effort must be one of ${EFFORT_LEVELS.join(', ')} (got "${raw.effort}").`,
      'xhigh and max need --think; the levels a model takes are in `bedrock-chat models`.',
    );
  }
  const thinking = budget === undefined ? (raw.think ? true : undefined) : { budgetTokens: budget };
  return {
    ...(thinking === undefined ? {} : { thinking }),
    ...(effort === undefined ? {} : { effort: effort as EffortLevel }),
  };
}

export function parseTurnOptions(raw: RawTurnFlags): TurnOptions {
  if (raw.continue && raw.conversation !== undefined) {
    throw invalidInput(
      'Use either --continue or --conversation <id>, not both.',
      '--continue picks the most recent conversation; --conversation picks one by id.',
    );
  }
  const conversationId = raw.conversation?.trim();
  if (conversationId === '') throw invalidInput('--conversation needs a conversation id.');
  const tools = parseToolFlags(raw);
  const schema = parseSchemaFlag(raw, tools);
  return {
    ...parseConnectionFlags(raw),
    model: optionalConfigValue('model', raw.model, '--model'),
    system: optionalConfigValue('system', raw.system, '--system'),
    temperature: optionalConfigValue('temperature', raw.temperature, '--temperature'),
    maxTokens: optionalConfigValue('maxTokens', raw.maxTokens, '--max-tokens'),
    continueLast: raw.continue === true,
    conversationId,
    stream: raw.stream !== false,
    cache: raw.cache !== false,
    citations: raw.citations === true,
    ...parseThinkingFlags(raw),
    serviceTier: optionalConfigValue('tier', raw.tier, '--tier'),
    latency: optionalConfigValue('latency', raw.latency, '--latency'),
    maxSteps: optionalConfigValue('maxSteps', raw.maxSteps, '--max-steps'),
    json: raw.json === true,
    save: raw.save !== false,
    usage: raw.usage === true,
    ...parseAttachFlags(raw),
    tools,
    ...(schema === undefined ? {} : { schema }),
  };
}

export interface ListOptions {
  limit: number;
  search?: string | undefined;
  json: boolean;
}

export const DEFAULT_LIST_LIMIT = 20;

export function parseListOptions(raw: { limit?: string; search?: string; json?: boolean }): ListOptions {
  const search = raw.search?.trim();
  return {
    limit: raw.limit === undefined ? DEFAULT_LIST_LIMIT : parseInteger(raw.limit, '--limit', 1, 500),
    search: search === '' ? undefined : search,
    json: raw.json === true,
  };
}

export interface ExportOptions {
  format: 'markdown' | 'json';
  output?: string | undefined;
  /** Every conversation of every owner, as JSON Lines (one export document per line). */
  all: boolean;
}

export interface ImportOptions {
  /** Import a copy under a new id when the file's id is already stored, instead of refusing. */
  newId: boolean;
  json: boolean;
  /** Each conversation to the owner its document names (moving a whole store), not to the local user. */
  keepOwners: boolean;
}

export function parseExportOptions(
  raw: { format?: string; output?: string; all?: boolean },
  conversationId: string | undefined,
): ExportOptions {
  const all = raw.all === true;
  if (all && conversationId !== undefined) {
    throw invalidInput('Give a conversation id or --all, not both.');
  }
  if (!all && conversationId === undefined) {
    throw invalidInput('Give the id of the conversation to export, or --all for every conversation.');
  }
  if (all && raw.format === 'markdown') {
    throw invalidInput('--all writes JSON Lines (one JSON export per line); it has no Markdown form.');
  }
  const format = raw.format ?? (all ? 'json' : 'markdown');
  if (format !== 'markdown' && format !== 'json') {
    throw invalidInput(`--format must be markdown or json (got "${format}").`);
  }
  return { format, output: raw.output, all };
}
