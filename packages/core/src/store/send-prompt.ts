import type { ChatStep } from '../agent/chat-step.js';
import type { ChatResult, ChatStreamEvent } from '../client/chat-types.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { Conversation } from './conversation-schemas.js';
import {
  type PreparedTurn,
  prepareTurn,
  type SendPromptOptions,
  type SendPromptResult,
} from './prompt-turn.js';
import { interruptedMessages, replyMessages, toolsRan } from './turn-messages.js';
import { type TurnReply, turnWrite } from './turn-write.js';

export const NOTHING_SAVED = 'Nothing was saved; the conversation is as it was.';

/**
 * Re-throws a failure of the model call (or of saving) so the caller can tell the user that the
 * stored conversation did not change: same code, `details.conversationUnchanged = true`, and the
 * hint says so. Errors that are not ours become ABORTED (when the signal fired) or INTERNAL.
 */
export function markUnchanged(error: unknown, signal: AbortSignal | undefined): BedrockChatError {
  const original = BedrockChatError.isInstance(error)
    ? error
    : new BedrockChatError({
        code: signal?.aborted ? 'ABORTED' : 'INTERNAL',
        message: signal?.aborted ? 'The request was cancelled.' : String(error),
        cause: error,
      });
  if (original.details.conversationUnchanged === true) return original;
  return new BedrockChatError({
    code: original.code,
    message: original.message,
    hint: original.hint === undefined ? NOTHING_SAVED : `${original.hint} ${NOTHING_SAVED}`,
    cause: original,
    details: { ...original.details, conversationUnchanged: true },
  });
}

function abortedBeforeSaving(): BedrockChatError {
  return new BedrockChatError({
    code: 'ABORTED',
    message: 'The request was cancelled before the reply was saved.',
  });
}

/** Stores the prompt and what followed it in one transaction: a new conversation, or an append. */
async function saveTurn(
  options: SendPromptOptions,
  turn: PreparedTurn,
  reply: TurnReply,
): Promise<Conversation | null> {
  const { store } = options;
  if (!turn.willSave || store === undefined) return turn.loaded ?? null;
  const write = turnWrite(options, turn, reply);
  if (write.kind === 'append') return store.appendMessages(write.input);
  const { messages: _messages, ...created } = await store.create(write.input);
  return created;
}

/** The model's reply (or every step of a tool loop); nothing once the caller cancelled. */
async function saveReply(options: SendPromptOptions, turn: PreparedTurn, result: ChatResult) {
  if (turn.willSave && options.signal?.aborted) throw abortedBeforeSaving();
  try {
    return await saveTurn(options, turn, { modelId: result.modelId, messages: replyMessages(result) });
  } catch (error) {
    throw withReplyText(error, result.text);
  }
}

/**
 * A save that failed after the model replied (the store went away, another writer won): the
 * error keeps the billed reply's text as `details.replyText`, so a caller that prints only the
 * error (`--json`) does not lose it.
 */
function withReplyText(error: unknown, replyText: string): BedrockChatError {
  const original = markUnchanged(error, undefined);
  return new BedrockChatError({
    code: original.code,
    message: original.message,
    hint: original.hint,
    cause: original.cause ?? original,
    details: { ...original.details, replyText },
  });
}

/** Collects the loop's completed steps, still telling the caller's own `onStep`. */
function stepRecorder(options: SendPromptOptions) {
  const steps: ChatStep[] = [];
  const onStep = (step: ChatStep) => {
    steps.push(step);
    options.onStep?.(step);
  };
  return { steps, onStep };
}

/**
 * A turn that failed after some tool ran (its effects happened): the completed steps are stored
 * with a placeholder reply whose stop reason is `interrupted`, and the error says so. Before
 * any tool ran, nothing is stored (`markUnchanged`).
 */
async function failTurn(
  options: SendPromptOptions,
  turn: PreparedTurn,
  steps: readonly ChatStep[],
  error: unknown,
): Promise<BedrockChatError> {
  if (!turn.willSave) return BedrockChatError.isInstance(error) ? error : markUnchanged(error, undefined);
  if (!toolsRan(steps)) return markUnchanged(error, options.signal);
  const original = markUnchanged(error, options.signal).cause as BedrockChatError;
  let conversation: Conversation | null;
  try {
    const modelId = steps[0]?.result.modelId ?? 'unknown';
    conversation = await saveTurn(options, turn, { modelId, messages: interruptedMessages(steps, original) });
  } catch (saveError) {
    return markUnchanged(saveError, undefined);
  }
  return new BedrockChatError({
    code: original.code,
    message: original.message,
    hint: `${original.hint === undefined ? '' : `${original.hint} `}${STEPS_SAVED}`,
    cause: original,
    details: {
      ...original.details,
      conversationUnchanged: false,
      conversationId: conversation?.id,
      savedSteps: steps.length,
    },
  });
}

export const STEPS_SAVED =
  'The tool steps that ran were saved, marked interrupted; the conversation can be continued.';

/**
 * One turn: load the conversation (if any), trim the history to the context window, rehearse the
 * write (so a store that cannot take it fails before anything is billed), call the model, then
 * store the prompt and reply together. If the model call fails or is aborted, or another process
 * appended meanwhile (CONVERSATION_CONFLICT), nothing is stored and the error carries
 * `details.conversationUnchanged = true`.
 */
export async function sendPrompt(options: SendPromptOptions): Promise<SendPromptResult> {
  const turn = await prepareTurn(options);
  const recorder = stepRecorder(options);
  try {
    const result = await options.runner.complete(turn.messages, {
      ...turn.chatOptions,
      onStep: recorder.onStep,
    });
    const conversation = await saveReply(options, turn, result);
    return { conversation, result, trimmed: turn.trimmed, saved: turn.willSave };
  } catch (error) {
    throw await failTurn(options, turn, recorder.steps, error);
  }
}

/** The deltas of `ChatStreamEvent`, then one `result` that also carries what was stored. */
export type PromptStreamEvent =
  | Exclude<ChatStreamEvent, { type: 'result' }>
  | ({ type: 'result' } & SendPromptResult);

/**
 * `sendPrompt`, streaming: yields text, reasoning and tool-use deltas as they come, stores the
 * turn once the reply is complete, and ends with a `result` event. Stopping the iteration early
 * stores nothing.
 */
export async function* streamPrompt(
  options: SendPromptOptions,
): AsyncGenerator<PromptStreamEvent, void, undefined> {
  const turn = await prepareTurn(options);
  const recorder = stepRecorder(options);
  try {
    let result: ChatResult | undefined;
    const chatOptions = { ...turn.chatOptions, onStep: recorder.onStep };
    for await (const event of options.runner.stream(turn.messages, chatOptions)) {
      if (event.type === 'result') result = event.result;
      else yield event;
    }
    if (result === undefined) {
      throw new BedrockChatError({ code: 'INTERNAL', message: 'The reply stream ended without a result.' });
    }
    const conversation = await saveReply(options, turn, result);
    yield { type: 'result', conversation, result, trimmed: turn.trimmed, saved: turn.willSave };
  } catch (error) {
    throw await failTurn(options, turn, recorder.steps, error);
  }
}
