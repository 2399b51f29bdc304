import { redactSecrets } from '../errors/redact-secrets.js';
import type { ToolUseBlock } from '../messages/content-block-schemas.js';
import type {
  ApprovalDecision,
  ToolCall,
  ToolCallOutcome,
  ToolCallRecord,
  ToolDefinition,
} from './tool-definition.js';
import { compileToolSchema } from './tool-input-schema.js';
import { errorResult, toToolResultContent } from './tool-output.js';
import { capToolResult } from './tool-result-cap.js';

export const DEFAULT_TOOL_CONCURRENCY = 4;
export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;

const INTERRUPTED = 'Interrupted: the user cancelled the turn before the tool finished.';
const NOT_RUN = 'Not run: the user cancelled the turn before the tool started.';

export interface RunToolCallsOptions {
  readonly calls: readonly ToolUseBlock['toolUse'][];
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  readonly step: number;
  readonly approve?: ((call: ToolCall) => ApprovalDecision | Promise<ApprovalDecision>) | undefined;
  /** How many `execute` calls run at once; default 4. */
  readonly concurrency?: number | undefined;
  /** Per call; default 60 s. */
  readonly timeoutMs?: number | undefined;
  /** Text and JSON characters one result may send (`DEFAULT_TOOL_RESULT_MAX_CHARS`). */
  readonly resultMaxChars?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly now?: (() => number) | undefined;
}

type Planned =
  | { readonly call: ToolCall; readonly tool: ToolDefinition; readonly input: unknown }
  | { readonly call: ToolCall; readonly record: ToolCallRecord };

function refusedBy(call: ToolCall, outcome: ToolCallOutcome, text: string): Planned {
  return { call, record: { ...call, outcome, result: errorResult(call.toolUseId, text) } };
}

function refusalReason(decision: ApprovalDecision): string | undefined {
  if (decision === true) return undefined;
  const reason = decision === false ? undefined : decision.reason;
  return `The user did not allow this call of the tool${reason ? `: ${reason.replace(/[.\s]*$/, '')}.` : '.'} Do not retry it unchanged.`;
}

/** Checks each call in the model's order; approvals are asked one at a time, so prompts never overlap. */
async function plan(options: RunToolCallsOptions): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const { toolUseId, name, input } of options.calls) {
    const call: ToolCall = { toolUseId, name, input, step: options.step };
    const tool = options.tools.get(name);
    if (tool === undefined) {
      const known = [...options.tools.keys()].join(', ');
      planned.push(
        refusedBy(call, 'unknown-tool', `There is no tool named ${name}. The tools are: ${known}.`),
      );
      continue;
    }
    const checked = compileToolSchema(tool).check(input);
    if (!checked.ok) {
      planned.push(
        refusedBy(call, 'invalid-input', `The input does not match the tool's schema: ${checked.issues}`),
      );
      continue;
    }
    const refusal = options.approve ? refusalReason(await options.approve(call)) : undefined;
    planned.push(
      refusal === undefined ? { call, tool, input: checked.value } : refusedBy(call, 'refused', refusal),
    );
  }
  return planned;
}

function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`The tool did not finish within ${timeoutMs} ms.`), { name: 'ToolTimeout' });
}

/** Runs one approved call with its deadline; resolves when it settles or its signal fires. */
async function execute(
  planned: Extract<Planned, { tool: ToolDefinition }>,
  options: RunToolCallsOptions,
): Promise<ToolCallRecord> {
  const { call, tool } = planned;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  // The call stops on its deadline or the caller's signal. The tool's own AbortSignal is made
  // when it first reads `context.signal` (already aborted if the call stopped before): a Node
  // AbortController and its listener cost more than the rest of a call's bookkeeping, and most
  // tools never look at it.
  let stoppedBy: { reason: unknown } | undefined;
  let controller: AbortController | undefined;
  let rejectStopped: ((reason: unknown) => void) | undefined;
  const stop = (reason: unknown) => {
    if (stoppedBy !== undefined) return;
    stoppedBy = { reason };
    controller?.abort(reason);
    rejectStopped?.(controller?.signal.reason ?? reason);
  };
  const timer = setTimeout(() => stop(timeoutError(timeoutMs)), timeoutMs);
  const onAbort = () => stop(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const now = options.now ?? (() => performance.now());
  const started = now();
  const context = {
    toolUseId: call.toolUseId,
    step: call.step,
    get signal(): AbortSignal {
      if (controller === undefined) {
        controller = new AbortController();
        if (stoppedBy !== undefined) controller.abort(stoppedBy.reason);
      }
      return controller.signal;
    },
  };
  try {
    const stopped = new Promise<never>((_, reject) => {
      rejectStopped = reject;
    });
    // A tool that ignores its signal keeps running in the background; the loop no longer waits.
    const output = await Promise.race([
      Promise.resolve().then(() => tool.execute?.(planned.input, context)),
      stopped,
    ]);
    const durationMs = Math.round(now() - started);
    // Cut here, so the model, the events and the store all see the result as it was sent.
    const capped = capToolResult(toToolResultContent(output), options.resultMaxChars);
    return {
      ...call,
      outcome: 'ran',
      durationMs,
      result: { toolResult: { toolUseId: call.toolUseId, content: capped.content } },
      ...(capped.originalChars === undefined ? {} : { truncatedFromChars: capped.originalChars }),
    };
  } catch (error) {
    const durationMs = Math.round(now() - started);
    if (options.signal?.aborted) {
      return {
        ...call,
        outcome: 'interrupted',
        durationMs,
        result: errorResult(call.toolUseId, INTERRUPTED),
      };
    }
    const timedOut = stoppedBy !== undefined;
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...call,
      outcome: timedOut ? 'timed-out' : 'failed',
      durationMs,
      result: errorResult(call.toolUseId, redactSecrets(timedOut ? message : `The tool failed: ${message}`)),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Answers the model's calls of one step: unknown tools, input that fails the schema and calls
 * `approve` refuses get an error result without running; the rest run with at most
 * `concurrency` at once, each with its own deadline. Records come back in the model's order, one
 * per call. Cancelling `signal` stops waiting: running tools get it through their context, and
 * every call not finished is answered `interrupted` (so a stored step still answers each call).
 */
export async function runToolCalls(options: RunToolCallsOptions): Promise<ToolCallRecord[]> {
  const planned = await plan(options);
  const records: (ToolCallRecord | undefined)[] = planned.map((entry) =>
    'record' in entry ? entry.record : undefined,
  );
  const queue = planned.flatMap((entry, index) => ('tool' in entry ? [{ entry, index }] : []));
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_TOOL_CONCURRENCY, queue.length));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        if (options.signal?.aborted) return;
        records[next.index] = await execute(next.entry, options);
      }
    }),
  );
  return planned.map(
    (entry, index) =>
      records[index] ?? {
        ...entry.call,
        outcome: 'interrupted',
        result: errorResult(entry.call.toolUseId, NOT_RUN),
      },
  );
}
