import { BedrockClient } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from './emulator.js';

/**
 * Real AWS SDK clients wired to an emulator, for the integration tests. Not exported from the
 * package: consumers build their own clients with `endpoint: emulator.url`.
 */
export type Transport = 'http2' | 'http1';
export type ClientAuth = 'sigv4' | 'bearer';

export interface TestClientOptions {
  /** `http2` is the SDK's default NodeHttp2Handler (h2c); `http1` swaps in NodeHttpHandler. */
  readonly transport?: Transport;
  readonly auth?: ClientAuth;
  /** Attempts including the first; retries wait 1 ms so tests stay fast. Default 1 (no retries). */
  readonly maxAttempts?: number;
  readonly region?: string;
  readonly accessKeyId?: string;
  readonly apiKey?: string;
}

export const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

function clientConfig(emulator: Emulator, options: TestClientOptions) {
  const auth =
    options.auth === 'bearer'
      ? { token: { token: options.apiKey ?? 'test-api-key' }, authSchemePreference: ['httpBearerAuth'] }
      : { credentials: { accessKeyId: options.accessKeyId ?? 'AKIDEXAMPLE', secretAccessKey: 'x' } };
  return {
    region: options.region ?? emulator.region,
    endpoint: emulator.url,
    ...auth,
    ...(options.transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
    retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts ?? 1, 1),
  };
}

export function runtimeClient(emulator: Emulator, options: TestClientOptions = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient(clientConfig(emulator, options));
}

export function controlPlaneClient(emulator: Emulator, options: TestClientOptions = {}): BedrockClient {
  return new BedrockClient(clientConfig(emulator, options));
}

export function userText(text: string): Message {
  return { role: 'user', content: [{ text }] };
}

/** Converse / ConverseStream to the Haiku profile with one user message. */
export const converse = (text = 'hello') =>
  new ConverseCommand({ modelId: HAIKU_PROFILE, messages: [userText(text)] });
export const converseStream = (text = 'hello') =>
  new ConverseStreamCommand({ modelId: HAIKU_PROFILE, messages: [userText(text)] });

/**
 * One emulator per test file, reset after each test, with the SDK clients a test makes destroyed
 * at the end. Call at the top level of a test file.
 */
export function useEmulator(options: EmulatorOptions = {}): {
  emulator(): Emulator;
  client(options?: TestClientOptions): BedrockRuntimeClient;
} {
  let emulator: Emulator | undefined;
  const clients: BedrockRuntimeClient[] = [];
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(() => emulator?.reset());
  afterAll(async () => {
    for (const created of clients) created.destroy();
    await emulator?.close();
  });
  const current = (): Emulator => {
    if (!emulator) throw new Error('the emulator starts in beforeAll');
    return emulator;
  };
  return {
    emulator: current,
    client(clientOptions = {}) {
      const created = runtimeClient(current(), clientOptions);
      clients.push(created);
      return created;
    },
  };
}
