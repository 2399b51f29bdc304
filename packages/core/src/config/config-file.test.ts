import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile, writeConfigFile } from './config-file.js';
import { resolveConfigFilePath } from './config-paths.js';

describe('config file', () => {
  it('round-trips and is private to the user', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-')), 'nested', 'config.json');
    await writeConfigFile(path, { model: 'haiku', temperature: 0.2 });
    expect(await readConfigFile(path)).toEqual({ model: 'haiku', temperature: 0.2 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it('treats a missing file as empty', async () => {
    expect(await readConfigFile('/nonexistent/bedrock-chat/config.json')).toEqual({});
  });

  it('lives under BEDROCK_CHAT_HOME, else XDG', () => {
    expect(resolveConfigFilePath({ env: { BEDROCK_CHAT_HOME: '/data' } })).toBe('/data/config.json');
    expect(resolveConfigFilePath({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux' })).toBe(
      '/x/bedrock-chat/config.json',
    );
    expect(resolveConfigFilePath({ env: {}, platform: 'linux', homedir: '/home/a' })).toBe(
      '/home/a/.config/bedrock-chat/config.json',
    );
    expect(
      resolveConfigFilePath({ env: { BEDROCK_CHAT_CONFIG: '/etc/bc.json', BEDROCK_CHAT_HOME: '/d' } }),
    ).toBe('/etc/bc.json');
  });
});
