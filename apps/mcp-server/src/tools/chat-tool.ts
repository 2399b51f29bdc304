import {
  type ConversationWithMessages,
  EFFORT_LEVELS,
  LATENCY_MODES,
  MAX_DOCUMENTS,
  MAX_IMAGES,
  promptWithAttachments,
  SERVICE_TIERS,
  type SendPromptOptions,
  type SendPromptResult,
  sendPrompt,
  streamPrompt,
  turnSummary,
} from '@bedrock-chat/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { DEFAULT_ALLOWED_TIERS, type ServerConfig, type ServerLimits } from '../config/server-config.js';
import { listClientRoots } from '../files/client-roots.js';
import { type FileAccess, NO_FILE_ACCESS } from '../files/file-roots.js';
import { readRequestFiles } from '../files/read-request-files.js';
import { applyCostLimits, modelResolverOf } from '../runtime/cost-limits.js';
import { startDeadline } from '../runtime/deadline.js';
import { createProgressReporter, type ProgressReporter } from '../runtime/progress-reporter.js';
import type { ServerDeps } from '../server-deps.js';
import { callerStore } from './caller-store.js';
import { mapToolErrors, type ToolExtra } from './tool-errors.js';

/** Limits of the input; with them any valid `chat` call fits the HTTP body limit (1 MiB). */
export const MAX_PROMPT_CHARS = 100_000;
export const MAX_SYSTEM_CHARS = 20_000;
/** The largest reply any catalogued Claude model can produce; the env cap lowers it. */
export const MAX_OUTPUT_TOKENS = 128_000;

/** What `model` accepts, in words an agent can act on; with an allowlist, the allowed names. */
function modelDescription(allowedModels: readonly string[] | undefined): string {
  if (allowedModels === undefined) {
    return "Alias (haiku, sonnet, opus) or Bedrock model id; see list_models. Omit for the conversation's or server's default";
  }
  return `This server allows only: ${allowedModels.join(', ')} (or another alias or id of these). Omit for the conversation's or server's default`;
}

/** One path per file a request can hold: Bedrock's images and documents together. */
export const MAX_FILES = MAX_IMAGES + MAX_DOCUMENTS;
/** Long enough for any real path, short enough that 25 of them keep a `chat` call within the HTTP body limit. */
export const MAX_PATH_CHARS = 1024;

/** What `files` takes, and where from: the roots, or that it is off and which variable turns it on. */
function filesDescription(files: FileAccess): string {
  if (files.roots.length === 0)
    return `Absolute paths of files to attach; off here (${files.variable} unset)`;
  const roots = files.roots.map((root) => root.path).join(', ');
  return `Absolute paths of images (png, jpeg, gif, webp) and documents (pdf, csv, doc, docx, xls, xlsx, html, txt, md) to attach, under ${roots}; ≤ ${MAX_IMAGES} images and ${MAX_DOCUMENTS} documents per request, history included`;
}

export function chatInputSchema(
  limits: Pick<ServerLimits, 'allowedModels' | 'maxTokens'> & Partial<Pick<ServerLimits, 'allowedTiers'>>,
  files: FileAccess = NO_FILE_ACCESS,
) {
  const maxTokensCap = limits.maxTokens ?? MAX_OUTPUT_TOKENS;
  return z.strictObject({
    prompt: z.string().min(1).max(MAX_PROMPT_CHARS).describe('The message to send to Claude'),
    conversationId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        'Continue this conversation (id from a chat result or list_conversations); omit to start a new one',
      ),
    system: z
      .string()
      .min(1)
      .max(MAX_SYSTEM_CHARS)
      .optional()
      .describe(
        "System prompt: instructions that steer the answers; when continuing, omit to keep the conversation's own",
      ),
    model: z.string().min(1).max(256).optional().describe(modelDescription(limits.allowedModels)),
    temperature: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Randomness, 0 (focused) to 1 (varied); omit for the model default'),
    maxTokens: z
      .number()
      .int()
      .min(1)
      .max(maxTokensCap)
      .optional()
      .describe(
        `Longest reply in tokens (~4 characters each); a cut-off reply has stopReason max_tokens. Omit for ${limits.maxTokens === undefined ? "the model's default" : `this server's cap of ${limits.maxTokens}`}`,
      ),
    files: z
      .array(z.string().max(MAX_PATH_CHARS))
      .min(1)
      .max(MAX_FILES)
      .optional()
      .describe(filesDescription(files)),
    thinking: z.boolean().optional().describe('Think before answering (false: turn default thinking off)'),
    effort: z.enum(EFFORT_LEVELS).optional().describe('xhigh/max need thinking'),
    includeReasoning: z.boolean().optional().describe('Also return the reasoning (costs context)'),
    // Not `outputSchema`: MCP uses that name for the tool's own result.
    responseSchema: z
      .looseObject({})
      .optional()
      .describe('JSON Schema (type object) the reply must match; parsed into object'),
    serviceTier: z
      .enum(SERVICE_TIERS)
      .optional()
      .describe(`Allowed here: ${(limits.allowedTiers ?? DEFAULT_ALLOWED_TIERS).join(', ')}`),
    latency: z.enum(LATENCY_MODES).optional().describe('optimized where offered'),
  });
}
export type ChatToolInput = z.infer<ReturnType<typeof chatInputSchema>>;

