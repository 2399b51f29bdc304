// The floor: the AWS SDK's BedrockRuntimeClient and Converse(Stream)Command with nothing around them.
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { LOOKUP_TOOL, TOOL_LOOP_MODEL_CALLS } from '../lib/bench-config.mjs';

/** @type {import('@aws-sdk/client-bedrock-runtime').ToolConfiguration} */
const toolConfig = {
  tools: [
    {
      toolSpec: {
        name: LOOKUP_TOOL.name,
        description: LOOKUP_TOOL.description,
        inputSchema: { json: LOOKUP_TOOL.inputSchema },
      },
    },
  ],
};

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
    /** The floor of a loop: Converse with toolConfig, run the calls, append the results, repeat. */
    async toolLoop(prompt, maxTokens) {
      /** @type {import('@aws-sdk/client-bedrock-runtime').Message[]} */
      const messages = [{ role: 'user', content: [{ text: prompt }] }];
      for (let step = 1; ; step++) {
        const response = await client.send(
          new ConverseCommand({ modelId, messages, toolConfig, inferenceConfig: { maxTokens } }),
        );
        const message = response.output?.message;
        if (message) messages.push(message);
        const uses = (message?.content ?? []).flatMap((block) => (block.toolUse ? [block.toolUse] : []));
        if (response.stopReason !== 'tool_use' || step === TOOL_LOOP_MODEL_CALLS) {
          return (message?.content ?? []).map((block) => block.text ?? '').join('');
        }
        messages.push({
          role: 'user',
          content: uses.map((use) => ({
            toolResult: {
              toolUseId: use.toolUseId,
              content: [{ text: LOOKUP_TOOL.run(/** @type {any} */ (use.input)) }],
            },
          })),
        });
      }
    },
    close() {
      client.destroy();
    },
  };
}
