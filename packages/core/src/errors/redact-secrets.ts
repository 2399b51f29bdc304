/**
 * The one redaction of bedrock-chat: every text that may reach a terminal, a log or an MCP client
 * outside a model reply (errors, hints, `doctor`, `--debug` stacks, server logs) passes through it.
 * It replaces secret values and leaves every word of the message around them: Bedrock API keys
 * (`ABSK…`, `bedrock-api-key-…`), bearer and basic credentials, AWS access key ids, URL userinfo
 * (`http://user:password@host`), and the values of secret-named keys (`X-Amz-Signature=…`,
 * `"password": "…"`), and secret-named command-line flags (`--api-key X`, `--password X`; the `=` form
 * is a named value). A value after `name:` counts only when it looks like a secret (digits or
 * symbols, 8+ characters), so "Bedrock rejected the credentials: Authentication failed" stays whole.
 * Whether a name is secret is `isSecretName`'s decision (a secret word as a segment of the name:
 * `GITHUB_TOKEN_RO`, `SECRET_KEY_BASE`, `privateKey`; not `maxTokens`, `--tokens=…` or `tokenizer=…`).
 */
import { isSecretName } from './secret-name.js';

/** A key, variable or flag name, not starting inside a longer one. */
const NAME = '(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)';

/** `name=value`, `name = value`, `"name":"value"`: a secret value by its name. */
const ASSIGNED = new RegExp(`${NAME}("?\\s*=\\s*"?)[^\\s,;"'&]{4,}`, 'gi');
const QUOTED = /"([A-Za-z0-9_.-]*)("\s*:\s*")[^"]{4,}/gi;
/** `name: value` in prose: only a value that looks like a secret, never a plain word. */
const LABELLED = new RegExp(`${NAME}(\\s*:\\s*)(?=[^\\s,;"']*[0-9+/=_])[^\\s,;"']{8,}`, 'gi');

/** A flag: `--api-key`, `--db-password`; secret or not by its name (`--max-tokens` is not). */
const FLAG_NAME = '--?[A-Za-z0-9][A-Za-z0-9_.-]*';
/** `--api-key X`, `--password X`: the next word, when it looks like a secret (not a flag). */
const FLAG = new RegExp(`((?:^|\\s)(${FLAG_NAME})\\s+)(?!-)(?=[^\\s,;"']*[0-9+/=_.-])[^\\s,;"']{4,}`, 'gi');

/** Replaces the value after a secret name, keeping the name and what separates it. */
function byName(match: string, name: string, separator: string): string {
  return isSecretName(name) ? `${name}${separator}[redacted]` : match;
}

function byFlag(match: string, prefix: string, name: string): string {
  return isSecretName(name) ? `${prefix}[redacted]` : match;
}

// Named values first, so `token=ABSK…` becomes `token=[redacted]` rather than a partial rewrite.
type Replacement = string | ((match: string, ...groups: string[]) => string);
const PATTERNS: readonly [RegExp, Replacement][] = [
  // userinfo in URLs: everything between `scheme://` and `@host` (user:password, or a token)
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1[redacted]@'],
  [QUOTED, (match: string, name: string, separator: string) => `"${byName(match.slice(1), name, separator)}`],
  [ASSIGNED, byName],
  [FLAG, byFlag],
  [LABELLED, byName],
  [/\bABSK[A-Za-z0-9+/=]{8,}/g, '[redacted api key]'],
  [/\bbedrock-api-key-[A-Za-z0-9+/=_.-]{8,}/g, '[redacted api key]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9+/=_.~-]{8,}/gi, '$1 [redacted]'],
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}/g, '[redacted key id]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) {
    result =
      typeof replacement === 'string'
        ? result.replace(pattern, replacement)
        : result.replace(pattern, (match, ...groups) => replacement(match, ...(groups as string[])));
  }
  return result;
}

const FLAG_ALONE = new RegExp(`^${FLAG_NAME}$`);
const FLAG_ASSIGNED = new RegExp(`^(${FLAG_NAME})=(.+)$`);

/**
 * The values of secret-named flags in an argument list (`--api-key X`, `--token=X`): what a
 * message about the program must not repeat, even when it quotes the value alone.
 */
export function secretFlagValues(args: readonly string[]): string[] {
  const values: string[] = [];
  args.forEach((arg, index) => {
    const assigned = FLAG_ASSIGNED.exec(arg);
    if (assigned) {
      if (isSecretName(assigned[1] as string)) values.push(assigned[2] as string);
    } else if (FLAG_ALONE.test(arg) && isSecretName(arg)) {
      const next = args[index + 1];
      if (next !== undefined && !next.startsWith('-')) values.push(next);
    }
  });
  return values;
}