// Output schemas stay loose (plain numbers, no bounds): every keyword costs the caller context.
export const ChatOutputSchema = z.object({
  text: z.string(),
  conversationId: z.string(),
  /** The model id sent to Bedrock. */
  model: z.string(),
  stopReason: z.string(),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    totalTokens: z.number(),
    cacheReadInputTokens: z.number(),
    cacheWriteInputTokens: z.number(),
  }),
  /** Estimated; null when the model's price is unknown. */
  costUsd: z.number().nullable(),
  /** Sources the reply cites (documents with citations enabled); usually empty. */
  citations: z.array(
    z.object({ text: z.string(), citedText: z.string(), documentTitle: z.string().optional() }),
  ),
  /** Only with includeReasoning, when the reply had some. */
  reasoning: z.string().optional(),
  /** Only with responseSchema: the reply parsed and checked (`text` is its JSON text). */
  object: z.looseObject({}).optional(),
  /** The tier Bedrock served (or the one asked for); absent when neither named one. */
  serviceTier: z.string().optional(),
});
export type ChatOutput = z.infer<typeof ChatOutputSchema>;

/** Streams only to report progress; the result is the same as `sendPrompt`'s. */
async function streamWithProgress(options: SendPromptOptions, progress: ProgressReporter) {
  let characters = 0;
  progress.report(0, 'Waiting for the model');
  for await (const event of streamPrompt(options)) {
    if (event.type === 'result') return event;
    if (event.type === 'text') {
      characters += event.text.length;
      progress.report(characters, `${characters} characters received`);
    }
  }
  throw new Error('The reply stream ended without a result.');
}

function toOutput(outcome: SendPromptResult, includeReasoning: boolean): ChatOutput {
  // What caching saved is the CLI's `-u` line; the tool's output stays as small as it can.
  const {
    cacheSavedUsd: _saved,
    reasoning,
    object,
    serviceTier,
    // In the summary line only: latency-optimized Claude is rare (Claude 3.5 Haiku).
    latency: _latency,
    ...summary
  } = turnSummary(outcome, { includeReasoning });
  if (summary.conversationId === null) throw new Error('The turn was not saved.');
  return {
    ...summary,
    conversationId: summary.conversationId,
    ...(reasoning ? { reasoning } : {}),
    // core checked the value against a schema whose top level is an object.
    ...(object === undefined ? {} : { object: object as Record<string, unknown> }),
    ...(serviceTier ? { serviceTier: serviceTier.tier } : {}),
  };
}

/** A line for callers that read only `content`: the id they need to continue, and what it cost. */
function summaryLine(output: ChatOutput, outcome: SendPromptResult): string {
  const cost = output.costUsd === null ? 'cost unknown' : `$${output.costUsd.toFixed(6)}`;
  const parts = [
    `conversationId: ${output.conversationId}`,
    `model: ${output.model}`,
    `stop: ${output.stopReason}`,
    `tokens: ${output.usage.inputTokens} in / ${output.usage.outputTokens} out`,
    cost,
  ];
  if (output.serviceTier) parts.push(`tier: ${output.serviceTier}`);
  if (outcome.result.latency) parts.push(`latency: ${outcome.result.latency.mode}`);
  const { cacheReadInputTokens: read, cacheWriteInputTokens: written } = output.usage;
  if (read + written > 0) parts.push(`cache: ${read} read / ${written} written`);
  if (outcome.trimmed)
    parts.push(`${outcome.trimmed.droppedMessages} oldest messages not sent (context window)`);
  // Settings the model refuses, which core left out: the caller asked for them.
  parts.push(...(outcome.result.warnings ?? []));
  return `[${parts.join(' · ')}]`;
}

