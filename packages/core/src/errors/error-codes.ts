/**
 * Stable error codes. Apps map a code's `category` to an exit code (CLI) or an `isError` result
 * (MCP) in one place each; never match on message text.
 */
export const ERROR_CATEGORIES = [
  'invalid-input',
  'credentials',
  'model',
  'throttled',
  'interrupted',
  'conflict',
  'storage',
  'unexpected',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export const ERROR_CODES = {
  INVALID_INPUT: 'invalid-input',
  INVALID_REQUEST: 'invalid-input',
  CONFIG_INVALID: 'invalid-input',
  CONTEXT_WINDOW_EXCEEDED: 'invalid-input',
  CONVERSATION_NOT_FOUND: 'invalid-input',
  // A store that cannot search message text (DynamoDB): the listing works, the search does not.
  SEARCH_UNSUPPORTED: 'invalid-input',
  INVALID_CONVERSATION_ID: 'invalid-input',
  // An option the chosen model cannot honour (thinking on a model without it, an effort it lacks).
  UNSUPPORTED_BY_MODEL: 'invalid-input',
  // Files attached to a prompt: each names the file and the rule it breaks.
  ATTACHMENT_NOT_FOUND: 'invalid-input',
  ATTACHMENT_NOT_A_FILE: 'invalid-input',
  ATTACHMENT_UNREADABLE: 'invalid-input',
  ATTACHMENT_TOO_LARGE: 'invalid-input',
  ATTACHMENT_UNSUPPORTED_TYPE: 'invalid-input',
  ATTACHMENT_LIMIT: 'invalid-input',
  ATTACHMENT_NOT_ALLOWED: 'invalid-input',
  // MCP servers as tools (@bedrock-chat/mcp-tools): a config file that does not parse, a name not configured.
  MCP_CONFIG_INVALID: 'invalid-input',
  MCP_SERVER_NOT_FOUND: 'invalid-input',
  // A structured-output schema Bedrock would refuse (or that cannot be sent), found before any call.
  SCHEMA_INVALID: 'invalid-input',
  CREDENTIALS_MISSING: 'credentials',
  CREDENTIALS_EXPIRED: 'credentials',
  CREDENTIALS_REJECTED: 'credentials',
  MODEL_ACCESS_DENIED: 'model',
  MODEL_NOT_FOUND: 'model',
  MODEL_NOT_IN_REGION: 'model',
  ON_DEMAND_NOT_SUPPORTED: 'model',
  THROTTLED: 'throttled',
  QUOTA_EXCEEDED: 'throttled',
  SERVICE_UNAVAILABLE: 'throttled',
  MODEL_TIMEOUT: 'throttled',
  // Transient: a newly enabled model warming up, or the model failing mid-answer; retrying helps.
  MODEL_NOT_READY: 'throttled',
  MODEL_ERROR: 'throttled',
  // A structured reply that is not JSON or does not match the schema; the raw text is attached.
  OUTPUT_INVALID: 'model',
  TIMEOUT: 'throttled',
  NETWORK_ERROR: 'throttled',
  ABORTED: 'interrupted',
  CONVERSATION_CONFLICT: 'conflict',
  STORE_CORRUPT: 'storage',
  STORE_UNWRITABLE: 'storage',
  STORE_TOO_NEW: 'storage',
  STORE_UNAVAILABLE: 'storage',
  // A remote store (DynamoDB) still throttling after the retries.
  STORE_THROTTLED: 'throttled',
  INTERNAL: 'unexpected',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function categoryOf(code: ErrorCode): ErrorCategory {
  return ERROR_CODES[code];
}
