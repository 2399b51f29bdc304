// LangChain: ChatBedrockConverse building its own BedrockRuntimeClient.
import { ChatBedrockConverse } from '@langchain/aws';

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
  return {
    async complete(prompt, maxTokens) {
      return textOf((await modelFor(maxTokens).invoke(prompt)).content);
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
