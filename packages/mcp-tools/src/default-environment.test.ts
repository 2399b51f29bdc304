import { DEFAULT_INHERITED_ENV_VARS, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultEnvironment } from './default-environment.js';

describe('defaultEnvironment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is what the MCP SDK gives a stdio server on this platform', () => {
    vi.stubEnv('TERM', 'xterm-256color');
    vi.stubEnv('SHELL', '() { :; }');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    expect(defaultEnvironment()).toEqual(getDefaultEnvironment());
    expect(Object.keys(defaultEnvironment({}, process.platform))).toEqual([]);
  });

  it("inherits the SDK's list of variables, and nothing else", () => {
    const everything = Object.fromEntries(
      [...DEFAULT_INHERITED_ENV_VARS, 'AWS_SECRET_ACCESS_KEY', 'BEDROCK_CHAT_HOME'].map((name) => [
        name,
        'x',
      ]),
    );
    expect(Object.keys(defaultEnvironment(everything)).sort()).toEqual(
      [...DEFAULT_INHERITED_ENV_VARS].sort(),
    );
  });

  it('skips exported shell functions and keeps the Windows list on win32', () => {
    const env = { PATH: '/bin', HOME: '() { evil; }', APPDATA: 'C:\\AppData', USER: 'ann' };
    expect(defaultEnvironment(env, 'linux')).toEqual({ PATH: '/bin', USER: 'ann' });
    expect(defaultEnvironment(env, 'win32')).toEqual({ APPDATA: 'C:\\AppData', PATH: '/bin' });
  });
});
