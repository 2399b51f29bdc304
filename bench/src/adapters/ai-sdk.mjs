// Vercel AI SDK: the amazon-bedrock provider with generateText / streamText.
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { LOOKUP_TOOL, TOOL_LOOP_MODEL_CALLS } from '../lib/bench-config.mjs';

const tools = {
  [LOOKUP_TOOL.name]: tool({
    description: LOOKUP_TOOL.description,
    inputSchema: jsonSchema(/** @type {any} */ (LOOKUP_TOOL.inputSchema)),
    execute: async (/** @type {any} */ input) => LOOKUP_TOOL.run(input),
  }),
};

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
    /** generateText with tools and `stopWhen: stepCountIs(n)` (AI SDK 5+, formerly maxSteps). */
    async toolLoop(prompt, maxTokens) {
      const result = await generateText({
        model,
        prompt,
        maxOutputTokens: maxTokens,
        tools,
        stopWhen: stepCountIs(TOOL_LOOP_MODEL_CALLS),
      });
      return result.text;
    },
    close() {},
  };
}