/** The request's files as blocks, checked against the server's roots and the client's (when it shares any). */
function readFiles(
  server: McpServer,
  config: ServerConfig,
  paths: readonly string[],
  extra: ToolExtra,
  signal: AbortSignal,
) {
  const sharesRoots = server.server.getClientCapabilities()?.roots !== undefined;
  return readRequestFiles({
    paths,
    access: config.files ?? NO_FILE_ACCESS,
    clientRoots: sharesRoots ? () => listClientRoots(extra, signal) : undefined,
  });
}

export function registerChatTool(server: McpServer, deps: ServerDeps): void {
  const { config } = deps;
  server.registerTool(
    'chat',
    {
      title: 'Chat with Claude on Bedrock',
      description:
        'Send a prompt to Claude on AWS Bedrock. Omit conversationId to start a conversation; pass one to continue it with its stored history.',
      inputSchema: chatInputSchema(config.limits, config.files),
      outputSchema: ChatOutputSchema,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    mapToolErrors(
      'chat',
      async (args: ChatToolInput, extra: ToolExtra): Promise<CallToolResult> => {
        const deadline = startDeadline(extra.signal, config.limits.timeoutMs, deps.stopping);
        const progress = createProgressReporter({
          token: extra._meta?.progressToken,
          enabled: config.progress,
          send: (notification) => extra.sendNotification(notification),
          intervalMs: config.progressIntervalMs,
          signal: deadline.signal,
          now: deps.monotonicNow,
          onSendError: (error) => deps.log?.(`progress notification failed: ${String(error)}`),
        });
        try {
          const store = callerStore(deps.store, extra);
          const conversation: ConversationWithMessages | undefined =
            args.conversationId === undefined ? undefined : await store.get(args.conversationId);
          const bounded = await applyCostLimits(
            config.limits,
            { model: args.model, maxTokens: args.maxTokens, serviceTier: args.serviceTier },
            {
              conversation,
              defaultModel: deps.defaultModel ?? (async () => undefined),
              resolveModel: modelResolverOf(deps.runner),
              defaultServiceTier: deps.defaultServiceTier,
            },
          );
          // Every file is read and checked before anything is sent: a refused one fails the call.
          const attachments = await readFiles(server, config, args.files ?? [], extra, deadline.signal);
          const options: SendPromptOptions = {
            runner: deps.runner,
            store,
            prompt: attachments.length === 0 ? args.prompt : promptWithAttachments(args.prompt, attachments),
            conversationId: conversation?.id,
            // The turn limit was checked against this many messages: refuse if another writer moved on.
            expectedPosition: conversation?.messageCount,
            system: args.system,
            model: bounded.model,
            temperature: args.temperature,
            maxTokens: bounded.maxTokens,
            ...(args.thinking === undefined ? {} : { thinking: args.thinking }),
            ...(args.effort === undefined ? {} : { effort: args.effort }),
            ...(args.responseSchema === undefined ? {} : { schema: args.responseSchema }),
            ...(args.serviceTier === undefined ? {} : { serviceTier: args.serviceTier }),
            ...(args.latency === undefined ? {} : { latency: args.latency }),
            signal: deadline.signal,
            now: deps.now,
          };
          const outcome = progress.active
            ? await streamWithProgress(options, progress)
            : await sendPrompt(options);
          progress.stop();
          for (const warning of outcome.result.warnings ?? []) deps.log?.(`chat: ${warning}`);
          const output = toOutput(outcome, args.includeReasoning === true);
          return {
            content: [
              { type: 'text', text: output.text },
              { type: 'text', text: summaryLine(output, outcome) },
              // Last, so the answer and the summary keep their places.
              ...(output.reasoning
                ? [{ type: 'text' as const, text: `Reasoning: ${output.reasoning}` }]
                : []),
            ],
            structuredContent: output,
          };
        } catch (error) {
          throw deadline.explain(error);
        } finally {
          progress.stop();
          deadline.dispose();
        }
      },
      deps.log,
      { allowedModels: deps.config.limits.allowedModels },
    ),
  );
}
