/**
 * Whether a key, variable or flag name holds a secret, by its words. A name is split into segments on
 * `_`, `-`, `.` and camelCase (`GITHUB_TOKEN_RO` → github, token, ro; `privateKey` → private, key);
 * trailing digits of a segment are ignored (`PASSWORD1`, `api_key_2`, `OPENAI_API_KEY_V2`).
 * It is secret when any segment is, or ends in, a secret word (`PGPASSWORD`, `clientsecret`), or two
 * segments form a secret key (`api key`, `access key`, `private key`, `secret key`); `auth` and `pwd`
 * count only as a whole segment (`HTTP_AUTH`, not `author`).
 * Not secret: plural `tokens` (a count or a path: `max-tokens`, `--tokens=/etc/tokens.json`),
 * `tokenizer`, `keyboard`, `monkey`, `passwordless` (a yes/no setting, not a password), and a name whose
 * last segment says the value only points at a secret (`AWS_SECRET_FILE`, `--secret-file`, `token_path`).
 */
const SECRET_SEGMENT_END = /(?:secret|token|password|passwd|signature|credential|apikey)s?$/;
/** Plural `tokens` is a count or a path (`maxTokens`, `--tokens=/etc/tokens.json`), not a token. */
const NOT_SECRET_SEGMENT = /tokens$/;
const WHOLE_SECRET_SEGMENTS = new Set(['auth', 'pwd']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret']);
/** A last segment that names where a secret is, or how long, rather than the secret itself. */
const REFERENCE_SEGMENTS = new Set(['file', 'path', 'dir', 'url', 'count', 'limit']);

function segments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .map((segment) => segment.toLowerCase().replace(/\d+$/, ''))
    .filter((segment) => segment !== '');
}

function isSecretSegment(segment: string, previous: string | undefined): boolean {
  if (WHOLE_SECRET_SEGMENTS.has(segment)) return true;
  if (/^keys?$/.test(segment)) return previous !== undefined && KEY_QUALIFIERS.has(previous);
  return SECRET_SEGMENT_END.test(segment) && !NOT_SECRET_SEGMENT.test(segment);
}

export function isSecretName(name: string): boolean {
  const parts = segments(name);
  const last = parts.at(-1);
  if (last === undefined || REFERENCE_SEGMENTS.has(last)) return false;
  return parts.some((segment, index) => isSecretSegment(segment, parts[index - 1]));
}
