// LangChain: ChatBedrockConverse building its own BedrockRuntimeClient.
import { ChatBedrockConverse } from '@langchain/aws';
import { HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { LOOKUP_TOOL, TOOL_LOOP_MODEL_CALLS } from '../lib/bench-config.mjs';

// A JSON Schema (not zod) as the other libraries get it; the overloads are typed for zod.
const lookup = tool(
  async (/** @type {any} */ input) => LOOKUP_TOOL.run(input),
  /** @type {any} */ ({
    name: LOOKUP_TOOL.name,
    description: LOOKUP_TOOL.description,
    schema: LOOKUP_TOOL.inputSchema,
  }),
);

export const label = 'langchain';
export const call = '@langchain/aws ChatBedrockConverse.invoke / .stream';

function textOf(content) {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export function createAdapter({ modelId, region }) {
  // maxTokens is a constructor field; one model object per budget, built once.
  const models = new Map();
  const modelFor = (maxTokens) => {
    let model = models.get(maxTokens);
    if (!model) {
      // The endpoint comes from AWS_ENDPOINT_URL_BEDROCK_RUNTIME (`endpointHost` forces https) and
      // the API key from AWS_BEARER_TOKEN_BEDROCK. Later models share the first one's client.
      const client = models.values().next().value?.client;
      model = new ChatBedrockConverse({ model: modelId, region, maxTokens, ...(client ? { client } : {}) });
      models.set(maxTokens, model);
    }
    return model;
  };
  const bound = new Map();
  const boundFor = (maxTokens) => {
    if (!bound.has(maxTokens)) bound.set(maxTokens, modelFor(maxTokens).bindTools([lookup]));
    return bound.get(maxTokens);
  };
  return {
    async complete(prompt, maxTokens) {
      return textOf((await modelFor(maxTokens).invoke(prompt)).content);
    },
    /** The loop LangChain's tool-calling guide writes: bindTools, invoke, run each tool call, repeat. */
    async toolLoop(prompt, maxTokens) {
      const model = boundFor(maxTokens);
      /** @type {any[]} */
      const messages = [new HumanMessage(prompt)];
      for (let step = 1; ; step++) {
        const reply = await model.invoke(messages);
        messages.push(reply);
        if (!reply.tool_calls?.length || step === TOOL_LOOP_MODEL_CALLS) return textOf(reply.content);
        for (const call of reply.tool_calls) messages.push(await lookup.invoke(call));
      }
    },
    async stream(prompt, maxTokens, onText) {
      for await (const chunk of await modelFor(maxTokens).stream(prompt)) {
        const text = textOf(chunk.content);
        if (text) onText(text);
      }
    },
    close() {
      models.values().next().value?.client.destroy();
    },
  };
}
