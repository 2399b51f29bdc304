// bedrock-chat: `createChatClient` configured from the environment, as its README shows.
import { createChatClient } from '@bedrock-chat/core';

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
    close() {
      client.close();
    },
  };
}
