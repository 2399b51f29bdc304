import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyFingerprint, type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN_PATH, run } from './helpers/bin.js';

/**
 * MCP clients start servers inside whatever project is open: a `.env` there must never choose the
 * credentials. Only an env file named with --env-file (or BEDROCK_CHAT_ENV_FILE) is read.
 */
let emulator: Emulator;
let project: string;
const open: Client[] = [];
const ATTACKER_KEY = 'attacker-key';

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  project = mkdtempSync(join(tmpdir(), 'bedrock-chat-mcp-project-'));
  writeFileSync(join(project, '.env'), `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`);
});
afterEach(async () => {
  for (const client of open.splice(0)) await client.close();
  emulator.reset();
});
afterAll(async () => {
  await emulator.close();
});

/** No credentials of the developer's own, a private home, the emulator as Bedrock. */
function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: project,
    BEDROCK_CHAT_HOME: project,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(project, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(project, 'no-aws-credentials'),
    ...extra,
  };
}

async function chatOnce(env: Record<string, string>, args: string[] = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN_PATH, ...args],
    env,
    cwd: project,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'env-file-e2e', version: '1.0.0' });
  await client.connect(transport);
  open.push(client);
  const result = (await client.callTool({
    name: 'chat',
    arguments: { prompt: 'secret prompt' },
  })) as CallToolResult;
  return { result, stderr: () => stderr };
}

const auths = () => emulator.requests.map((request) => request.auth);

describe('bedrock-chat-mcp and env files', () => {
  it("never reads .env from its working directory, even when the user's environment has no credentials", async () => {
    const { result } = await chatOnce(baseEnv());
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('No AWS credentials were found');
    expect(auths()).toEqual([]);
  });

  it("signs with the user's access keys, not the .env key, and says nothing of .env", async () => {
    const { result, stderr } = await chatOnce(
      baseEnv({ AWS_ACCESS_KEY_ID: 'AKIAUSEREXAMPLE', AWS_SECRET_ACCESS_KEY: 'user-secret' }),
    );
    expect(result.isError).toBeFalsy();
    expect(auths()).toEqual([expect.objectContaining({ scheme: 'sigv4', accessKeyId: 'AKIAUSEREXAMPLE' })]);
    expect(stderr()).not.toContain('.env');
  });

  it('names a profile that is in neither shared AWS file, as the CLI does', async () => {
    const { result } = await chatOnce(baseEnv({ AWS_PROFILE: 'nosuch' }));
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain(
      `AWS profile nosuch (from AWS_PROFILE) is not in ${join(project, 'no-aws-config')} or ${join(project, 'no-aws-credentials')}.`,
    );
    expect(auths()).toEqual([]);
  });

  it('reads the file named by --env-file or BEDROCK_CHAT_ENV_FILE, and says so on stderr', async () => {
    const file = join(project, 'bedrock.env');
    writeFileSync(file, 'AWS_BEARER_TOKEN_BEDROCK=chosen-key\n');
    for (const [env, args] of [
      [baseEnv(), ['--env-file', file]],
      [baseEnv({ BEDROCK_CHAT_ENV_FILE: file }), []],
    ] as const) {
      const { result, stderr } = await chatOnce(env, [...args]);
      expect(result.isError).toBeFalsy();
      expect(auths().at(-1)).toEqual({ scheme: 'bearer', keyFingerprint: apiKeyFingerprint('chosen-key') });
      expect(stderr()).toContain(`credentials: Bedrock API key from ${file}`);
    }
  });

  it('stops with exit 2 before serving when the env file is missing or a setting is bad', async () => {
    const nope = join(project, 'nope.env');
    const missing = await run(process.execPath, [BIN_PATH], {
      env: baseEnv({ BEDROCK_CHAT_ENV_FILE: nope }),
      cwd: project,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`The env file ${nope} cannot be read`);
    expect(missing.stdout).toBe('');
    // Node itself checks a missing --env-file even after the script's name
    // (github.com/nodejs/node/issues/54232) and exits 9 before the server runs.
    const flag = await run(process.execPath, [BIN_PATH, '--env-file', nope], {
      env: baseEnv(),
      cwd: project,
    });
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toContain(`${nope}: not found`);
    const mars = await run(process.execPath, [BIN_PATH], {
      env: baseEnv({ AWS_REGION: 'mars' }),
      cwd: project,
    });
    expect(mars.code).toBe(2);
    expect(mars.stderr).toContain('AWS_REGION must be an AWS region such as us-east-1 (got "mars").');
  });
});
