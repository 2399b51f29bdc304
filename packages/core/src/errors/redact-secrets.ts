/**
 * Removes anything that looks like a credential from text that may reach a terminal or log:
 * Bedrock API keys (`ABSK…`, and the `bedrock-api-key-…` short-term form), bearer headers,
 * AWS access key ids, and `key=value` pairs for secret-ish names.
 */
const PATTERNS: readonly [RegExp, string][] = [
  // user:password@ in URLs (e.g. a proxy or endpoint with credentials)
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
  [/\bABSK[A-Za-z0-9+/=]{8,}/g, '[redacted api key]'],
  [/\bbedrock-api-key-[A-Za-z0-9+/=_.-]{8,}/g, '[redacted api key]'],
  [/\b(Bearer)\s+[A-Za-z0-9+/=_.~-]{8,}/gi, '$1 [redacted]'],
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}/g, '[redacted key id]'],
  [/((?:secret|token|password|signature|credential)[A-Za-z_]*\s*[=:]\s*)[^\s,;"']{6,}/gi, '$1[redacted]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
