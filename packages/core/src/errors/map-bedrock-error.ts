import { BedrockChatError } from './bedrock-chat-error.js';
import type { ErrorCode } from './error-codes.js';
import { invalidRequestHint } from './invalid-request-hint.js';
import { redactSecrets } from './redact-secrets.js';

/** What the caller knew when the call failed; used to write hints that name things. */
export interface ErrorContext {
  /** The id sent to Bedrock. */
  modelId: string;
  region: string;
  /** An inference profile that would work, when the model needs one. */
  suggestedProfileId?: string | undefined;
  endpointUrl?: string | undefined;
  /** The AWS profile in use, for `aws sso login --profile`. */
  profile?: string | undefined;
  credentialKind?: string | undefined;
  /** The call was a stream, so "use streaming" is no advice. */
  streaming?: boolean | undefined;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $response?: { statusCode?: number };
}

const CONSOLE = (region: string) =>
  `https://${region}.console.aws.amazon.com/bedrock/home?region=${region}#/modelaccess`;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_ERROR',
]);

/** " (after 3 attempts)" when the SDK retried; " (after 1 attempt)" when retries are off (AWS_MAX_ATTEMPTS=1). */
function afterAttempts(attempts: number | undefined): string {
  if (!attempts) return '';
  return ` (after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
}

function make(
  code: ErrorCode,
  message: string,
  hint: string | undefined,
  cause: unknown,
  details: Record<string, unknown>,
) {
  // Hints name the endpoint too, which may carry user:password@.
  return new BedrockChatError({
    code,
    message: redactSecrets(message),
    hint: hint === undefined ? undefined : redactSecrets(hint),
    cause,
    details,
  });
}

/**
 * What to do about a deadline. Without streaming the deadline covers the whole reply, so streaming
 * helps; while streaming it is the longest silence between events, so only a longer one does.
 */
export function timeoutHint(streaming: boolean | undefined): string {
  return streaming
    ? 'Raise the timeout (BEDROCK_CHAT_TIMEOUT_MS): while streaming it is the longest wait for the next part of the reply.'
    : 'Raise the timeout (BEDROCK_CHAT_TIMEOUT_MS), lower maxTokens, or use streaming.';
}

function credentialHint(context: ErrorContext, message = ''): string {
  const where = context.endpointUrl ?? `bedrock-runtime.${context.region}.amazonaws.com`;
  // SigV4 signs for one region and service; the endpoint checks both (its message says which).
  if (/scoped to a valid region/i.test(message)) {
    const signed = `The request was signed for region ${context.region}, which ${where} does not serve`;
    return context.endpointUrl
      ? `${signed}: set the endpoint's region (--region or AWS_REGION), or drop the custom endpoint to use ${context.region}'s.`
      : `${signed}: check the region (--region, AWS_REGION, the profile's region) and any proxy between you and Bedrock.`;
  }
  if (/scoped to correct service/i.test(message)) {
    return `${where} expects a signature for another service than bedrock: check that it is a Bedrock Runtime endpoint (--endpoint-url, AWS_ENDPOINT_URL_BEDROCK_RUNTIME).`;
  }
  if (context.credentialKind === 'api-key') {
    return `Your Bedrock API key was rejected. Short-term keys expire after at most 12 hours and work only in the region they were made in: create a new key in the Bedrock console (API keys) for ${context.region} and set AWS_BEARER_TOKEN_BEDROCK.`;
  }
  if (context.credentialKind === 'sso') {
    return `Your SSO session has ended: run \`aws sso login${context.profile ? ` --profile ${context.profile}` : ''}\`.`;
  }
  return 'Check your AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK) and that they are for this account.';
}

