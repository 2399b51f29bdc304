import { pinnedModel } from '../models/pinned-model.js';
import type { NewMessage } from './conversation-schemas.js';
import type { StoreWrite } from './conversation-store.js';
import { titleFromPrompt } from './conversation-title.js';
import type { PreparedTurn, SendPromptOptions } from './prompt-turn.js';

/**
 * The reply as the store receives it, with the id of the model that wrote it: one message, or
 * every step of a tool loop (replies and tool results alternating, ending with a reply).
 */
export interface TurnReply {
  messages: NewMessage[];
  modelId: string;
}

/**
 * The one write that saves a turn: the prompt and the reply as a new conversation, or appended to
 * the loaded one at the position it was loaded at. The rehearsal before the model call and the save
 * after it both come from here, so they cannot drift apart.
 */
export function turnWrite(options: SendPromptOptions, turn: PreparedTurn, reply: TurnReply): StoreWrite {
  const messages: NewMessage[] = [
    { ...turn.prompt, createdAt: turn.promptAt.toISOString() },
    ...reply.messages,
  ];
  if (turn.loaded === undefined) {
    return {
      kind: 'create',
      input: {
        title: options.title ?? titleFromPrompt(options.prompt),
        // The model the turn resolved to: a later turn keeps it, wherever an alias has moved.
        model: pinnedModel(options.model, reply.modelId),
        system: options.system ?? null,
        messages,
      },
    };
  }
  return {
    kind: 'append',
    input: {
      conversationId: turn.loaded.id,
      expectedPosition: turn.expectedPosition,
      messages,
      // A model named for this turn changes the conversation's from then on, pinned as above.
      model: options.model === undefined ? undefined : pinnedModel(options.model, reply.modelId),
      system: options.system,
    },
  };
}

/**
 * Stands in for the reply in the rehearsal: the same columns filled as a real reply fills them.
 * Its text is short; a long reply may also need pages of the file that no rehearsal can know.
 */
export const REHEARSAL_REPLY: TurnReply = {
  modelId: 'rehearsal',
  messages: [
    {
      role: 'assistant',
      content: [{ text: 'Rehearsal of the write that will store the reply.' }],
      modelId: 'rehearsal',
      stopReason: 'end_turn',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      latencyMs: 1,
      costUsd: 0,
    },
  ],
};
