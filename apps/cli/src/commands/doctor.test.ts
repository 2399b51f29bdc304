import { BedrockChatError } from '@bedrock-chat/core';
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
    expect(byName.model?.summary).toContain('sonnet → eu.anthropic.claude-sonnet-4-5');
    expect(byName['model access']?.status).toBe('ok');
    expect(byName['conversation store']?.status).toBe('ok');
    expect(byName.node?.summary).toContain('Node ');
    expect(world.io.stdout.text()).not.toContain('supersecret');
    expect(world.client.calls[0]?.options.maxTokens).toBe(1);
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
