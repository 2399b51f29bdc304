/** HTTP defaults, apart from the server so that argv parsing does not load the HTTP transport. */
export const MCP_PATH = '/mcp';
/** For load balancers: no token, no Host check, no data. */
export const HEALTH_PATH = '/healthz';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;
/**
 * Any valid `chat` call fits: 100k prompt + 20k system characters + 25 file paths of 1,024, at 6
 * bytes each JSON-escaped (874 kB).
 */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
export const DEFAULT_MAX_SESSIONS = 100;
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
/** Sessions one token may hold: one client cannot take every session from the others. */
export const DEFAULT_MAX_SESSIONS_PER_TOKEN = 20;
/** Open connections; each costs a descriptor, and anyone can open one without a token. */
export const DEFAULT_MAX_CONNECTIONS = 1_000;
/** Time to send a request's headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Time to send a whole request, headers and body (Node's `requestTimeout`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
