import { BedrockChatError } from '../../errors/bedrock-chat-error.js';

/** Where the failing call went, for messages and hints. */
export interface DynamoTarget {
  table: string;
  region: string;
}

const initHint = (target: DynamoTarget) =>
  `Create it with \`bedrock-chat store init\` (with BEDROCK_CHAT_STORE=dynamodb://${target.table}?region=${target.region}); it prints the IAM policy the store needs.`;

const CREDENTIALS_HINT =
  'The DynamoDB store signs with AWS credentials from the AWS chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, a role): a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) cannot call DynamoDB. `bedrock-chat doctor` checks them.';

const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'CredentialsProviderError',
  'IncompleteSignatureException',
]);
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function networkCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) return errors.map(networkCode).find((found) => found !== undefined);
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause === undefined || cause === error ? undefined : networkCode(cause);
}

/** An SDK failure (after the SDK's own retries) as a BedrockChatError with what to do about it. */
export function toDynamoStoreError(error: unknown, target: DynamoTarget): BedrockChatError {
  if (BedrockChatError.isInstance(error)) return error;
  const name = nameOf(error);
  const where = `DynamoDB table ${target.table} in ${target.region}`;
  const details = { table: target.table, region: target.region, awsError: name || undefined };
  if (name === 'ResourceNotFoundException') {
    return new BedrockChatError({
      code: 'STORE_UNAVAILABLE',
      message: `The ${where} does not exist.`,
      hint: initHint(target),
      cause: error,
      details: { ...details, reason: 'table-missing' },
    });
  }
  if (name === 'AccessDeniedException') {
    return new BedrockChatError({
      code: 'STORE_UNAVAILABLE',
      message: `Access to the ${where} was denied.`,
      hint: 'Grant the IAM policy that `bedrock-chat store init` prints to the identity that runs bedrock-chat.',
      cause: error,
      details: { ...details, reason: 'access-denied' },
    });
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new BedrockChatError({
      code: 'STORE_UNAVAILABLE',
      message:
        name === 'CredentialsProviderError'
          ? `No AWS credentials were found for the ${where}.`
          : `DynamoDB refused the credentials for the ${where}.`,
      hint: CREDENTIALS_HINT,
      cause: error,
      details: { ...details, reason: 'credentials' },
    });
  }
  if (THROTTLING_ERRORS.has(name)) {
    return new BedrockChatError({
      code: 'STORE_THROTTLED',
      message: `The ${where} is throttling requests, still after retrying.`,
      hint: 'Try again in a moment. The table should use on-demand billing (`bedrock-chat store init` creates it so).',
      cause: error,
      details: { ...details, retryable: true },
    });
  }
  const network = networkCode(error);
  if (network !== undefined || name === 'TimeoutError') {
    return new BedrockChatError({
      code: 'STORE_UNAVAILABLE',
      message: `Cannot reach DynamoDB for the ${where} (${network ?? name}).`,
      hint: 'Check the network and the region (dynamodb://<table>?region=… or AWS_REGION), and AWS_ENDPOINT_URL_DYNAMODB if you set one.',
      cause: error,
      details: { ...details, reason: 'unreachable', retryable: true },
    });
  }
  return new BedrockChatError({
    code: 'INTERNAL',
    message: `Unexpected DynamoDB error on the ${where}: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
    details,
  });
}

export function missingRegion(table: string): BedrockChatError {
  return new BedrockChatError({
    code: 'CONFIG_INVALID',
    message: `No region for the DynamoDB store (table ${table}).`,
    hint: `Name it in the store URL (dynamodb://${table}?region=us-east-1) or set AWS_REGION. The Bedrock region (-r) is not used for the store.`,
    details: { table },
  });
}

export function searchUnsupported(): BedrockChatError {
  return new BedrockChatError({
    code: 'SEARCH_UNSUPPORTED',
    message:
      'This conversation store (DynamoDB) cannot search message text: DynamoDB has no full-text index, and scanning every message of every conversation would be slow and costly.',
    hint: 'List without a search, or use the SQLite store for search (copy conversations with `conversations export` and `conversations import`).',
  });
}

export function tooManyMessages(count: number, max: number): BedrockChatError {
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `Cannot append ${count} messages and files at once to a DynamoDB store: one append holds at most ${max}, counting each distinct file once (a transaction has at most 100 actions).`,
    details: { count, max },
  });
}

/**
 * A conversation whose summary item (META: the system prompt, title and totals) would not fit in
 * one DynamoDB item. Refused before anything is written, and by the rehearsal before the model call.
 */
export function conversationTooLarge(bytes: number, max: number): BedrockChatError {
  const kib = (value: number) => `${Math.ceil(value / 1024)} KiB`;
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `The system prompt is too large for a DynamoDB store: the conversation's summary would take ${kib(bytes)}, and it must stay under ${kib(max)} (a DynamoDB item holds at most 400 KiB). Nothing was sent to the model.`,
    hint: 'Shorten the system prompt, or attach the long text as a file instead (-a: files are stored apart, in chunks), or use a SQLite store.',
    details: { reason: 'system-too-large', bytes, max },
  });
}

/** Transactions kept colliding with others on the same conversation, past every retry. */
export function storeBusy(target: DynamoTarget): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_THROTTLED',
    message: `The DynamoDB table ${target.table} in ${target.region} stayed busy with other writes to this conversation.`,
    hint: 'Nothing was saved. Try again in a moment.',
    details: { table: target.table, region: target.region, retryable: true, conversationUnchanged: true },
  });
}

/** Another import of this id is writing its messages (a long import claims the id first). */
export function importInProgress(conversationId: string, abandonedAfterMs: number): BedrockChatError {
  return new BedrockChatError({
    code: 'CONVERSATION_CONFLICT',
    message: `Another import of conversation ${conversationId} is in progress.`,
    hint: `Nothing was imported. Wait for it to finish; an import that stopped half-way frees the id after ${abandonedAfterMs / 60_000} minutes, or import a copy under a new id (\`--new-id\`).`,
    details: { conversationId, conversationUnchanged: true },
  });
}
