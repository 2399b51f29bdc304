import { z } from 'zod';
import type { StopCondition } from '../agent/stop-conditions.js';
import { SETTING_SCHEMAS } from '../config/settings.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { CacheTtlSchema } from '../messages/content-block-schemas.js';
import { SystemPromptSchema } from '../messages/message-schemas.js';
import { EFFORT_LEVELS, LATENCY_MODES, SERVICE_TIERS } from '../models/model-info.js';
import { isOutputSchema, type OutputSchema } from '../output/output-schema.js';
import type { ChatOptions } from './chat-types.js';
import { ToolChoiceSchema, ToolsSchema, toolsValid } from './tool-options.js';

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}

/** `InferenceConfigurationStopSequencesList` in the Bedrock Runtime Smithy model: `max: 2500`. */
const MAX_STOP_SEQUENCES = 2_500;

const fn = <Fn>() => z.custom<Fn>((value) => typeof value === 'function');

/** What each chat option must be (see {@link ChatOptionsSchema}). */
const ChatOptionsShape = {
  system: SystemPromptSchema.optional(),
  // The settings a config file can hold follow the same rule here as there.
  temperature: SETTING_SCHEMAS.temperature.optional(),
  topP: z.number().min(0).max(1).optional(),
  // Bedrock's InferenceConfigurationStopSequencesList: at most 2,500 members, each a NonEmptyString.
  stopSequences: z
    .array(z.string().min(1, 'a stop sequence cannot be empty'))
    .max(MAX_STOP_SEQUENCES)
    .optional(),
  maxTokens: SETTING_SCHEMAS.maxTokens.optional(),
  model: SETTING_SCHEMAS.model.optional(),
  citations: z.boolean().optional(),
  cache: z.boolean().optional(),
  cacheTtl: CacheTtlSchema.optional(),
  thinking: z
    .union([z.boolean(), z.object({ budgetTokens: z.number().int().min(1_024) }).strict()])
    .optional(),
  effort: z.enum(EFFORT_LEVELS).optional(),
  serviceTier: z.enum(SERVICE_TIERS).optional(),
  latency: z.enum(LATENCY_MODES).optional(),
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  signal: z.custom<AbortSignal>(isAbortSignal).optional(),
  tools: ToolsSchema.optional(),
  toolChoice: ToolChoiceSchema.optional(),
  maxSteps: z.number().int().min(1).optional(),
  stopWhen: z.union([fn<StopCondition>(), z.array(fn<StopCondition>())]).optional(),
  approve: fn<NonNullable<ChatOptions['approve']>>().optional(),
  toolConcurrency: z.number().int().min(1).optional(),
  toolTimeoutMs: z.number().int().min(1).optional(),
  toolResultMaxChars: z.number().int().min(1).optional(),
  contextWindowTokens: z.number().int().min(1).optional(),
  onStep: fn<NonNullable<ChatOptions['onStep']>>().optional(),
  schema: z.custom<OutputSchema>(isOutputSchema).optional(),
  schemaName: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a schema name is 1 to 64 letters, digits, underscores or hyphens')
    .optional(),
  schemaDescription: z.string().min(1).optional(),
};

type ShapeOptions = z.infer<z.ZodObject<typeof ChatOptionsShape>>;

/** The rules between options, each with the option it is reported on; none as a rule. */
function crossOptionIssues(options: ShapeOptions): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  // Runs on options that may have failed their own rules (plain JavaScript's tools: "x"): only
  // a list of tools is compared with schema and toolChoice; the shape's issue reports the rest.
  const tools = Array.isArray(options.tools) ? options.tools : [];
  if (options.schema !== undefined && tools.length > 0) {
    issues.push({
      path: 'schema',
      message: 'a schema and tools cannot be combined in one call yet (a structured reply takes no tools)',
    });
  }
  const choice = options.toolChoice;
  if (
    typeof choice === 'object' &&
    choice !== null &&
    !tools.some(
      (tool: unknown) =>
        typeof tool === 'object' && tool !== null && 'name' in tool && tool.name === choice.tool,
    )
  ) {
    issues.push({
      path: 'toolChoice',
      message: `toolChoice names ${choice.tool}, which is not one of the tools`,
    });
  }
  return issues;
}

/**
 * The options of a chat call as callers may pass them (plain JavaScript included). Unknown keys
 * are left alone: the conversation flow passes its own options object through.
 */
