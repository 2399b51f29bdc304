import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatClient } from '../src/client/chat-client.js';
import { chat } from '../src/client/default-client.js';

// The course notes, line by line, through the top-level API and process.env only.
let emulator: Emulator;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = emulator.url;
  process.env.AWS_BEARER_TOKEN_BEDROCK = 'course-api-key';
  process.env.AWS_REGION = 'us-east-2';
  process.env.BEDROCK_CHAT_CONFIG = join(mkdtempSync(join(tmpdir(), 'bc-course-')), 'none.json');
  // The course sets a temperature; the default model (the newest Sonnet) takes none, so the
  // course names a model that does, as its notes would now have to.
  process.env.BEDROCK_CHAT_MODEL = 'haiku-4.5';
});
afterAll(async () => {
  process.env = saved;
  await emulator.close();
});

describe('the course notes', () => {
  it('chat(messages, system, temperature) with the inference profile id, multi-turn by chaining messages', async () => {
    const model_id = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';
    const messages = [{ role: 'user' as const, content: [{ text: 'What is 1+1?' }] }];
    const first = await chat(messages, { system: 'Answer briefly.', temperature: 1.0, model: model_id });
    expect(first).toBe('Echo: What is 1+1?');

    messages.push({ role: 'assistant' as never, content: [{ text: first }] });
    messages.push({ role: 'user', content: [{ text: 'And 2+2?' }] });
    const second = await chat(messages, 'Answer briefly.', 0.5);
    expect(second).toBe('Echo: And 2+2?');

    const last = emulator.requests.at(-1);
    expect(last?.auth.scheme).toBe('bearer');
    expect(last?.body).toMatchObject({
      messages,
      system: [{ text: 'Answer briefly.' }],
      inferenceConfig: { temperature: 0.5 },
    });
    expect(emulator.requests[0]?.modelId).toBe(model_id);
  });

  it('reads the API key and region from .env in the working directory, without overriding the environment', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bc-dotenv-'));
    writeFileSync(join(cwd, '.env'), 'AWS_BEARER_TOKEN_BEDROCK=from-dotenv\nAWS_REGION=eu-west-1\n');
    // The region's endpoint serves only its own geography's profiles, as Bedrock's does.
    const euEmulator = await startEmulator({ region: 'eu-west-1' });
    const client = createChatClient({
      dotenvDir: cwd,
      configFile: false,
      env: { PATH: process.env.PATH, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: euEmulator.url },
      readAwsProfile: async () => undefined,
    });
    try {
      expect(await client.chat('hello', { model: 'haiku' })).toBe('Echo: hello');
      expect(euEmulator.requests.at(-1)?.modelId).toBe('eu.anthropic.claude-haiku-5-5');
      const config = await client.config();
      expect(config.credentials).toMatchObject({ kind: 'api-key', source: 'dotenv' });
    } finally {
      client.close();
      await euEmulator.close();
    }
  });
});

describe('credentials edge cases', () => {
  it('an empty AWS_BEARER_TOKEN_BEDROCK does not stop SigV4 keys from working', async () => {
    const previous = process.env.AWS_BEARER_TOKEN_BEDROCK;
    process.env.AWS_BEARER_TOKEN_BEDROCK = '';
    try {
      const client = createChatClient({
        dotenvDir: false,
        configFile: false,
        readAwsProfile: async () => undefined,
        env: {
          ...process.env,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'x',
        },
      });
      expect(await client.chat('signed')).toBe('Echo: signed');
      expect(emulator.requests.at(-1)?.auth.scheme).toBe('sigv4');
      client.close();
    } finally {
      process.env.AWS_BEARER_TOKEN_BEDROCK = previous;
    }
  });
});
