import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockChatError, builtInModelListing } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { fakeWorld } from '../../test/fakes.js';
import { type DoctorReport, runDoctor } from './doctor.js';

const env = {
  AWS_BEARER_TOKEN_BEDROCK: 'ABSKsupersecretkeyvalue1234',
  AWS_REGION: 'eu-west-1',
  BEDROCK_CHAT_HOME: '/nonexistent',
};

describe('runDoctor', () => {
  it('reports each check with its source, never the secret', async () => {
    const world = fakeWorld({ env });
    expect(await runDoctor(world.context, { json: true })).toBe(0);
    const report: DoctorReport = JSON.parse(world.io.stdout.text());
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(report.ok).toBe(true);
    expect(byName.credentials).toMatchObject({
      status: 'ok',
      summary: 'Bedrock API key',
      source: 'env AWS_BEARER_TOKEN_BEDROCK',
    });
    expect(byName.region).toMatchObject({ summary: 'eu-west-1', source: 'env AWS_REGION' });
    expect(byName.endpoint).toMatchObject({
      summary: 'https://bedrock-runtime.eu-west-1.amazonaws.com',
      source: 'default',
    });
    expect(byName.model?.summary).toContain('sonnet → eu.anthropic.claude-sonnet-5-5');
    expect(byName['model access']?.status).toBe('ok');
    expect(byName['conversation store']?.status).toBe('ok');
    expect(byName.node?.summary).toContain('Node ');
    expect(world.io.stdout.text()).not.toContain('supersecret');
    expect(world.client.calls[0]?.options.maxTokens).toBe(1);
  });

  it("refreshes Bedrock's model list and judges the model by it", async () => {
    const listing = builtInModelListing('eu-west-1').filter((model) => !model.modelId.includes('sonnet-5-5'));
    const unknown = {
      ...listing[0],
      modelId: 'eu.anthropic.claude-sonnet-6',
      baseModelId: 'anthropic.claude-sonnet-6',
      provider: 'Anthropic',
      inBuiltInTable: false,
    } as (typeof listing)[number];
    const world = fakeWorld({
      env,
      listing: {
        region: 'eu-west-1',
        source: 'bedrock',
        models: [...listing, unknown],
        fallbackReason: undefined,
      },
    });
    expect(await runDoctor(world.context, { json: true })).toBe(0);
    const report: DoctorReport = JSON.parse(world.io.stdout.text());
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(byName['model list']).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(
        /^Bedrock lists \d+ Claude model ids in eu-west-1; not in the built-in table \(cost unknown\): anthropic.claude-sonnet-6$/,
      ),
    });
    // Sonnet 5.5 is not listed in this region: `sonnet` is the newest Sonnet Bedrock lists there.
    expect(byName.model?.summary).toContain('sonnet → eu.anthropic.claude-sonnet-5 (Claude Sonnet 5;');
  });

  it('fails with the exit code of the first failure, and a fix', async () => {
    const denied = new BedrockChatError({
      code: 'MODEL_ACCESS_DENIED',
      message: 'Model access not granted.',
      hint: 'Request access in the console.',
    });
    const world = fakeWorld({ env, replies: [{ error: denied }] });
    expect(await runDoctor(world.context, { json: false })).toBe(4);
    const text = world.io.stdout.text();
    expect(text).toMatch(/✗ model access\s+Model access not granted\./);
    expect(text).toContain('fix: Request access in the console.');
    expect(text).toMatch(/✓ credentials\s+Bedrock API key {2}\(env AWS_BEARER_TOKEN_BEDROCK\)/);
  });

  it('names the role a web identity token or a container endpoint provides, as credentials found', async () => {
    for (const [variable, summary] of [
      ['AWS_WEB_IDENTITY_TOKEN_FILE', 'web identity role (AWS SDK chain)'],
      ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'container role (AWS SDK chain)'],
    ] as const) {
      const world = fakeWorld({
        env: {
          BEDROCK_CHAT_HOME: '/nonexistent',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          [variable]: '/var/run/secrets/token',
        },
      });
      await runDoctor(world.context, { json: true });
      const report: DoctorReport = JSON.parse(world.io.stdout.text());
      expect(report.checks.find((check) => check.name === 'credentials')).toEqual({
        name: 'credentials',
        status: 'ok',
        summary,
        source: `env ${variable}`,
      });
    }
  });

  it('warns when no credentials are configured', async () => {
    const world = fakeWorld({
      env: {
        BEDROCK_CHAT_HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
    });
    await runDoctor(world.context, { json: true });
    const report: DoctorReport = JSON.parse(world.io.stdout.text());
    expect(report.checks.find((check) => check.name === 'credentials')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('AWS_BEARER_TOKEN_BEDROCK'),
    });
  });
});

