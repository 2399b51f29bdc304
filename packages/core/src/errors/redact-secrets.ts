/**
 * The one redaction of bedrock-chat: every text that may reach a terminal, a log or an MCP client
 * outside a model reply (errors, hints, `doctor`, `--debug` stacks, server logs) passes through it.
 * It replaces secret values and leaves every word of the message around them: Bedrock API keys
 * (`ABSK…`, `bedrock-api-key-…`), bearer and basic credentials, AWS access key ids, URL userinfo
 * (`http://user:password@host`), and the values of secret-named keys (`X-Amz-Signature=…`,
 * `"password": "…"`), and secret-named command-line flags (`--api-key X`, `--password X`; the `=` form
 * is a named value). A value after `name:` counts only when it looks like a secret (digits or
 * symbols, 8+ characters), so "Bedrock rejected the credentials: Authentication failed" stays whole.
 * A name is secret when it ends in a secret word (`GITHUB_TOKEN`, `sessionToken`, `secret_key`):
 * `maxTokens=4096`, `--max-tokens=5000`, `--tokens=/etc/tokens.json` or `tokenizer=…` are not.
 */
const SECRET_NAME = '(?:secret|token|password|passwd|signature|credential|api[_-]?key|access[_-]?key)';
/** How a secret name ends: the word, `secret_key` or `tokenKey`, `credentials`, `passwords`, `secrets`. */
const SECRET_NAME_END = `(?:${SECRET_NAME}(?:[_-]?key)?|(?:credential|password|secret)s)`;

/** `name=value`, `name = value`, `"name":"value"`: a secret value by its name. */
const ASSIGNED = new RegExp(`(${SECRET_NAME_END}"?\\s*=\\s*"?)[^\\s,;"'&]{4,}`, 'gi');
const QUOTED = new RegExp(`("[A-Za-z0-9_-]*${SECRET_NAME_END}"\\s*:\\s*")[^"]{4,}`, 'gi');
/** `name: value` in prose: only a value that looks like a secret, never a plain word. */
const LABELLED = new RegExp(`(${SECRET_NAME_END}\\s*:\\s*)(?=[^\\s,;"']*[0-9+/=_])[^\\s,;"']{8,}`, 'gi');

/** A flag whose name ends in a secret name: `--api-key`, `--db-password`, not `--max-tokens`. */
const FLAG_NAME = `--?(?:[A-Za-z0-9]+[_-])*${SECRET_NAME}`;
/** `--api-key X`, `--password X`: the next word, when it looks like a secret (not a flag). */
const FLAG = new RegExp(`((?:^|\\s)${FLAG_NAME}\\s+)(?!-)(?=[^\\s,;"']*[0-9+/=_.-])[^\\s,;"']{4,}`, 'gi');

// Named values first, so `token=ABSK…` becomes `token=[redacted]` rather than a partial rewrite.
const PATTERNS: readonly [RegExp, string][] = [
  // userinfo in URLs: everything between `scheme://` and `@host` (user:password, or a token)
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1[redacted]@'],
  [QUOTED, '$1[redacted]'],
  [ASSIGNED, '$1[redacted]'],
  [FLAG, '$1[redacted]'],
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

const SECRET_FLAG = new RegExp(`^${FLAG_NAME}$`, 'i');
const SECRET_FLAG_ASSIGNED = new RegExp(`^${FLAG_NAME}=(.+)$`, 'i');

/**
 * The values of secret-named flags in an argument list (`--api-key X`, `--token=X`): what a
 * message about the program must not repeat, even when it quotes the value alone.
 */
export function secretFlagValues(args: readonly string[]): string[] {
  const values: string[] = [];
  args.forEach((arg, index) => {
    const assigned = SECRET_FLAG_ASSIGNED.exec(arg);
    if (assigned) values.push(assigned[1] as string);
    else if (SECRET_FLAG.test(arg)) {
      const next = args[index + 1];
      if (next !== undefined && !next.startsWith('-')) values.push(next);
    }
  });
  return values;
}
