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
  const input = (prompt, maxTokens, thinking) => ({
    modelId,
    messages: [{ role: 'user', content: [{ text: prompt }] }],
    inferenceConfig: { maxTokens },
    ...(thinking ? { additionalModelRequestFields: { thinking } } : {}),
  });
  return {
    async complete(prompt, maxTokens) {
      const response = await client.send(new ConverseCommand(input(prompt, maxTokens)));
      return response.output?.message?.content?.[0]?.text ?? '';
    },
    async stream(prompt, maxTokens, onText, thinking) {
      const response = await client.send(
        new ConverseStreamCommand(input(prompt, maxTokens, thinking?.thinking)),
      );
      for await (const event of response.stream ?? []) {
        const delta = event.contentBlockDelta?.delta;
        if (delta?.text) onText(delta.text);
        else if (delta?.reasoningContent?.text) thinking?.onReasoning(delta.reasoningContent.text);
      }
    },
    close() {
      client.destroy();
    },
  };
}
