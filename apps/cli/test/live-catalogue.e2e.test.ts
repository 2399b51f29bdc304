import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { claudeModel } from '@bedrock-chat/bedrock-emulator';
import { describe, it } from 'vitest';
import { setup } from './e2e-harness.js';

// A Bedrock from after this release: it serves a Claude model the built-in table does not know.
const SONNET_6 = claudeModel('anthropic.claude-sonnet-6', 'Claude Sonnet 6', 128_000, {
  profilePrefixes: ['us', 'global'],
});

describe.concurrent('the live model catalogue (built binary against the emulator)', () => {
  it('models caches the region list; ask then reaches a model the table lacks, cost unknown, said once', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished, { additionalModels: [SONNET_6] });
    const models = await run(['models']);
    expect(models.code).toBe(0);
    expect(models.stdout).toMatch(
      /us\.anthropic\.claude-sonnet-6\s+US Anthropic Claude Sonnet 6\s+\?\s+not in the built-in table/,
    );
    expect(models.stderr).toContain('(anthropic.claude-sonnet-6): they work, with their cost unknown.');
    const cacheFile = join(home, 'cache', 'models-us-east-1.json');
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({ version: 1, region: 'us-east-1' });

    emulator.clearRequests();
    const asked = await run(['-m', 'anthropic.claude-sonnet-6', '--usage', 'hello']);
    expect(asked).toMatchObject({ code: 0, stdout: 'Echo: hello\n' });
    expect(asked.stderr).toContain(
      'model: anthropic.claude-sonnet-6 → us.anthropic.claude-sonnet-6 (Bedrock serves this model only through an inference profile; profile for us-east-1)',
    );
    const notices = asked.stderr.split('\n').filter((line) => line.includes('cost unknown'));
    expect(notices).toEqual([
      'warning: model us.anthropic.claude-sonnet-6 is not in the built-in table (newer than this release); Bedrock serves it in us-east-1, with its cost unknown.',
      expect.stringMatching(/^usage: .* · cost unknown · /),
    ]);
    // ask read the cached list: it never called the control plane.
    expect(emulator.requests.map((request) => request.operation)).toEqual(['ConverseStream']);
  });

  it('ask does not wait on the control plane without a cache, or when it fails', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.fail({ kind: 'error', error: 'AccessDeniedException', operations: ['ListFoundationModels'] });
    const asked = await run(['hello']);
    expect(asked.code).toBe(0);
    expect(emulator.requests.map((request) => request.operation)).toEqual(['ConverseStream']);
  });
});
