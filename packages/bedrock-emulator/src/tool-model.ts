import type { ContentBlock, ConverseRequest, Message } from './converse-request.js';
import { isRecord } from './rules/request-rule.js';
import { toolSpecNames } from './rules/tool-rules.js';
import { valueForSchema } from './schema-value.js';
import type { ScriptedReply, ScriptedToolUse } from './scripted-reply.js';
import { blockText } from './token-count.js';
import { type DirectiveStep, parseToolDirectives, type ToolDirective } from './tool-directives.js';

/** What `toolConfig.toolChoice` asks of the model. */
type ToolChoice =
  | { readonly kind: 'auto' }
  | { readonly kind: 'any' }
  | { readonly kind: 'tool'; name: string };

function toolChoiceOf(toolConfig: unknown): ToolChoice {
  const choice = isRecord(toolConfig) ? toolConfig.toolChoice : undefined;
  if (!isRecord(choice)) return { kind: 'auto' };
  if (isRecord(choice.tool) && typeof choice.tool.name === 'string') {
    return { kind: 'tool', name: choice.tool.name };
  }
  return choice.any === undefined ? { kind: 'auto' } : { kind: 'any' };
}

const hasText = (message: Message) => message.content.some((block) => typeof block.text === 'string');
const hasToolUse = (message: Message) => message.content.some((block) => block.toolUse !== undefined);

/**
 * The deterministic tool-using "model", consulted when no reply is scripted and the request
 * offers tools. The prompt is the last user message with text; the steps it asks for (see
 * {@link parseToolDirectives}) are played one per call, counting the assistant tool-use turns
 * since the prompt. A forced `toolChoice` always yields a call (`any`: the first offered tool,
 * `{tool}`: that tool), its input the prompt's for it or else a value of the tool's input schema
 * (`schema-value.ts`: how a structured-output fallback's forced call is answered). After the last step, a
 * last message of tool results (no text) gets a reply quoting them. Undefined: the echo answers.
 */
export function planToolReply(request: ConverseRequest): ScriptedReply | undefined {
  const offered = toolSpecNames(request).map((tool) => tool.name);
  if (offered.length === 0) return undefined;
  const promptIndex = request.messages.findLastIndex(
    (message) => message.role === 'user' && hasText(message),
  );
  const prompt = request.messages[promptIndex];
  const steps =
    prompt === undefined
      ? []
      : parseToolDirectives(
          prompt.content.flatMap((block) => (typeof block.text === 'string' ? [block.text] : [])).join('\n'),
          new Set(offered),
        );
  const stepsTaken = request.messages.slice(promptIndex + 1).filter(hasToolUse).length;
  const calls = forcedCalls(
    callsForStep(steps, stepsTaken),
    toolChoiceOf(request.toolConfig),
    offered,
    (name) => valueForSchema(toolInputSchema(request, name)),
  );
  if (calls.length > 0) {
    // Unique within a conversation (one assistant turn per message count), and Bedrock's
    // `ToolUseId` pattern `[a-zA-Z0-9_.:-]+` (botocore's bedrock-runtime service-2.json).
    const toolUse: ScriptedToolUse[] = calls.map((call, index) => ({
      toolUseId: `tooluse_emu${request.messages.length}_${index + 1}`,
      name: call.name,
      input: call.input,
    }));
    return { toolUse };
  }
  // A last message with text of its own is a new prompt: the echo answers it.
  const last = request.messages.at(-1);
  const text = last === undefined || hasText(last) ? undefined : quoteToolResults(request.messages);
  return text === undefined ? undefined : { text };
}

function callsForStep(steps: readonly DirectiveStep[], stepIndex: number): readonly ToolDirective[] {
  const step = steps[stepIndex];
  if (step !== undefined) return step.calls;
  const last = steps.at(-1);
  return last?.repeats === true ? last.calls : [];
}

function forcedCalls(
  calls: readonly ToolDirective[],
  choice: ToolChoice,
  offered: readonly string[],
  inputFor: (name: string) => unknown,
): readonly ToolDirective[] {
  if (choice.kind === 'tool') {
    const chosen = calls.filter((call) => call.name === choice.name);
    return chosen.length > 0 ? chosen : [{ name: choice.name, input: inputFor(choice.name) }];
  }
  if (choice.kind === 'any' && calls.length === 0) {
    const name = offered[0] ?? 'tool';
    return [{ name, input: inputFor(name) }];
  }
  return calls;
}

/** The JSON Schema a tool of the request takes (`toolSpec.inputSchema.json`). */
function toolInputSchema(request: ConverseRequest, name: string): unknown {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  if (!Array.isArray(tools)) return undefined;
  for (const tool of tools) {
    const spec = isRecord(tool) ? tool.toolSpec : undefined;
    if (isRecord(spec) && spec.name === name && isRecord(spec.inputSchema)) return spec.inputSchema.json;
  }
  return undefined;
}

/**
 * "Tool results:" and one line per `toolResult` of the last message, named after the call it
 * answers (`list_files: a.txt`, `weather failed: timeout` for `status: "error"`); undefined when
 * the last message holds none.
 */
export function quoteToolResults(messages: readonly Message[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role !== 'user') return undefined;
  const results = last.content.flatMap((block) => (block.toolResult ? [block.toolResult] : []));
  if (results.length === 0) return undefined;
  const names = new Map<string, string>();
  for (const block of messages.at(-2)?.content ?? []) {
    const { toolUseId, name } = block.toolUse ?? {};
    if (toolUseId !== undefined && name !== undefined) names.set(toolUseId, name);
  }
  const lines = results.map((result) => {
    const name = names.get(result.toolUseId ?? '') ?? result.toolUseId ?? 'tool';
    const failed = result.status === 'error' ? ' failed' : '';
    return `${name}${failed}: ${(result.content ?? []).map(resultText).join(' ')}`;
  });
  return ['Tool results:', ...lines].join('\n');
}

function resultText(block: ContentBlock): string {
  if (typeof block.text === 'string' || block.json !== undefined) return blockText(block);
  return `[${Object.keys(block)[0] ?? 'content'}]`;
}