/** Maps anything a Bedrock call throws to a `BedrockChatError` with a stable code and a hint. Pure. */
export function mapBedrockError(error: unknown, context: ErrorContext): BedrockChatError {
  if (BedrockChatError.isInstance(error)) return error;
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = err.name ?? '';
  // Bedrock ends some messages with a space ("…valid region. "): it would show inside "( … )".
  const raw = redactSecrets(err.message ?? String(error)).trim();
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  const attempts = err.$metadata?.attempts;
  const details = {
    modelId: context.modelId,
    region: context.region,
    ...(status ? { httpStatus: status } : {}),
    ...(attempts ? { attempts } : {}),
    ...(err.$metadata?.requestId ? { requestId: err.$metadata.requestId } : {}),
    awsErrorName: name || undefined,
  };
  const { modelId, region } = context;

  if (name === 'AbortError' || err.code === 'ABORT_ERR') {
    return make('ABORTED', 'The request was cancelled.', undefined, error, details);
  }
  const connectionLost = /did not get a response|socket hang up|ECONNRESET|stream was destroyed/i.test(raw);
  if (
    (!connectionLost && (name === 'TimeoutError' || name === 'RequestTimeout')) ||
    (err.code === 'ETIMEDOUT' && /timed? ?out/i.test(raw))
  ) {
    return make(
      'TIMEOUT',
      `Bedrock did not answer in time (${raw}).`,
      timeoutHint(context.streaming),
      error,
      details,
    );
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|could not be signed with `token`|token is not defined/i.test(raw)
  ) {
    if (/expired|sso.*(session|token)|token.*refresh/i.test(raw)) {
      return make(
        'CREDENTIALS_EXPIRED',
        `Your AWS credentials have expired: ${raw}`,
        credentialHint({ ...context, credentialKind: context.credentialKind ?? 'sso' }),
        error,
        details,
      );
    }
    return make(
      'CREDENTIALS_MISSING',
      'No AWS credentials were found.',
      'Set a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK (or in .env), or configure credentials with `aws configure` / `aws sso login` and AWS_PROFILE.',
      error,
      details,
    );
  }
  if (
    name === 'ExpiredTokenException' ||
    name === 'ExpiredToken' ||
    /security token included in the request is expired|token has expired|expired token/i.test(raw)
  ) {
    return make(
      'CREDENTIALS_EXPIRED',
      `Your AWS credentials have expired: ${raw}`,
      credentialHint(context),
      error,
      details,
    );
  }
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'IncompleteSignatureException' ||
    name === 'MissingAuthenticationTokenException' ||
    /security token included in the request is invalid|API Key is valid|Authentication failed|signature we calculated does not match|Missing Authentication Token/i.test(
      raw,
    )
  ) {
    return make(
      'CREDENTIALS_REJECTED',
      `Bedrock rejected the credentials: ${raw}`,
      credentialHint(context, raw),
      error,
      details,
    );
  }

  switch (name) {
    case 'AccessDeniedException': {
      if (/not authorized to perform/i.test(raw)) {
        return make(
          'MODEL_ACCESS_DENIED',
          `Access denied for ${modelId} in ${region}: ${raw}`,
          `Your IAM identity needs bedrock:InvokeModel (and bedrock:InvokeModelWithResponseStream for streaming) on ${modelId}; for an inference profile also on the foundation model in every region the profile routes to.`,
          error,
          details,
        );
      }
      return make(
        'MODEL_ACCESS_DENIED',
        `Model access not granted for ${modelId} in ${region}.`,
        `Request access to this model in the Bedrock console (Model access) for ${region}: ${CONSOLE(region)}. Access can take a few minutes to become active.`,
        error,
        details,
      );
    }
    case 'ValidationException': {
      if (/on-demand throughput isn.t supported/i.test(raw)) {
        const use = context.suggestedProfileId
          ? `Use the inference profile ${context.suggestedProfileId}`
          : 'Use an inference profile id (for example us.<model id>, or global.<model id>)';
        return make(
          'ON_DEMAND_NOT_SUPPORTED',
          `${modelId} cannot be called directly on demand: Bedrock serves it only through an inference profile.`,
          `${use} (or a short alias such as sonnet, haiku, opus, which bedrock-chat resolves for you).`,
          error,
          details,
        );
      }
      if (
        /model identifier is invalid|model.*(not|isn't) (supported|available)|not available in this region|unsupported model/i.test(
          raw,
        )
      ) {
        return make(
          'MODEL_NOT_IN_REGION',
          `${modelId} is not a model Bedrock offers in ${region}.`,
          `Check the id (run \`bedrock-chat models\` to see what ${region} offers), try an alias such as sonnet, or choose a region where the model is available (for example us-east-1, us-west-2) or a global inference profile (global.<model id>).`,
          error,
          details,
        );
      }
      if (/too long|input is too long|context (window|length)|prompt is too long/i.test(raw)) {
        return make(
          'CONTEXT_WINDOW_EXCEEDED',
          `The conversation is too long for ${modelId}: ${raw}`,
          'Start a new conversation or shorten the prompt.',
          error,
          details,
        );
      }
      return make(
        'INVALID_REQUEST',
        `Bedrock rejected the request as invalid: ${raw}`,
        invalidRequestHint(raw),
        error,
        details,
      );
    }
    case 'ResourceNotFoundException':
      return make(
        'MODEL_NOT_FOUND',
        `Model ${modelId} was not found: ${raw}`,
        `Check the model id, or run \`bedrock-chat models\` to list what ${region} offers.`,
        error,
        details,
      );
    case 'ThrottlingException':
      return make(
        'THROTTLED',
        `Bedrock throttled the request${afterAttempts(attempts)}: ${raw}`,
        'Wait and retry, lower maxTokens (Bedrock reserves quota by it), try a global inference profile (global.<model id>), or ask for a higher tokens-per-minute quota in Service Quotas.',
        error,
        details,
      );
    case 'ServiceQuotaExceededException':
      return make(
        'QUOTA_EXCEEDED',
        `A Bedrock service quota was exceeded: ${raw}`,
        'Ask for a higher quota for this model in the Service Quotas console, or lower maxTokens.',
        error,
        details,
      );
    case 'ModelNotReadyException':
      return make(
        'MODEL_NOT_READY',
        `${modelId} is not ready yet: ${raw}`,
        'A newly enabled model can take a few minutes to become available; try again shortly.',
        error,
        details,
      );
    case 'ModelTimeoutException':
      return make(
        'MODEL_TIMEOUT',
        `The model took too long to answer: ${raw}`,
        context.streaming
          ? 'Try again, or lower maxTokens.'
          : 'Try again, lower maxTokens, or use streaming.',
        error,
        details,
      );
    case 'ModelErrorException':
    case 'ModelStreamErrorException':
      return make(
        'MODEL_ERROR',
        `The model failed while answering: ${raw}`,
        'Try again; if it persists, try another model.',
        error,
        details,
      );
    case 'InternalServerException':
    case 'ServiceUnavailableException':
      return make(
        'SERVICE_UNAVAILABLE',
        `Bedrock is unavailable${afterAttempts(attempts)}: ${raw}`,
        'Try again in a moment, or try another region or a global inference profile (global.<model id>).',
        error,
        details,
      );
    default:
      break;
  }

  const code = err.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (
    connectionLost ||
    (code && NETWORK_CODES.has(code)) ||
    /ECONNREFUSED|ENOTFOUND|socket hang up|network|connect/i.test(raw)
  ) {
    const where = context.endpointUrl ?? `bedrock-runtime.${region}.amazonaws.com`;
    return make(
      'NETWORK_ERROR',
      `The connection to Bedrock at ${where} failed: ${raw}`,
      'Check your network or proxy, the region, and AWS_ENDPOINT_URL_BEDROCK_RUNTIME / --endpoint-url if you set one.',
      error,
      details,
    );
  }
  if (status === 400)
    return make('INVALID_REQUEST', `Bedrock rejected the request: ${raw}`, undefined, error, details);
  if (status === 403)
    return make(
      'MODEL_ACCESS_DENIED',
      `Access denied: ${raw}`,
      `Check model access for ${modelId} in ${region}: ${CONSOLE(region)}`,
      error,
      details,
    );
  if (status !== undefined && status >= 500)
    return make('SERVICE_UNAVAILABLE', `Bedrock failed: ${raw}`, 'Try again in a moment.', error, details);
  return make('INTERNAL', `Unexpected error calling Bedrock: ${raw}`, undefined, error, details);
}
