// Vercel AI SDK: the amazon-bedrock provider with generateText / streamText.
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, streamText } from 'ai';

export const label = 'ai-sdk';
export const call = '@ai-sdk/amazon-bedrock generateText / streamText';

export function createAdapter({ modelId }) {
  // Region, endpoint and API key come from AWS_REGION, AWS_ENDPOINT_URL_BEDROCK_RUNTIME and
  // AWS_BEARER_TOKEN_BEDROCK, as for its users.
  const model = createAmazonBedrock()(modelId);
  return {
    async complete(prompt, maxTokens) {
      return (await generateText({ model, prompt, maxOutputTokens: maxTokens })).text;
    },
    async stream(prompt, maxTokens, onText) {
      let failure;
      const result = streamText({
        model,
        prompt,
        maxOutputTokens: maxTokens,
        onError: ({ error }) => {
          failure = error;
        },
      });
      for await (const text of result.textStream) onText(text);
      if (failure) throw failure;
    },
    close() {},
  };
}
