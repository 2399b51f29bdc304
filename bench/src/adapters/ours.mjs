// bedrock-chat: `createChatClient` configured from the environment, as its README shows.
import { createChatClient } from '@bedrock-chat/core';
import { LOOKUP_TOOL, TOOL_LOOP_MODEL_CALLS } from '../lib/bench-config.mjs';

const lookup = {
  name: LOOKUP_TOOL.name,
  description: LOOKUP_TOOL.description,
  inputSchema: LOOKUP_TOOL.inputSchema,
  execute: LOOKUP_TOOL.run,
};

export const label = 'bedrock-chat';
export const call = 'createChatClient().complete / .stream';

export function createAdapter({ modelId }) {
  const client = createChatClient({ model: modelId });
  return {
    async complete(prompt, maxTokens) {
      return (await client.complete(prompt, { maxTokens })).text;
    },
    /** `thinking` asks for thinking (`thinking: true` sends Converse's budget form on Haiku 4.5). */
    async stream(prompt, maxTokens, onText, thinking) {
      const options = thinking ? { maxTokens, thinking: true } : { maxTokens };
      for await (const event of client.stream(prompt, options)) {
        if (event.type === 'text') onText(event.text);
        else if (event.type === 'reasoning') thinking?.onReasoning(event.text);
      }
    },
    /** The agent loop as its README shows it: tools with `execute`, and a step limit. */
    async toolLoop(prompt, maxTokens) {
      const result = await client.complete(prompt, {
        maxTokens,
        tools: [lookup],
        maxSteps: TOOL_LOOP_MODEL_CALLS,
      });
      return result.text;
    },
    close() {
      client.close();
    },
  };
}
