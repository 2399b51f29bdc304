// The floor: the AWS SDK's BedrockRuntimeClient and Converse(Stream)Command with nothing around them.
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

export const label = 'raw AWS SDK';
export const call = 'BedrockRuntimeClient.send(ConverseCommand / ConverseStreamCommand)';

export function createAdapter({ modelId, region, clientConfig = {} }) {
  const client = new BedrockRuntimeClient({ region, ...clientConfig });
  /** @returns {import('@aws-sdk/client-bedrock-runtime').ConverseCommandInput} */
  const input = (prompt, maxTokens) => ({
    modelId,
    messages: [{ role: 'user', content: [{ text: prompt }] }],
    inferenceConfig: { maxTokens },
  });
  return {
    async complete(prompt, maxTokens) {
      const response = await client.send(new ConverseCommand(input(prompt, maxTokens)));
      return response.output?.message?.content?.[0]?.text ?? '';
    },
    async stream(prompt, maxTokens, onText) {
      const response = await client.send(new ConverseStreamCommand(input(prompt, maxTokens)));
      for await (const event of response.stream ?? []) {
        const text = event.contentBlockDelta?.delta?.text;
        if (text) onText(text);
      }
    },
    close() {
      client.destroy();
    },
  };
}
