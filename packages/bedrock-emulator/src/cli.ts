import { parseArgs } from 'node:util';
import { type Emulator, type EmulatorOptions, startEmulator } from './emulator.js';

export const CLI_USAGE = `Usage: bedrock-emulator [options]

A local AWS Bedrock Runtime (Converse, ConverseStream, CountTokens) for tests and demos.
Prints the URL on stdout; point the AWS SDK at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME.

Options:
  --port <n>            Port to listen on (default 0: a free port)
  --host <address>      Interface to bind (default 127.0.0.1)
  --region <region>     Region to serve (default us-east-1)
  --ttft-ms <ms>        Delay before the first stream event (default 0)
  --chunk-delay-ms <ms> Delay between content deltas (default 0)
  --chunk-tokens <n>    Tokens per content delta (default 4)
  -h, --help            Show this help
`;

/** Thrown for bad command-line input; the bin prints the message and exits with code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function nonNegativeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new CliUsageError(`--${flag} expects a non-negative number, got "${value}"`);
  }
  return parsed;
}

/** Maps argv (without `node` and the script) to emulator options; `help` when --help was given. */
export function parseCliArgs(
  argv: readonly string[],
): { help: true } | { help: false; options: EmulatorOptions } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        region: { type: 'string' },
        'ttft-ms': { type: 'string' },
        'chunk-delay-ms': { type: 'string' },
        'chunk-tokens': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { help: true };
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const port = nonNegativeNumber('port', text('port'));
  if (port !== undefined && (!Number.isInteger(port) || port > 65_535)) {
    throw new CliUsageError(`--port expects an integer from 0 to 65535, got "${text('port')}"`);
  }
  const chunkTokens = nonNegativeNumber('chunk-tokens', text('chunk-tokens'));
  if (chunkTokens !== undefined && (!Number.isInteger(chunkTokens) || chunkTokens < 1)) {
    throw new CliUsageError(`--chunk-tokens expects a positive integer, got "${text('chunk-tokens')}"`);
  }
  return {
    help: false,
    options: {
      port,
      host: text('host'),
      region: text('region'),
      ttftMs: nonNegativeNumber('ttft-ms', text('ttft-ms')),
      chunkDelayMs: nonNegativeNumber('chunk-delay-ms', text('chunk-delay-ms')),
      chunkTokens,
    },
  };
}

export interface CliStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * Runs the CLI: starts the emulator, prints the banner on stderr and the bare URL on stdout (so a
 * script can capture it, e.g. `bedrock-emulator > url.txt &`). Returns undefined after --help.
 */
export async function runCli(argv: readonly string[], streams: CliStreams): Promise<Emulator | undefined> {
  const parsed = parseCliArgs(argv);
  if (parsed.help) {
    streams.stdout.write(CLI_USAGE);
    return undefined;
  }
  const emulator = await startEmulator(parsed.options);
  streams.stderr.write(`Bedrock emulator listening on ${emulator.url}\n`);
  streams.stdout.write(`${emulator.url}\n`);
  return emulator;
}