describe('doctor settings', () => {
  const quiet = {
    BEDROCK_CHAT_HOME: '/nonexistent',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  };

  it('shows every resolved setting with its source, control plane, timeout and retries included', async () => {
    const world = fakeWorld({
      env: {
        ...env,
        AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:4001',
        BEDROCK_CHAT_TIMEOUT_MS: '1500',
        AWS_MAX_ATTEMPTS: '2',
      },
    });
    await runDoctor(world.context, { json: false });
    const text = world.io.stdout.text();
    expect(text).toMatch(/✓ control plane\s+http:\/\/127\.0\.0\.1:4001 {2}\(env AWS_ENDPOINT_URL_BEDROCK\)/);
    expect(text).toMatch(/✓ timeout\s+1500 ms {2}\(env BEDROCK_CHAT_TIMEOUT_MS\)/);
    expect(text).toMatch(/✓ max attempts\s+2 {2}\(env AWS_MAX_ATTEMPTS\)/);
    expect(text).toMatch(/✓ retry mode\s+standard {2}\(default\)/);
  });

  it('shows the chat defaults of the config file, only when it sets some', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bc-doctor-'));
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ temperature: 0.2, maxTokens: 512, tier: 'flex', latency: 'standard', maxSteps: 4 }),
    );
    const world = fakeWorld({ env: { ...env, BEDROCK_CHAT_HOME: home } });
    await runDoctor(world.context, { json: false });
    expect(world.io.stdout.text()).toMatch(
      new RegExp(
        `✓ chat defaults\\s+temperature 0.2, maxTokens 512, tier flex, latency standard, maxSteps 4 {2}\\(config file ${join(home, 'config.json')}\\)`,
      ),
    );
    const plain = fakeWorld({ env });
    await runDoctor(plain.context, { json: false });
    expect(plain.io.stdout.text()).not.toContain('chat defaults');
  });

  it('never prints the password of an endpoint URL, in text or JSON', async () => {
    for (const json of [false, true]) {
      const world = fakeWorld({
        env: {
          ...env,
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://user:hunter2pass@127.0.0.1:4000',
          AWS_ENDPOINT_URL_BEDROCK: 'http://token123456@127.0.0.1:4001',
        },
      });
      await runDoctor(world.context, { json });
      const out = world.io.stdout.text();
      expect(out).not.toContain('hunter2pass');
      expect(out).not.toContain('token123456');
      expect(out).toContain('http://[redacted]@127.0.0.1:4000');
    }
  });

  it('fails a bad variable as a setting, naming it, with the invalid-input exit code', async () => {
    const world = fakeWorld({ env: { ...quiet, AWS_REGION: 'mars', AWS_BEARER_TOKEN_BEDROCK: 'k' } });
    expect(await runDoctor(world.context, { json: true })).toBe(2);
    const report: DoctorReport = JSON.parse(world.io.stdout.text());
    expect(report.checks.find((check) => check.name === 'settings')).toMatchObject({
      status: 'fail',
      summary: 'AWS_REGION must be an AWS region such as us-east-1 (got "mars").',
      fix: 'Fix or unset AWS_REGION.',
      code: 'CONFIG_INVALID',
    });
  });

  it('names a missing profile and the files it was looked for in', async () => {
    const world = fakeWorld({ env: quiet });
    await runDoctor(world.context, { json: true, profile: 'nosuch' });
    const report: DoctorReport = JSON.parse(world.io.stdout.text());
    expect(report.checks.find((check) => check.name === 'credentials')).toMatchObject({
      status: 'fail',
      summary:
        'AWS profile nosuch (from --profile) is not in /nonexistent/aws-config or /nonexistent/aws-credentials.',
      code: 'CREDENTIALS_MISSING',
    });
  });
});
