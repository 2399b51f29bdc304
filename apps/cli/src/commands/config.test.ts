import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeWorld } from '../../test/fakes.js';
import { runConfigGet, runConfigList, runConfigSet, runConfigUnset } from './config.js';

function world() {
  const home = mkdtempSync(join(tmpdir(), 'bc-config-'));
  return { home, ...fakeWorld({ env: { BEDROCK_CHAT_HOME: home } }) };
}

describe('config commands', () => {
  it('sets typed, validated values and reads them back', async () => {
    const { home, context, io } = world();
    await runConfigSet(context, 'temperature', '0.25');
    await runConfigSet(context, 'max-tokens', '512');
    await runConfigSet(context, 'model', 'haiku');
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({
      temperature: 0.25,
      maxTokens: 512,
      model: 'haiku',
    });
    await runConfigGet(context, 'maxTokens');
    await runConfigList(context, { json: false });
    // In the schema's key order.
    expect(io.stdout.text()).toBe('512\nmodel=haiku\ntemperature=0.25\nmaxTokens=512\n');
    await runConfigUnset(context, 'temperature');
    const after = world();
    after.context.io = { ...after.context.io, env: { BEDROCK_CHAT_HOME: home } };
    await runConfigList(after.context, { json: true });
    expect(JSON.parse(after.io.stdout.text())).toEqual({ maxTokens: 512, model: 'haiku' });
  });

  it('rejects unknown keys and bad values without writing', async () => {
    const { context } = world();
    await expect(runConfigSet(context, 'colour', 'blue')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Unknown config key "colour".',
    });
    await expect(runConfigSet(context, 'temperature', 'warm')).rejects.toMatchObject({
      message: 'temperature must be a number from 0 to 1 (got "warm").',
    });
    await expect(runConfigSet(context, 'region', 'moon-1')).rejects.toMatchObject({
      category: 'invalid-input',
    });
    // Node's timers hold at most 2^31-1 ms: past that every call timed out at once.
    await expect(runConfigSet(context, 'timeoutMs', '99999999999999')).rejects.toMatchObject({
      category: 'invalid-input',
      message:
        'timeoutMs must be a whole number of milliseconds from 1 to 86400000 (a day) (got "99999999999999").',
    });
  });

  it('accepts the regions of every AWS partition, by the SDK rule the variables follow too', async () => {
    const { home, context } = world();
    for (const region of ['eusc-de-east-1', 'us-isob-east-1']) {
      await runConfigSet(context, 'region', region);
      expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ region });
    }
    await expect(runConfigSet(context, 'region', 'mars')).rejects.toMatchObject({
      message: 'region must be an AWS region such as us-east-1 (got "mars").',
    });
  });

  it('never shows the password of an endpoint URL when listing or setting it; get prints it as stored', async () => {
    const { context, io } = world();
    await runConfigSet(context, 'endpointUrl', 'http://alice:s3cretPass@127.0.0.1:4000');
    await runConfigList(context, { json: false });
    await runConfigList(context, { json: true });
    expect(io.stderr.text()).toContain('Set endpointUrl=http://[redacted]@127.0.0.1:4000 in ');
    expect(io.stdout.text()).toBe(
      'endpointUrl=http://[redacted]@127.0.0.1:4000\n{\n  "endpointUrl": "http://[redacted]@127.0.0.1:4000"\n}\n',
    );
    expect(io.stderr.text()).not.toContain('s3cretPass');
    await runConfigGet(context, 'endpointUrl');
    expect(io.stdout.text()).toContain('\nhttp://alice:s3cretPass@127.0.0.1:4000\n');
  });

  it('says when a key is not set', async () => {
    const { context, io } = world();
    await runConfigGet(context, 'region');
    expect(io.stdout.text()).toBe('');
    expect(io.stderr.text()).toBe('(region is not set)\n');
  });

  it('says so when unsetting a key that is not set, instead of "Unset" again', async () => {
    const { home, context, io } = world();
    await runConfigSet(context, 'region', 'eu-west-1');
    expect(await runConfigUnset(context, 'region')).toBe(0);
    expect(await runConfigUnset(context, 'region')).toBe(0);
    const path = join(home, 'config.json');
    expect(io.stderr.text().split('\n').slice(1)).toEqual([
      `Unset region in ${path}.`,
      `(region was not set in ${path}: nothing to unset)`,
      '',
    ]);
  });

  it('set and unset repair a file with values an older release allowed, keeping every other key as written', async () => {
    const { home, context, io } = world();
    const path = join(home, 'config.json');
    writeFileSync(path, JSON.stringify({ maxSteps: 500, retryMode: 'fast', model: 'haiku' }));
    await runConfigGet(context, 'max-steps');
    expect(io.stdout.text()).toBe('500\n');
    expect(io.stderr.text()).toContain(
      `${path}: maxSteps must be a whole number of model calls from 1 to 100 (got 500). Repair: \`bedrock-chat config unset maxSteps\` or \`bedrock-chat config set maxSteps 100\`.`,
    );
    await runConfigSet(context, 'maxSteps', '100');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      model: 'haiku',
      retryMode: 'fast',
      maxSteps: 100,
    });
    await runConfigUnset(context, 'retryMode');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ model: 'haiku', maxSteps: 100 });
    expect(io.stderr.text()).toContain(`Unset retryMode in ${path}.`);
  });

  it('warns, as doctor does, when the default model is one the built-in table does not know', async () => {
    const { home, context, io } = world();
    expect(await runConfigSet(context, 'model', 'claude-sonet')).toBe(0);
    expect(io.stderr.text()).toBe(
      `Set model=claude-sonet in ${join(home, 'config.json')}.\nwarning: model claude-sonet is not in the built-in table: Bedrock decides whether it works.\nhint: Use an alias (sonnet, haiku, opus) or an inference profile id from \`bedrock-chat models\`.\n`,
    );
    const known = world();
    await runConfigSet(known.context, 'model', 'haiku');
    expect(known.io.stderr.text()).not.toContain('warning:');
    // The region decides: Claude 3.5 Haiku has no profile for eu-west-1.
    const elsewhere = world();
    await runConfigSet(elsewhere.context, 'region', 'eu-west-1');
    await runConfigSet(elsewhere.context, 'model', 'haiku-3.5');
    expect(elsewhere.io.stderr.text()).toContain(
      'warning: model haiku-3.5: no inference profile of Claude 3.5 Haiku is published for eu-west-1.',
    );
  });
});
