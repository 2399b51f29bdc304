import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.js';
import { resolveConfig } from './resolve-config.js';
import { MAX_STEPS_LIMIT, parseSettingText } from './settings.js';

const maxStepsRule = 'must be a whole number of model calls from 1 to 100';

describe('integer settings from text (a flag, config set, a variable)', () => {
  it('takes plain digits in range', () => {
    expect(MAX_STEPS_LIMIT).toBe(100);
    expect(parseSettingText('maxSteps', '1', { label: '--max-steps' })).toBe(1);
    expect(parseSettingText('maxSteps', '100', { label: '--max-steps' })).toBe(100);
    expect(parseSettingText('maxTokens', '4096', { label: '--max-tokens' })).toBe(4096);
  });

  it.each(['1e3', ' 3', '3 ', '+3', '0x10', '3.0', '101', '1000', '0', '-1', ''])(
    'refuses maxSteps %j, naming the source',
    (raw) => {
      expect(() => parseSettingText('maxSteps', raw, { label: '--max-steps' })).toThrow(
        `--max-steps ${maxStepsRule} (got "${raw}").`,
      );
    },
  );

  it('holds the same rule for every integer setting', () => {
    expect(() => parseSettingText('maxTokens', '1e3', { label: '--max-tokens' })).toThrow(
      '--max-tokens must be a positive whole number (got "1e3").',
    );
    expect(() => parseSettingText('timeoutMs', ' 500', { label: '--timeout-ms' })).toThrow(
      '--timeout-ms must be a whole number of milliseconds from 1 to 86400000 (a day) (got " 500").',
    );
    // A flag's stray CR is refused and shown escaped; a variable's surrounding whitespace is taken.
    expect(() => parseSettingText('maxAttempts', '3\r', { label: '--max-attempts' })).toThrow(
      '--max-attempts must be a whole number from 1 to 10 (got "3\\r").',
    );
    expect(
      parseSettingText('maxAttempts', ' 3\r', { label: 'AWS_MAX_ATTEMPTS', fromEnvironment: true }),
    ).toBe(3);
    // A decimal setting still reads decimals.
    expect(parseSettingText('temperature', '0.5', { label: '-t' })).toBe(0.5);
  });
});

describe('maxSteps in the config file', () => {
  const fileWith = (json: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-steps-')), 'config.json');
    writeFileSync(path, json);
    return path;
  };

  it.each([
    ['{"maxSteps": 1e3}', '1000'],
    ['{"maxSteps": 101}', '101'],
    ['{"maxSteps": " 3"}', '" 3"'],
    ['{"maxSteps": 2.5}', '2.5'],
  ])('refuses %s, naming the file and the key', async (json, shown) => {
    const path = fileWith(json);
    await expect(readConfigFile(path)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      category: 'invalid-input',
      message: `The config file ${path} is invalid: maxSteps ${maxStepsRule} (got ${shown}).`,
    });
    await expect(
      resolveConfig({ configFile: path, env: {}, dotenvDir: false, readAwsProfile: async () => undefined }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });

  it('takes the largest allowed value', async () => {
    expect(await readConfigFile(fileWith('{"maxSteps": 100}'))).toEqual({ maxSteps: 100 });
  });
});
