import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { apiKeyFingerprint, type RecordedRequest } from '@bedrock-chat/bedrock-emulator';
import { describe, it } from 'vitest';
import { runtimeRequests, setup } from './e2e-harness.js';

/**
 * Which credentials reached Bedrock (the emulator tells SigV4 from bearer, and which key) and what
 * stderr said, for every way a user names credentials, with and without a key in `./.env`.
 */
const ATTACKER_KEY = 'attacker-key';
const DEV_KEY_ID = 'AKIADEVPROFILE0001';
const ENV_KEY_ID = 'AKIAENVIRONMENT001';
const USER_KEY = 'user-api-key';

const NO_CREDENTIALS = { AWS_BEARER_TOKEN_BEDROCK: undefined };

type Auth = RecordedRequest['auth'];
const sigv4 = (accessKeyId: string) => ({ scheme: 'sigv4', accessKeyId });
const bearer = (key: string): Auth => ({ scheme: 'bearer', keyFingerprint: apiKeyFingerprint(key) });

interface Choice {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** The config file's content, when the choice is made there. */
  configFile?: object;
  auth: object;
  /** How the notice names what was used instead of the .env key. */
  used: string;
}

const CHOICES: Choice[] = [
  {
    name: '--profile',
    args: ['--profile', 'dev'],
    env: {},
    auth: sigv4(DEV_KEY_ID),
    used: 'the AWS profile dev from --profile',
  },
  {
    name: 'AWS_PROFILE',
    args: [],
    env: { AWS_PROFILE: 'dev' },
    auth: sigv4(DEV_KEY_ID),
    used: 'the AWS profile dev from AWS_PROFILE',
  },
  {
    name: 'access keys in the environment',
    args: [],
    env: { AWS_ACCESS_KEY_ID: ENV_KEY_ID, AWS_SECRET_ACCESS_KEY: 'env-secret' },
    auth: sigv4(ENV_KEY_ID),
    used: 'the access keys from AWS_ACCESS_KEY_ID',
  },
  {
    name: 'AWS_BEARER_TOKEN_BEDROCK',
    args: [],
    env: { AWS_BEARER_TOKEN_BEDROCK: USER_KEY },
    auth: bearer(USER_KEY),
    used: 'the Bedrock API key from AWS_BEARER_TOKEN_BEDROCK',
  },
  {
    name: "the config file's profile",
    args: [],
    env: {},
    configFile: { profile: 'dev' },
    auth: sigv4(DEV_KEY_ID),
    used: 'the AWS profile dev from the config file',
  },
];

/** What a cloned repository's ./.env may hold: a key, access keys, or a profile name (with its profile). */
const DOTENVS = [
  {
    name: 'a key',
    text: `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`,
    variables: 'AWS_BEARER_TOKEN_BEDROCK',
  },
  {
    name: 'access keys',
    text: 'AWS_ACCESS_KEY_ID=AKIADOTENVATTACKER\nAWS_SECRET_ACCESS_KEY=attacker-secret\n',
    variables: 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY',
  },
  { name: 'a profile name', text: 'AWS_PROFILE=attacker\n', variables: 'AWS_PROFILE' },
  { name: 'nothing', text: undefined, variables: undefined },
] as const;

const SHARED_CREDENTIALS =
  `[dev]\naws_access_key_id = ${DEV_KEY_ID}\naws_secret_access_key = dev-secret\n` +
  '[attacker]\naws_access_key_id = AKIAATTACKERPROFILE\naws_secret_access_key = attacker-secret\n';

async function project(
  onTestFinished: Parameters<typeof setup>[0],
  files: { dotenv?: string; credentials?: string },
) {
  const world = await setup(onTestFinished);
  writeFileSync(
    join(world.home, 'aws-credentials'),
    files.credentials ?? `[dev]\naws_access_key_id = ${DEV_KEY_ID}\naws_secret_access_key = dev-secret\n`,
  );
  if (files.dotenv !== undefined) writeFileSync(join(world.home, '.env'), files.dotenv);
  return world;
}

const authOf = (requests: readonly RecordedRequest[]) => requests.map((request) => request.auth);
const credentialLines = (stderr: string) =>
  stderr.split('\n').filter((line) => line.startsWith('credentials:'));

