import { parseArgs } from 'node:util';
import { describeRange, parseWholeNumber, RANGES, type WholeNumberRange } from '../config/whole-number.js';
import {
  DEFAULT_HOST,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_SESSIONS_PER_TOKEN,
  DEFAULT_PORT,
} from '../http/http-defaults.js';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'stdio';
      progress: boolean | undefined;
      envFile: string | undefined;
      /** `--store`: sqlite or dynamodb://…; undefined: BEDROCK_CHAT_STORE, the config file, SQLite. */
      store: string | undefined;
    }
  | {
      kind: 'http';
      host: string;
      port: number;
      progress: boolean | undefined;
      envFile: string | undefined;
      store: string | undefined;
      /** Undefined: the environment variable, else the default. */
      maxConnections: number | undefined;
      maxSessionsPerToken: number | undefined;
      /** `--tokens <file>`: principals and their token hashes; undefined: the environment, else none. */
      tokensFile: string | undefined;
      /** No sessions: any instance behind a load balancer answers any request. */
      stateless: boolean;
    };

/** A usage mistake: the bin prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const HELP_TEXT = `bedrock-chat-mcp — Claude on AWS Bedrock as MCP tools (chat, list_conversations, get_conversation, list_models)

Usage:
  bedrock-chat-mcp                      serve MCP over stdio (what MCP clients launch)
  bedrock-chat-mcp --http [options]     serve Streamable HTTP at http://<host>:<port>/mcp

Options:
  --http              serve HTTP instead of stdio (needs a bearer token; see below)
  --host <address>    HTTP interface to bind (default ${DEFAULT_HOST})
  --port <n>          HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --max-connections <n>         open HTTP connections (default ${DEFAULT_MAX_CONNECTIONS}); at the cap the
                                longest-idle connection without a valid token is closed
  --max-sessions-per-token <n>  sessions one token (with --tokens: one principal) may hold (default
                                ${DEFAULT_MAX_SESSIONS_PER_TOKEN}); at the quota its least recently used idle session is closed
  --stateless         no sessions: every request gets its own server, so any instance behind a load
                      balancer answers any request (a cancellation reaching another instance is lost)
  --tokens <file>     principals and their tokens, as JSON {"<principal>": ["<hex sha256 of a token>", …]};
                      each sees only its own conversations (without it every token is the local user,
                      who shares the CLI's)
  --store <url>       where conversations live: sqlite (default) or dynamodb://<table>[?region=…]
                      (same as BEDROCK_CHAT_STORE); instances sharing one table share conversations
  --no-progress       never send progress notifications (same as BEDROCK_CHAT_MCP_PROGRESS=off)
  --env-file <path>   read settings and credentials from this env file (same as BEDROCK_CHAT_ENV_FILE);
                      without it no .env file is read, not even one in the working directory
  -h, --help          show this help
  -v, -V, --version   print the version (-V as in the bedrock-chat CLI)

Environment:
  AWS credentials and region as for the AWS CLI (AWS_PROFILE, AWS_REGION, AWS_BEARER_TOKEN_BEDROCK …),
  BEDROCK_CHAT_ENV_FILE (an env file to read, like --env-file; the environment wins over it),
  BEDROCK_CHAT_MODEL, BEDROCK_CHAT_HOME (conversation store, shared with the bedrock-chat CLI),
  BEDROCK_CHAT_MCP_TIMEOUT_MS (default 55000), BEDROCK_CHAT_MCP_ALLOWED_MODELS, BEDROCK_CHAT_MCP_MAX_TOKENS,
  BEDROCK_CHAT_MCP_MAX_TURNS, BEDROCK_CHAT_MCP_PROGRESS=off,
  BEDROCK_CHAT_MCP_FILE_ROOTS (stdio: the directories chat's files may come from, ':'-separated),
  HTTP only: BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS (the same over HTTP; files are off without it),
  BEDROCK_CHAT_MCP_TOKEN (generated and printed to stderr when unset),
  BEDROCK_CHAT_MCP_ALLOWED_ORIGINS, BEDROCK_CHAT_MCP_ALLOWED_HOSTS,
  BEDROCK_CHAT_MCP_TOKENS_FILE (like --tokens), BEDROCK_CHAT_MCP_MAX_CONNECTIONS,
  BEDROCK_CHAT_MCP_MAX_SESSIONS_PER_TOKEN (the flags win). GET /healthz answers without a token.
  SIGTERM/SIGINT: stop accepting, let calls in flight finish (BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS,
  default the chat deadline + 5 s; calls still running then answer "shutting down"), exit.
`;

/** A numeric flag, read by the same rule as the environment variables. */
function parseNumber(flag: string, value: string | undefined, range: WholeNumberRange): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseWholeNumber(value, range);
  if (parsed === undefined)
    throw new UsageError(`${flag} must be ${describeRange(range)} (got "${value.slice(0, 40)}").`);
  return parsed;
}

/** argv (without node and the script) → what to do. Throws UsageError on a mistake. */
export function parseArgv(argv: readonly string[]): Command {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const progress = values['no-progress'] ? false : undefined;
  const envFile = values['env-file'];
  if (envFile !== undefined && envFile.trim() === '') throw new UsageError('--env-file needs a path.');
  const store = values.store;
  if (store !== undefined && store.trim() === '')
    throw new UsageError('--store needs sqlite or dynamodb://<table>.');
  if (!values.http) {
    const httpOnly = [
      'host',
      'port',
      'max-connections',
      'max-sessions-per-token',
      'tokens',
      'stateless',
    ] as const;
    const given = httpOnly.find((name) => values[name] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} applies to --http only.`);
    return { kind: 'stdio', progress, envFile, store };
  }
  const host = values.host?.trim();
  if (host === '') throw new UsageError('--host needs an address.');
  const tokensFile = values.tokens;
  if (tokensFile !== undefined && tokensFile.trim() === '') throw new UsageError('--tokens needs a path.');
  return {
    kind: 'http',
    host: host ?? DEFAULT_HOST,
    port: parseNumber('--port', values.port, RANGES.port) ?? DEFAULT_PORT,
    progress,
    maxConnections: parseNumber('--max-connections', values['max-connections'], RANGES.maxConnections),
    maxSessionsPerToken: parseNumber(
      '--max-sessions-per-token',
      values['max-sessions-per-token'],
      RANGES.maxSessionsPerToken,
    ),
    envFile,
    store,
    tokensFile,
    stateless: values.stateless === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    // parseArgs gives an option one short name; -V (the CLI's) is read as -v.
    args: argv.map((arg) => (arg === '-V' ? '-v' : arg)),
    strict: true,
    allowPositionals: false,
    options: {
      http: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      'max-connections': { type: 'string' },
      'max-sessions-per-token': { type: 'string' },
      tokens: { type: 'string' },
      stateless: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
      'env-file': { type: 'string' },
      store: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
