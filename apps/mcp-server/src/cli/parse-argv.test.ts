import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseArgv, UsageError } from './parse-argv.js';

describe('parseArgv', () => {
  it('serves stdio by default', () => {
    expect(parseArgv([])).toEqual({ kind: 'stdio', progress: undefined });
    expect(parseArgv(['--no-progress'])).toEqual({ kind: 'stdio', progress: false });
  });

  it('serves HTTP on loopback by default', () => {
    expect(parseArgv(['--http'])).toEqual({
      kind: 'http',
      host: '127.0.0.1',
      port: 8765,
      progress: undefined,
      stateless: false,
    });
    expect(parseArgv(['--http', '--host', 'localhost', '--port', '0'])).toMatchObject({
      host: 'localhost',
      port: 0,
    });
  });

  it('takes an explicit env file, for stdio and HTTP', () => {
    expect(parseArgv(['--env-file', '/p/bedrock.env'])).toEqual({
      kind: 'stdio',
      progress: undefined,
      envFile: '/p/bedrock.env',
    });
    expect(parseArgv(['--http', '--env-file', 'x.env'])).toMatchObject({ kind: 'http', envFile: 'x.env' });
    expect(() => parseArgv(['--env-file', ''])).toThrow(UsageError);
    expect(HELP_TEXT).toContain('BEDROCK_CHAT_ENV_FILE');
  });

  it('answers --help and --version', () => {
    expect(parseArgv(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgv(['-v'])).toEqual({ kind: 'version' });
    // -V as in the bedrock-chat CLI, so one habit works for both.
    expect(parseArgv(['-V'])).toEqual({ kind: 'version' });
    expect(HELP_TEXT).toContain('--http');
  });

  it('reads the HTTP bounds', () => {
    expect(parseArgv(['--http', '--max-connections', '50', '--max-sessions-per-token', '5'])).toMatchObject({
      maxConnections: 50,
      maxSessionsPerToken: 5,
    });
    expect(parseArgv(['--http'])).toMatchObject({
      maxConnections: undefined,
      maxSessionsPerToken: undefined,
    });
  });

  it('takes a tokens file for HTTP only', () => {
    expect(parseArgv(['--http', '--tokens', '/etc/mcp/tokens.json'])).toMatchObject({
      tokensFile: '/etc/mcp/tokens.json',
    });
    expect(parseArgv(['--http'])).toMatchObject({ tokensFile: undefined });
    expect(() => parseArgv(['--tokens', 't.json'])).toThrow('--tokens applies to --http only.');
    expect(() => parseArgv(['--http', '--tokens', ' '])).toThrow('--tokens needs a path.');
  });

  it('serves stateless HTTP on request', () => {
    expect(parseArgv(['--http', '--stateless'])).toMatchObject({ kind: 'http', stateless: true });
    expect(parseArgv(['--http'])).toMatchObject({ stateless: false });
    expect(() => parseArgv(['--stateless'])).toThrow('--stateless applies to --http only.');
  });

  it.each([
    [['--max-connections', '50']],
    [['--http', '--max-connections', '0']],
    [['--http', '--max-sessions-per-token', 'few']],
    [['--port', '80']],
    [['--http', '--port', 'eighty']],
    [['--http', '--port', '70000']],
    [['--http', '--max-connections', '99999999999999999999']],
    [['--http', '--max-connections', '1e3']],
    [['--http', '--max-sessions-per-token', '0x10']],
    [['--http', '--max-connections', '-5']],
    [['--bogus']],
    [['positional']],
  ])('refuses %j', (argv) => {
    expect(() => parseArgv(argv)).toThrow(UsageError);
  });
});
