import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readConfigFile,
  readConfigFileEntries,
  writeConfigFile,
  writeConfigFileEntries,
} from './config-file.js';
import { resolveConfigFilePath } from './config-paths.js';

describe('config file', () => {
  it('round-trips and is private to the user', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-')), 'nested', 'config.json');
    await writeConfigFile(path, { model: 'haiku', temperature: 0.2 });
    expect(await readConfigFile(path)).toEqual({ model: 'haiku', temperature: 0.2 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it('names the file and the cause when it cannot be written, leaving what was there', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bc-'));
    const path = join(home, 'config.json');
    mkdirSync(path); // a directory where the file must go: the rename fails
    const error = await writeConfigFile(path, { model: 'haiku' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      message: `Cannot write the config file ${path} (EISDIR).`,
      hint: 'Check that the config directory is writable and has free space (BEDROCK_CHAT_HOME).',
    });
    expect(statSync(path).isDirectory()).toBe(true);

    const blocked = join(home, 'file', 'config.json');
    writeFileSync(join(home, 'file'), ''); // the config directory cannot be made
    await expect(writeConfigFile(blocked, { model: 'haiku' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: `Cannot write the config file ${blocked} (EEXIST).`,
    });
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

  it('names every key an older release allowed, each with the exact command that repairs it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-')), 'config.json');
    writeFileSync(path, JSON.stringify({ maxSteps: 500, model: 'haiku', timeoutMs: 99999999999999 }));
    await expect(readConfigFile(path)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message:
        `The config file ${path} is invalid: ` +
        'timeoutMs must be a whole number of milliseconds from 1 to 86400000 (a day) (got 99999999999999). ' +
        'maxSteps must be a whole number of model calls from 1 to 100 (got 500).',
      hint:
        'Repair it with `bedrock-chat config unset timeoutMs` or `bedrock-chat config set timeoutMs 86400000`; ' +
        `\`bedrock-chat config unset maxSteps\` or \`bedrock-chat config set maxSteps 100\`, or fix or delete ${path}.`,
    });
    writeFileSync(path, JSON.stringify({ retryMode: 'fast' }));
    await expect(readConfigFile(path)).rejects.toMatchObject({
      hint: `Repair it with \`bedrock-chat config unset retryMode\`, or fix or delete ${path}.`,
    });
  });

  it('reads and rewrites a file with bad values as written, for the repair commands', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-')), 'config.json');
    writeFileSync(path, JSON.stringify({ maxSteps: 500, colour: 'blue', model: 'haiku' }));
    const entries = await readConfigFileEntries(path);
    expect(entries.values).toEqual({ model: 'haiku', maxSteps: 500, colour: 'blue' });
    expect(entries.problems.map((problem) => problem.key)).toEqual(['maxSteps', 'colour']);
    await writeConfigFileEntries(path, { ...entries.values, maxSteps: 10 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ model: 'haiku', maxSteps: 10, colour: 'blue' });
    // Not JSON, or not an object, is refused as before: there are no keys to repair.
    for (const [text, detail] of [
      ['{"maxSteps": 5', 'not valid JSON'],
      ['[1]', 'root: expected a JSON object'],
    ] as const) {
      writeFileSync(path, text);
      await expect(readConfigFileEntries(path)).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: `The config file ${path} is invalid: ${detail}`,
      });
    }
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
