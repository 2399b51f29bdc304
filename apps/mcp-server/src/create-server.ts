import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from './server-deps.js';
import { registerChatTool } from './tools/chat-tool.js';
import { registerConversationTools } from './tools/conversation-tools.js';
import { registerModelsTool } from './tools/models-tool.js';
import { VERSION } from './version.js';

export const SERVER_NAME = 'bedrock-chat';

/**
 * One MCP server for one connection (an SDK server binds to a single transport). Build one per
 * stdio process or HTTP session; share `deps.store` between them.
 */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer({ name: SERVER_NAME, title: 'Claude on AWS Bedrock', version: VERSION });
  registerChatTool(server, deps);
  registerConversationTools(server, deps);
  registerModelsTool(server, deps);
  return server;
}
