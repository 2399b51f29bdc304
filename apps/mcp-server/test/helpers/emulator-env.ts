import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@bedrock-chat/bedrock-emulator';
import { type ChatClient, createChatClient } from '@bedrock-chat/core';

/** The environment a real user would pass, pointed at the emulator and a private data directory. */
export function emulatorEnv(emulator: Emulator, home: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
    // The emulator serves the control plane (list_models) on the same port.
    AWS_ENDPOINT_URL_BEDROCK: emulator.url,
    AWS_BEARER_TOKEN_BEDROCK: 'test',
    AWS_REGION: 'us-east-1',
    BEDROCK_CHAT_HOME: home,
    PATH: process.env.PATH ?? '',
    HOME: home,
  };
}

/** core's real client against the emulator, ignoring any .env, config file or AWS profile here. */
export function emulatorClient(emulator: Emulator): ChatClient {
  return createChatClient({
    env: {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
      AWS_BEARER_TOKEN_BEDROCK: 'test',
      AWS_REGION: 'us-east-1',
    },
    dotenvDir: false,
    configFile: false,
    readAwsProfile: async () => undefined,
  });
}

export function tempHome(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'bedrock-chat-mcp-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
