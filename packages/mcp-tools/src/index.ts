// The public API of @bedrock-chat/mcp-tools: MCP servers as bedrock-chat core tools.
export { type Environment, expandEnv } from './expand-env.js';
export { mergeMcpConfigs, readMcpConfigFile, selectServers, writeMcpConfigFile } from './mcp-config-file.js';
export {
  DEFAULT_STARTUP_TIMEOUT_MS,
  type McpTool,
  type McpToolSet,
  type OpenMcpToolsOptions,
  openMcpTools,
  type ServerStatus,
} from './mcp-tool-set.js';
export type { PrestartedServers } from './prestart-servers.js';
export {
  expandServerConfig,
  type HttpServerConfig,
  type McpConfig,
  McpConfigFileSchema,
  type McpServerConfig,
  McpServerConfigSchema,
  parseMcpConfig,
  parseMcpConfigText,
  type StdioServerConfig,
} from './server-config.js';
export type { McpToolInfo } from './server-connection.js';
export { redactServerText, serverSecrets } from './server-secrets.js';
export { allowlistCovers, displayToolName, type NamedTool, wireToolName } from './tool-names.js';
export { type McpCallResult, toolResultContent } from './tool-result-content.js';