export const ChatOptionsSchema = z.object(ChatOptionsShape).superRefine((options, context) => {
  for (const { path, message } of crossOptionIssues(options)) {
    context.addIssue({ code: 'custom', path: [path], message, params: { explained: true } });
  }
}) satisfies z.ZodType<ChatOptions>;

type OptionName = keyof typeof ChatOptionsShape;
const OPTION_NAMES = Object.keys(ChatOptionsShape) as OptionName[];

/**
 * ChatOptionsSchema's verdict, reached by checking only the options that are set: a call sets a
 * few of some thirty, and the whole object schema (which also builds a copy that is thrown away)
 * was the largest part of core's CPU per call in a profile of the benchmark's `complete` loop.
 * It reads each option as the object schema does (`options[name]`, prototype included).
 */
function setOptionsValid(options: Record<string, unknown>): boolean {
  for (const name of OPTION_NAMES) {
    const value = options[name];
    if (value === undefined || (name === 'tools' && toolsValid(value))) continue;
    if (!ChatOptionsShape[name].safeParse(value).success) return false;
  }
  return crossOptionIssues(options as ShapeOptions).length === 0;
}

/** What each option must be, and what to do about it; the hint names the valid range. */
const EXPECTED: Record<OptionName, { must: string; hint: string }> = {
  system: {
    must: 'a string or an array of Converse system blocks',
    hint: 'Pass the system prompt as text (system: "Be brief.") or as blocks ([{ text: "Be brief." }]).',
  },
  temperature: {
    must: 'a number from 0 to 1',
    hint: 'Use a temperature from 0 (most predictable) to 1 (most varied), or leave it out for the model default.',
  },
  topP: {
    must: 'a number from 0 to 1',
    hint: 'Use a topP from 0 to 1, or leave it out for the model default.',
  },
  stopSequences: {
    must: 'an array of at most 2500 non-empty strings',
    hint: 'Pass the stop sequences as an array of non-empty strings (at most 2500), e.g. stopSequences: ["END"].',
  },
  maxTokens: {
    must: 'a whole number of at least 1',
    hint: "Use a whole number of tokens of at least 1 (up to the model's output limit), or leave it out for the model's default.",
  },
  model: {
    must: 'a non-empty string',
    hint: 'Use an alias (sonnet, haiku, opus …), a model id, an inference profile id or an ARN; leave it out for the configured default.',
  },
  citations: {
    must: 'true or false',
    hint: 'Pass citations: true to have the reply cite the documents of the request.',
  },
  cache: {
    must: 'true or false',
    hint: 'Prompt caching is on by default; pass cache: false to send no cache points.',
  },
  cacheTtl: {
    must: '"5m" or "1h"',
    hint: 'Use cacheTtl: "5m" (the default) or "1h" on a model that offers a 1-hour cache.',
  },
  thinking: {
    must: 'true, false or { budgetTokens } with a whole number of at least 1024',
    hint: 'Pass thinking: true (adaptive where the model has it), or { budgetTokens: 4096 } on a model that takes a budget.',
  },
  effort: {
    must: `one of ${EFFORT_LEVELS.join(', ')}`,
    hint: 'Use effort: "low", "medium", "high", "xhigh" or "max" (the last two need thinking), as the model offers.',
  },
  serviceTier: {
    must: `one of ${SERVICE_TIERS.join(', ')}`,
    hint: 'Use serviceTier: "priority" (faster, costs more), "default" or "flex" (slower, costs less).',
  },
  latency: {
    must: `one of ${LATENCY_MODES.join(', ')}`,
    hint: 'Use latency: "optimized" on a model AWS serves latency-optimized, or "standard".',
  },
  additionalModelRequestFields: {
    must: 'an object',
    hint: 'Pass extra model fields as a plain object, e.g. { thinking: { type: "enabled", budget_tokens: 1024 } }.',
  },
  signal: {
    must: 'an AbortSignal',
    hint: 'Pass the signal of an AbortController (new AbortController().signal).',
  },
  tools: {
    must: 'an array of tools',
    hint: 'Each tool is { name, description?, inputSchema (a zod schema or a JSON Schema object), execute? }, with a unique name of letters, digits, _ and - (at most 64).',
  },
  toolChoice: {
    must: '"auto", "any" or { tool: "<name>" } naming one of the tools',
    hint: 'Leave it out to let the model decide, or force a call with "any" or { tool: "<name>" }.',
  },
  maxSteps: {
    must: 'a whole number of at least 1',
    hint: 'maxSteps is how many model calls a tool loop may make (default 10).',
  },
  stopWhen: {
    must: 'a function or an array of functions',
    hint: 'Pass stop conditions such as maxSteps(3) or hasToolCall("answer").',
  },
  approve: {
    must: 'a function',
    hint: 'approve(call) returns true to run the call, or false / { approved: false, reason } to refuse it.',
  },
  toolConcurrency: {
    must: 'a whole number of at least 1',
    hint: 'toolConcurrency is how many tool calls run at once (default 4).',
  },
  toolTimeoutMs: {
    must: 'a whole number of milliseconds of at least 1',
    hint: 'toolTimeoutMs bounds each tool call (default 60000).',
  },
  toolResultMaxChars: {
    must: 'a whole number of characters of at least 1',
    hint: 'toolResultMaxChars caps the text of one tool result (default 100000).',
  },
  contextWindowTokens: {
    must: 'a whole number of tokens of at least 1',
    hint: "Leave contextWindowTokens out to use the model's own context window.",
  },
  onStep: {
    must: 'a function',
    hint: 'onStep(step) is called after each step of a tool loop.',
  },
  schema: {
    must: 'a zod schema or a JSON Schema object',
    hint: 'Pass schema: z.object({ … }) or { type: "object", properties: { … }, required: [ … ], additionalProperties: false }.',
  },
  schemaName: {
    must: 'a name of 1 to 64 letters, digits, underscores or hyphens',
    hint: 'Leave schemaName out for the default (response).',
  },
  schemaDescription: {
    must: 'a non-empty string',
    hint: 'Say in a sentence what the object is for, or leave it out.',
  },
};

