import { CliUsageError, runCli } from './cli.js';

try {
  const emulator = await runCli(process.argv.slice(2), process);
  if (emulator) {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`Received ${signal}, shutting down\n`);
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  process.stderr.write(`bedrock-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof CliUsageError ? 2 : 1);
}
