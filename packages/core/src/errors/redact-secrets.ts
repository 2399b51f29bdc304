/**
 * The one redaction of bedrock-chat: every text that may reach a terminal, a log or an MCP client
 * outside a model reply (errors, hints, `doctor`, `--debug` stacks, server logs) passes through it.
 * It replaces secret values and leaves every word of the message around them: Bedrock API keys
 * (`ABSK…`, `bedrock-api-key-…`), bearer and basic credentials, AWS access key ids, URL userinfo
 * (`http://user:password@host`), and the values of secret-named keys (`X-Amz-Signature=…`,
 * `"password": "…"`). A value after `name:` counts only when it looks like a secret (digits or
 * symbols, 8+ characters), so "Bedrock rejected the credentials: Authentication failed" stays whole.
 */
const SECRET_NAME = '(?:secret|token|password|passwd|signature|credential|api[_-]?key|access[_-]?key)';

/** `name=value`, `name = value`, `"name":"value"`: a secret value by its name. */
const ASSIGNED = new RegExp(`(${SECRET_NAME}[A-Za-z_-]*"?\\s*=\\s*"?)[^\\s,;"'&]{4,}`, 'gi');
const QUOTED = new RegExp(`("[A-Za-z_-]*${SECRET_NAME}[A-Za-z_-]*"\\s*:\\s*")[^"]{4,}`, 'gi');
/** `name: value` in prose: only a value that looks like a secret, never a plain word. */
const LABELLED = new RegExp(
  `(${SECRET_NAME}[A-Za-z_-]*\\s*:\\s*)(?=[^\\s,;"']*[0-9+/=_])[^\\s,;"']{8,}`,
  'gi',
);

// Named values first, so `token=ABSK…` becomes `token=[redacted]` rather than a partial rewrite.
const PATTERNS: readonly [RegExp, string][] = [
  // userinfo in URLs: everything between `scheme://` and `@host` (user:password, or a token)
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1[redacted]@'],
  [QUOTED, '$1[redacted]'],
  [ASSIGNED, '$1[redacted]'],
  [LABELLED, '$1[redacted]'],
  [/\bABSK[A-Za-z0-9+/=]{8,}/g, '[redacted api key]'],
  [/\bbedrock-api-key-[A-Za-z0-9+/=_.-]{8,}/g, '[redacted api key]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9+/=_.~-]{8,}/gi, '$1 [redacted]'],
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}/g, '[redacted key id]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