/** An issue whose own message says more than the option's generic "must be". */
function explained(issue: z.core.$ZodIssue | undefined): boolean {
  return (
    issue?.code === 'custom' && (issue.params as { explained?: unknown } | undefined)?.explained === true
  );
}

/**
 * The issue to report: for a union none of whose branches matched, the issue inside the branch
 * whose shape fitted (`thinking: { budgetTokens: 1500.5 }` fails the object branch on
 * `budgetTokens`, not on being an object), else the union's own.
 */
function innermost(issue: z.core.$ZodIssue | undefined): z.core.$ZodIssue | undefined {
  if (issue?.code !== 'invalid_union') return issue;
  for (const branch of issue.errors) {
    const inner = innermost(branch.find((candidate) => candidate.path.length > 0));
    // A nested union that matched nothing either says no more than the option's own message.
    if (inner && inner.code !== 'invalid_union') return { ...inner, path: [...issue.path, ...inner.path] };
  }
  return issue;
}

/** A short, secret-free rendering of what the caller passed. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/**
 * Checks a chat call's options at the library's boundary, so plain JavaScript callers get a coded
 * INVALID_INPUT error naming the option and its valid range rather than a TypeError from deep
 * inside, and nothing malformed (such as an empty model id) reaches Bedrock. Returns the options
 * unchanged (the same object: an AbortSignal must stay the caller's).
 */
export function parseChatOptions<Options extends ChatOptions>(options: Options): Options {
  if (typeof options !== 'object' || options === null) {
    throw new BedrockChatError({
      code: 'INVALID_INPUT',
      message: `Chat options must be an object (got ${shown(options)}).`,
      hint: 'Pass options as an object, e.g. { model: "haiku", temperature: 0.5 }.',
    });
  }
  if (!Array.isArray(options) && setOptionsValid(options as Record<string, unknown>)) return options;
  // Only a call that fails pays for the whole schema: it names the issue to report.
  const parsed = ChatOptionsSchema.safeParse(options);
  if (parsed.success) return options;
  const issue = innermost(parsed.error.issues[0]);
  const path = issue?.path ?? [];
  const name = String(path[0] ?? '') as OptionName;
  const expected = EXPECTED[name];
  const value = (options as Record<string, unknown>)[name];
  const message =
    path.length > 1 || expected === undefined || explained(issue)
      ? `${path.join('.')}: ${issue?.message ?? 'invalid'}.`
      : `${name} must be ${expected.must} (got ${shown(value)}).`;
  throw new BedrockChatError({
    code: 'INVALID_INPUT',
    message,
    hint: expected?.hint,
    details: { option: path.join('.') },
  });
}
