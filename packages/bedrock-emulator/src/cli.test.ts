import { afterEach, describe, expect, it } from 'vitest';
import { CLI_USAGE, CliUsageError, parseCliArgs, runCli } from './cli.js';
import type { Emulator } from './emulator.js';

describe('parseCliArgs', () => {
  it('maps flags to emulator options', () => {
    expect(
      parseCliArgs([
        '--port',
        '4010',
        '--host',
        '0.0.0.0',
        '--ttft-ms',
        '250',
        '--chunk-delay-ms',
        '20',
        '--region',
        'eu-west-1',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 4010,
        host: '0.0.0.0',
        region: 'eu-west-1',
        ttftMs: 250,
        chunkDelayMs: 20,
        chunkTokens: undefined,
      },
    });
  });

  it('leaves everything to the defaults without flags', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      options: {
        port: undefined,
        host: undefined,
        region: undefined,
        ttftMs: undefined,
        chunkDelayMs: undefined,
        chunkTokens: undefined,
      },
    });
  });

  it('recognises --help and -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
    expect(parseCliArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--ttft-ms', '-1']],
    [['--chunk-tokens', '0']],
    [['--verbose']],
  ])('rejects %j as a usage error', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
  });
});

describe('runCli', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  function capture() {
    const output = { stdout: '', stderr: '' };
    return {
      output,
      streams: {
        stdout: { write: (text: string) => (output.stdout += text) },
        stderr: { write: (text: string) => (output.stderr += text) },
      },
    };
  }

  it('prints the URL alone on stdout and the banner on stderr', async () => {
    const { output, streams } = capture();
    emulator = await runCli(['--port', '0'], streams);
    expect(emulator).toBeDefined();
    expect(output.stdout).toBe(`${emulator?.url}\n`);
    expect(output.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(output.stderr).toBe(`Bedrock emulator listening on ${emulator?.url}\n`);
  });

  it('prints usage for --help without starting a server', async () => {
    const { output, streams } = capture();
    expect(await runCli(['--help'], streams)).toBeUndefined();
    expect(output.stdout).toBe(CLI_USAGE);
  });
});
