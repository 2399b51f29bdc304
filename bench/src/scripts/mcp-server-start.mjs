// The start-up cost of one stdio MCP server on its own: spawn it, do the handshake and list its
// tools, as the CLI's --mcp does. Prints the milliseconds from spawn to the tool list on stdout
// (the SDK client is imported before the clock starts: the CLI loads it alongside its own start-up).
// Usage: node mcp-server-start.mjs <server script> [args…]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [script, ...args] = process.argv.slice(2);
if (!script) throw new Error('usage: mcp-server-start.mjs <server script> [args…]');
const started = performance.now();
const client = new Client({ name: 'bench', version: '0.0.0' });
await client.connect(
  new StdioClientTransport({ command: process.execPath, args: [script, ...args], stderr: 'ignore' }),
);
const { tools } = await client.listTools();
const elapsed = performance.now() - started;
await client.close();
if (tools.length === 0) throw new Error('the server listed no tools');
process.stdout.write(`${elapsed.toFixed(2)}\n`);
