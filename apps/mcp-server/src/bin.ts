import './quiet-aws-warning.js';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    // The Bedrock client keeps idle sockets; exit instead of waiting for them.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `bedrock-chat-mcp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
