/** HTTP defaults, apart from the server so that argv parsing does not load the HTTP transport. */
export const MCP_PATH = '/mcp';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;
/** Any valid `chat` call fits: 100k prompt + 20k system characters at 6 bytes each, JSON-escaped. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
export const DEFAULT_MAX_SESSIONS = 100;
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
