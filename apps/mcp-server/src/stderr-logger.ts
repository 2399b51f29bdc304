import type { Logger } from './server-deps.js';

/** Logs go to stderr, one line each: stdout belongs to JSON-RPC in stdio mode. */
export function createStderrLogger(prefix = 'bedrock-chat-mcp'): Logger {
  return (message) => {
    process.stderr.write(`${prefix}: ${message}\n`);
  };
}
