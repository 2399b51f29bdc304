export {
  DEFAULT_PROGRESS_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  ENV,
  loadServerConfig,
  type ServerConfig,
  ServerConfigError,
  type ServerLimits,
} from './config/server-config.js';
export { createServer, SERVER_NAME } from './create-server.js';
export { createDefaultDeps, type DefaultDeps } from './default-deps.js';
export {
  FILE_ROOTS_ENV,
  type FileAccess,
  type FileRoot,
  type FileTransport,
  loadFileAccess,
} from './files/file-roots.js';
export {
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  HEALTH_PATH,
  MCP_PATH,
} from './http/http-defaults.js';
export {
  type HttpServerOptions,
  type RunningHttpServer,
  type ShutdownOptions,
  type ShutdownReport,
  startHttpServer,
} from './http/http-server.js';
export { tokenEntriesFor } from './http/request-guards.js';
export { type LoadedTokens, loadTokensFile, parseTokensFile, type TokenEntry } from './http/tokens-file.js';
export type { Logger, ServerDeps } from './server-deps.js';
export { type ServeStdioOptions, serveStdio } from './stdio/stdio-server.js';
export { StdioLineTransport, type StdioTransportOptions } from './stdio/stdio-transport.js';
export { MAX_FILES, MAX_PATH_CHARS, MAX_PROMPT_CHARS, MAX_SYSTEM_CHARS } from './tools/chat-tool.js';
export { toErrorResult } from './tools/tool-errors.js';
export { VERSION } from './version.js';
