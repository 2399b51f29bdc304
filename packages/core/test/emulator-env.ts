import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { type ChatClientOptions, createChatClient } from '../src/client/chat-client.js';

/** Options for a client that talks to the emulator with a Bedrock API key, ignoring the machine's config. */
export function emulatorClientOptions(
  emulator: Emulator,
  overrides: ChatClientOptions = {},
): ChatClientOptions {
  return {
    env: {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
      AWS_BEARER_TOKEN_BEDROCK: 'test-api-key',
      AWS_REGION: 'us-east-1',
    },
    dotenvDir: false,
    configFile: false,
    readAwsProfile: async () => undefined,
    ...overrides,
  };
}

export async function withEmulator(options: Parameters<typeof startEmulator>[0] = {}) {
  const emulator = await startEmulator(options);
  const clients: { close(): void }[] = [];
  return {
    emulator,
    client(overrides: ChatClientOptions = {}) {
      const client = createChatClient(emulatorClientOptions(emulator, overrides));
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await emulator.close();
    },
  };
}
