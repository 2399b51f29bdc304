import type { z } from 'zod';
import type { ToolResultBlock } from '../messages/content-block-schemas.js';

/** A JSON Schema object (the top level must be `type: "object"`, as Bedrock's `ToolInputSchema` says). */
export type JsonSchemaObject = Readonly<Record<string, unknown>>;

/** What a tool's `execute` gets besides its input. */
export interface ToolCallContext {
  /** The model's id for this call (`toolUse.toolUseId`). */
  readonly toolUseId: string;
  /** 1 for the first model call of the loop. */
  readonly step: number;
  /** Fires when the caller cancels or the call's time runs out: stop work, the result is dropped. */
  readonly signal: AbortSignal;
}

/**
 * A tool the model may call. `inputSchema` is a zod schema or a JSON Schema object; the model's
 * input is checked against it before `execute` runs. Without `execute` the call is returned to
 * the caller (`stopReason: 'tool_use'`), as the Converse API does. `execute` returns a string
 * (a text result), content blocks (`[{ text }]`, `[{ json }]`, images, documents), or any other
 * JSON value (a `json` result); a thrown error becomes a result with `status: 'error'` that the
 * model sees.
 */
export interface ToolDefinition<Input = unknown> {
  /** `[a-zA-Z0-9_-]{1,64}`, unique among the call's tools (Bedrock's `ToolName`). */
  readonly name: string;
  readonly description?: string | undefined;
  readonly inputSchema: z.ZodType<Input> | JsonSchemaObject;
  /** Ask the model to follow the schema exactly; sent only to models that support it. */
  readonly strict?: boolean | undefined;
  // Method syntax on purpose: a tool of a narrower input still fits in `tools: ToolDefinition[]`.
  execute?(input: Input, context: ToolCallContext): unknown;
}

/**
 * Infers a tool's input type from its zod schema: `defineTool({ name, inputSchema: z.object({
 * city: z.string() }), execute: ({ city }) => … })`. Returns the definition unchanged.
 */
export function defineTool<Schema extends z.ZodType>(
  tool: Omit<ToolDefinition<z.output<Schema>>, 'inputSchema'> & { readonly inputSchema: Schema },
): ToolDefinition<z.output<Schema>> {
  // The zod schema's output is the input type: the two spellings of one type.
  return tool as ToolDefinition<z.output<Schema>>;
}

/** `auto`: the model decides; `any`: it must call some tool; `{ tool }`: it must call that one. */
export type ToolChoice = 'auto' | 'any' | { readonly tool: string };

/** A tool call as the approval hook sees it. */
export interface ToolCall {
  readonly toolUseId: string;
  readonly name: string;
  readonly input: unknown;
  readonly step: number;
}

/** What `approve` answers: true to run the call; false, or a reason, to refuse it (the model is told). */
export type ApprovalDecision = boolean | { readonly approved: false; readonly reason?: string | undefined };

/**
 * How a call ended. Every outcome but `ran` sends the model a result with `status: 'error'`.
 * `interrupted`: the caller cancelled while it ran (`durationMs` set) or before it started.
 */
export type ToolCallOutcome =
  | 'ran'
  | 'failed'
  | 'timed-out'
  | 'refused'
  | 'invalid-input'
  | 'unknown-tool'
  | 'interrupted';

/** One tool call of a step and its result, as `ChatResult.steps` reports it. */
export interface ToolCallRecord extends ToolCall {
  readonly outcome: ToolCallOutcome;
  /** The block sent back to the model. */
  readonly result: ToolResultBlock;
  /** Wall time of `execute` (ms); absent when it was never started. */
  readonly durationMs?: number | undefined;
  /** Set when the output was longer than `toolResultMaxChars`: its length before the cut. */
  readonly truncatedFromChars?: number | undefined;
}
