import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoreSetting, resolveConfiguredStore, resolveStoreSetting } from './store-setting.js';

describe('choosing the conversation store', () => {
  it('takes the flag, then BEDROCK_CHAT_STORE, then the config file, else SQLite', () => {
    const env = { BEDROCK_CHAT_STORE: 'dynamodb://from-env' };
    expect(resolveStoreSetting({ flag: 'sqlite', env, configFile: 'dynamodb://from-file' })).toEqual({
      kind: 'sqlite',
      source: '--store',
    });
    expect(resolveStoreSetting({ env, configFile: 'dynamodb://from-file' })).toMatchObject({
      kind: 'dynamodb',
      location: { table: 'from-env', region: undefined },
      source: 'BEDROCK_CHAT_STORE',
    });
    expect(resolveStoreSetting({ env: {}, configFile: 'dynamodb://t-1?region=eu-west-1' })).toMatchObject({
      location: { table: 't-1', region: 'eu-west-1' },
    });
    expect(resolveStoreSetting({ env: {} })).toEqual({ kind: 'sqlite', source: 'default' });
  });

  it('names the source of a bad value and what a good one looks like', () => {
    expect(() => parseStoreSetting('postgres://x', 'BEDROCK_CHAT_STORE')).toThrow(
      'BEDROCK_CHAT_STORE must be sqlite or dynamodb://<table>[?region=<region>] (got "postgres://x").',
    );
    expect(() => parseStoreSetting('dynamodb://tab?region=mars', '--store')).toThrow(
      'Invalid store "dynamodb://tab?region=mars": "mars" is not a region name such as us-east-1.',
    );
    expect(() => parseStoreSetting('dynamodb://x', '--store')).toThrow('the table name must be 3–255');
    expect(() => parseStoreSetting('dynamodb://tab?endpoint=x', '--store')).toThrow(
      'unknown parameter "endpoint"',
    );
  });

  it('reads the config file written by `config set store`', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bc-store-setting-'));
    writeFileSync(join(home, 'config.json'), JSON.stringify({ store: 'dynamodb://team-chats' }));
    const setting = await resolveConfiguredStore({ env: { BEDROCK_CHAT_HOME: home } });
    expect(setting).toMatchObject({ kind: 'dynamodb', source: 'store in the config file' });
  });
});
