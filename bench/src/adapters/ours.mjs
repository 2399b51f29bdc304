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
    async stream(prompt, maxTokens, onText) {
      for await (const event of client.stream(prompt, { maxTokens })) {
        if (event.type === 'text') onText(event.text);
      }
    },
    close() {
      client.close();
    },
  };
}
