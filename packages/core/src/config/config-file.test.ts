import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
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

  it("says what a hand-edited value must be, by the setting's one rule, naming the key and the file", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-')), 'config.json');
    for (const [value, message] of [
      [{ maxAttempts: 0 }, 'maxAttempts must be a whole number from 1 to 10 (got 0).'],
      [{ retryMode: 'fast' }, 'retryMode must be standard or adaptive (got "fast").'],
      [
        { timeoutMs: 'abc' },
        'timeoutMs must be a whole number of milliseconds from 1 to 86400000 (a day) (got "abc").',
      ],
      [{ region: 'mars' }, 'region must be an AWS region such as us-east-1 (got "mars").'],
      [
        { endpointUrl: 'ftp://alice:s3cret@host' },
        'endpointUrl must be an http(s) URL such as http://127.0.0.1:4000 (got "ftp://[redacted]@host").',
      ],
    ] as const) {
      writeFileSync(path, JSON.stringify(value));
      await expect(readConfigFile(path)).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: `The config file ${path} is invalid: ${message}`,
        details: { path },
      });
    }
    writeFileSync(path, '{"colour":"blue"}');
    await expect(readConfigFile(path)).rejects.toMatchObject({
      message: expect.stringContaining(
        `The config file ${path} is invalid: root: Unrecognized key: "colour"`,
      ),
    });
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