describe.concurrent('which credentials ask uses', () => {
  for (const choice of CHOICES) {
    for (const dotenv of DOTENVS) {
      it(`${choice.name}, with ${dotenv.name} in ./.env`, async ({ expect, onTestFinished }) => {
        const { emulator, home, run } = await project(onTestFinished, {
          dotenv: dotenv.text,
          credentials: SHARED_CREDENTIALS,
        });
        if (choice.configFile) writeFileSync(join(home, 'config.json'), JSON.stringify(choice.configFile));
        const result = await run([...choice.args, 'secret prompt'], {
          env: { ...NO_CREDENTIALS, ...choice.env },
        });
        expect(result).toMatchObject({ code: 0, stdout: 'Echo: secret prompt\n' });
        expect(authOf(runtimeRequests(emulator))).toEqual([expect.objectContaining(choice.auth)]);
        expect(credentialLines(result.stderr)).toEqual(
          dotenv.variables
            ? [`credentials: ignoring ${dotenv.variables} in ./.env: using ${choice.used}`]
            : [],
        );
      });
    }
  }

  it('uses .env access keys or a .env profile name only when nothing else names credentials, and says so', async ({
    expect,
    onTestFinished,
  }) => {
    for (const [dotenv, auth, line] of [
      [DOTENVS[1], sigv4('AKIADOTENVATTACKER'), 'credentials: access keys from ./.env'],
      [DOTENVS[2], sigv4('AKIAATTACKERPROFILE'), 'credentials: AWS profile attacker from ./.env'],
    ] as const) {
      const { emulator, run } = await project(onTestFinished, {
        dotenv: dotenv.text,
        credentials: SHARED_CREDENTIALS.replace(/\[dev\][^[]*/, ''),
      });
      const result = await run(['hi'], { env: NO_CREDENTIALS });
      expect(result.code).toBe(0);
      expect(authOf(runtimeRequests(emulator))).toEqual([expect.objectContaining(auth)]);
      expect(credentialLines(result.stderr)).toEqual([line]);
    }
  });

  it('a [default] profile in the shared AWS files also beats the .env key', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await project(onTestFinished, {
      dotenv: `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`,
      credentials: `[default]\naws_access_key_id = ${DEV_KEY_ID}\naws_secret_access_key = s\n`,
    });
    const result = await run(['hi'], { env: NO_CREDENTIALS });
    expect(result.code).toBe(0);
    expect(authOf(runtimeRequests(emulator))).toEqual([expect.objectContaining(sigv4(DEV_KEY_ID))]);
    expect(credentialLines(result.stderr)).toEqual([
      'credentials: ignoring AWS_BEARER_TOKEN_BEDROCK in ./.env: using the AWS profile default from the shared AWS files',
    ]);
  });

  it('a container role (ECS / EKS Pod Identity credentials endpoint) also beats the .env key', async ({
    expect,
    onTestFinished,
  }) => {
    // The container credentials endpoint, as ECS serves it; the SDK allows loopback for FULL_URI.
    const endpoint = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          AccessKeyId: 'AKIACONTAINERROLE01',
          SecretAccessKey: 'container-secret',
          Token: 'container-session-token',
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => endpoint.close(() => resolve())));
    const { port } = endpoint.address() as AddressInfo;
    const { emulator, run } = await project(onTestFinished, {
      dotenv: `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`,
      credentials: '',
    });
    const result = await run(['hi'], {
      env: { ...NO_CREDENTIALS, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/creds` },
    });
    expect(result.code).toBe(0);
    expect(authOf(runtimeRequests(emulator))).toEqual([
      expect.objectContaining(sigv4('AKIACONTAINERROLE01')),
    ]);
    expect(credentialLines(result.stderr)).toEqual([
      'credentials: ignoring AWS_BEARER_TOKEN_BEDROCK in ./.env: using the container role from AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ]);
  });

  it('uses the .env key only when nothing else names credentials, and says so once', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await project(onTestFinished, {
      dotenv: `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`,
      credentials: '',
    });
    const result = await run(['hi'], { env: NO_CREDENTIALS });
    expect(result.code).toBe(0);
    expect(authOf(runtimeRequests(emulator))).toEqual([bearer(ATTACKER_KEY)]);
    expect(credentialLines(result.stderr)).toEqual(['credentials: Bedrock API key from ./.env']);
    // models too, with its control-plane calls
    const models = await run(['models'], { env: NO_CREDENTIALS });
    expect(models.code).toBe(0);
    expect(credentialLines(models.stderr)).toEqual(['credentials: Bedrock API key from ./.env']);
    const listing = emulator.requests.filter((request) => request.operation === 'ListFoundationModels');
    expect(authOf(listing)).toEqual([bearer(ATTACKER_KEY)]);
  });

  it('says once that an endpoint in ./.env is ignored, and still calls the real one', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await project(onTestFinished, {
      dotenv: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:9/attacker\n',
    });
    const result = await run(['hi'], { env: { AWS_BEARER_TOKEN_BEDROCK: USER_KEY } });
    expect(result.code).toBe(0);
    expect(runtimeRequests(emulator)).toHaveLength(1);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('endpoint:'))).toEqual([
      'endpoint: ignoring AWS_ENDPOINT_URL_BEDROCK_RUNTIME in ./.env: an env file never sets endpoints (use the environment, a flag or the config file)',
    ]);
  });

  it('without any credentials, says so and sends nothing', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await project(onTestFinished, { credentials: '' });
    const result = await run(['hi'], { env: NO_CREDENTIALS });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error: No AWS credentials were found.');
    expect(runtimeRequests(emulator)).toEqual([]);
  });
});

describe.concurrent('chat, doctor and the real cause of credential failures', () => {
  it('chat ignores the .env key for AWS_PROFILE and says so once', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await project(onTestFinished, {
      dotenv: `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`,
    });
    const result = await run(['chat'], {
      env: { ...NO_CREDENTIALS, AWS_PROFILE: 'dev' },
      stdin: 'one\ntwo\n',
    });
    expect(result.code).toBe(0);
    expect(authOf(runtimeRequests(emulator))).toEqual([
      expect.objectContaining(sigv4(DEV_KEY_ID)),
      expect.objectContaining(sigv4(DEV_KEY_ID)),
    ]);
    expect(credentialLines(result.stderr)).toEqual([
      'credentials: ignoring AWS_BEARER_TOKEN_BEDROCK in ./.env: using the AWS profile dev from AWS_PROFILE',
    ]);
  });

  it('doctor says the same, and checks with the credentials it reports', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await project(onTestFinished, {
      dotenv: `AWS_BEARER_TOKEN_BEDROCK=${ATTACKER_KEY}\n`,
    });
    const result = await run(['doctor'], { env: { ...NO_CREDENTIALS, AWS_PROFILE: 'dev' } });
    expect(result.stdout).toMatch(/✓ credentials\s+AWS profile dev {2}\(env AWS_PROFILE\)/);
    expect(result.stdout).toMatch(/✓ model access/);
    expect(credentialLines(result.stderr)).toHaveLength(1);
    expect(authOf(runtimeRequests(emulator))).toEqual([expect.objectContaining(sigv4(DEV_KEY_ID))]);
  });

  it('--profile nosuch names the profile and the files, on ask and chat alike', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await project(onTestFinished, {});
    const message = `AWS profile nosuch (from --profile) is not in ${join(home, 'aws-config')} or ${join(home, 'aws-credentials')}.`;
    const ask = await run(['--profile', 'nosuch', 'hi'], { env: NO_CREDENTIALS });
    expect(ask.code).toBe(3);
    expect(ask.stderr).toContain(`error: ${message}`);
    expect(ask.stderr).toContain('aws configure --profile nosuch');
    const chat = await run(['chat', '--profile', 'nosuch'], { env: NO_CREDENTIALS, stdin: 'hi\n' });
    // The REPL stops before reading a line, with the credentials exit code, and says it once.
    expect(chat.code).toBe(3);
    expect(chat.stderr.split(`error: ${message}`)).toHaveLength(2);
    const doctor = await run(['doctor', '--profile', 'nosuch'], { env: NO_CREDENTIALS });
    expect(doctor.code).toBe(3);
    expect(doctor.stdout).toContain(`✗ credentials         ${message}  (flag)`);
    const models = await run(['models', '--profile', 'nosuch'], { env: NO_CREDENTIALS });
    expect(models.stderr).toContain(`warning: could not list models from Bedrock (${message})`);
    expect(runtimeRequests(emulator)).toEqual([]);
  });

  it('a signature for the wrong region keeps the whole message and names the region', async ({
    expect,
    onTestFinished,
  }) => {
    const { run } = await project(onTestFinished, {});
    const result = await run(['hi'], {
      env: {
        ...NO_CREDENTIALS,
        AWS_REGION: 'us-west-2',
        AWS_ACCESS_KEY_ID: ENV_KEY_ID,
        AWS_SECRET_ACCESS_KEY: 's',
      },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'error: Bedrock rejected the credentials: Credential should be scoped to a valid region.',
    );
    expect(result.stderr).toMatch(
      /hint: The request was signed for region us-west-2, which http:\/\/127\.0\.0\.1:\d+ does not serve/,
    );
  });

  it('a bad setting in the environment is invalid input (exit 2), named, before any call', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await project(onTestFinished, {});
    for (const [env, message] of [
      [{ AWS_REGION: 'mars' }, 'AWS_REGION must be an AWS region such as us-east-1 (got "mars").'],
      [
        { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'foo' },
        'AWS_ENDPOINT_URL_BEDROCK_RUNTIME must be an http(s) URL such as http://127.0.0.1:4000 (got "foo").',
      ],
      [{ AWS_RETRY_MODE: 'fast' }, 'AWS_RETRY_MODE must be standard or adaptive (got "fast").'],
      [{ AWS_MAX_ATTEMPTS: 'zero' }, 'AWS_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "zero").'],
      [
        { BEDROCK_CHAT_TIMEOUT_MS: 'abc' },
        'BEDROCK_CHAT_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000 (a day) (got "abc").',
      ],
      // Past Node's 2^31-1 ms timer limit every call timed out after 1 ms.
      [
        { BEDROCK_CHAT_TIMEOUT_MS: '2147483648' },
        'BEDROCK_CHAT_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000 (a day) (got "2147483648").',
      ],
    ] as const) {
      const result = await run(['hi'], { env });
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`error: ${message}`);
    }
    expect(runtimeRequests(emulator)).toEqual([]);
    // A region of a smaller partition passes the same rule (what happens next is the model's business).
    const regionOk = await run(['-r', 'eusc-de-east-1', 'hi']);
    expect(regionOk.stderr).not.toContain('must be an AWS region');
  });
});
