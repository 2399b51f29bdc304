import {
  AccessDeniedException,
  InternalServerException,
  ModelNotReadyException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { BedrockChatError } from './bedrock-chat-error.js';
import { type ErrorContext, mapBedrockError } from './map-bedrock-error.js';

const context: ErrorContext = {
  modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  region: 'us-east-2',
  suggestedProfileId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
};
const meta = (httpStatusCode: number, attempts = 1) => ({
  $metadata: { httpStatusCode, attempts },
  message: '',
});

describe('mapBedrockError', () => {
  it('model access not granted names the model, the region and the console page', () => {
    const error = mapBedrockError(
      new AccessDeniedException({
        ...meta(403),
        message: "You don't have access to the model with the specified model ID.",
      }),
      context,
    );
    expect(error.code).toBe('MODEL_ACCESS_DENIED');
    expect(error.category).toBe('model');
    expect(error.message).toContain(context.modelId);
    expect(error.message).toContain('us-east-2');
    expect(error.hint).toContain(
      'https://us-east-2.console.aws.amazon.com/bedrock/home?region=us-east-2#/modelaccess',
    );
  });

  it('IAM denial tells which permission is missing', () => {
    const error = mapBedrockError(
      new AccessDeniedException({
        ...meta(403),
        message: 'User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:InvokeModel on resource',
      }),
      context,
    );
    expect(error.code).toBe('MODEL_ACCESS_DENIED');
    expect(error.hint).toContain('bedrock:InvokeModel');
  });

  it('on-demand throughput refusal names the inference profile to use', () => {
    const error = mapBedrockError(
      new ValidationException({
        ...meta(400),
        message:
          "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      }),
      context,
    );
    expect(error.code).toBe('ON_DEMAND_NOT_SUPPORTED');
    expect(error.hint).toContain('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('an invalid model identifier says the model is not offered in the region', () => {
    const error = mapBedrockError(
      new ValidationException({ ...meta(400), message: 'The provided model identifier is invalid.' }),
      context,
    );
    expect(error.code).toBe('MODEL_NOT_IN_REGION');
    expect(error.message).toContain('us-east-2');
    expect(error.hint).toContain('bedrock-chat models');
  });

  it('other validation errors keep what was invalid', () => {
    const message = 'A conversation must alternate between user and assistant roles.';
    const error = mapBedrockError(new ValidationException({ ...meta(400), message }), context);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.category).toBe('invalid-input');
    expect(error.message).toContain(message);
  });

  it('a refused temperature says to leave it out, not to fix "the part named above"', () => {
    const message = 'The model returned the following errors: temperature is deprecated for this model.';
    const error = mapBedrockError(new ValidationException({ ...meta(400), message }), context);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.hint).toBe(
      'This model accepts no temperature: leave it out, and unset a configured default temperature.',
    );
  });

  it('throttling after retries says how many attempts and what to do', () => {
    const error = mapBedrockError(
      new ThrottlingException({ ...meta(429, 3), message: 'Too many requests' }),
      context,
    );
    expect(error.code).toBe('THROTTLED');
    expect(error.message).toContain('after 3 attempts');
    expect(error.hint).toMatch(/maxTokens/);
    expect(error.category).toBe('throttled');
    const once = mapBedrockError(
      new ThrottlingException({ ...meta(429, 1), message: 'Too many requests' }),
      context,
    );
    expect(once.message).toBe('Bedrock throttled the request (after 1 attempt): Too many requests');
    const unavailable = mapBedrockError(
      new ServiceUnavailableException({ ...meta(503, 1), message: 'down' }),
      context,
    );
    expect(unavailable.message).toBe('Bedrock is unavailable (after 1 attempt): down');
  });

  it.each([
    [new ServiceUnavailableException({ ...meta(503), message: 'down' }), 'SERVICE_UNAVAILABLE'],
    [new InternalServerException({ ...meta(500), message: 'oops' }), 'SERVICE_UNAVAILABLE'],
    [new ServiceQuotaExceededException({ ...meta(400), message: 'quota' }), 'QUOTA_EXCEEDED'],
    [new ModelNotReadyException({ ...meta(429), message: 'not ready' }), 'MODEL_NOT_READY'],
    [new ModelStreamErrorException({ ...meta(424), message: 'stream broke' }), 'MODEL_ERROR'],
    [new ResourceNotFoundException({ ...meta(404), message: 'Model not found' }), 'MODEL_NOT_FOUND'],
  ])('maps %s', (input, code) => {
    expect(mapBedrockError(input, context).code).toBe(code);
  });

  it('maps credential problems to fail-fast codes with actionable hints', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(mapBedrockError(missing, context)).toMatchObject({
      code: 'CREDENTIALS_MISSING',
      category: 'credentials',
    });
    expect(mapBedrockError(missing, context).hint).toContain('AWS_BEARER_TOKEN_BEDROCK');

    const expired = Object.assign(new Error('The security token included in the request is expired'), {
      name: 'ExpiredTokenException',
    });
    expect(mapBedrockError(expired, { ...context, credentialKind: 'sso', profile: 'dev' }).hint).toContain(
      'aws sso login --profile dev',
    );

    const badKey = Object.assign(
      new Error('Authentication failed: Please make sure your API Key is valid.'),
      { name: 'AccessDeniedException' },
    );
    const rejected = mapBedrockError(badKey, { ...context, credentialKind: 'api-key' });
    expect(rejected.code).toBe('CREDENTIALS_REJECTED');
    expect(rejected.hint).toContain('12 hours');
    expect(rejected.hint).toContain('create a new key in the Bedrock console (API keys) for us-east-2 and');
  });

  it('keeps every word of a rejection and names the region when the signature scope is wrong', () => {
    const scoped = Object.assign(new Error('Credential should be scoped to a valid region. '), {
      name: 'InvalidSignatureException',
    });
    const error = mapBedrockError(scoped, {
      ...context,
      credentialKind: 'env-keys',
      endpointUrl: 'http://127.0.0.1:4000',
    });
    expect(error.message).toBe(
      'Bedrock rejected the credentials: Credential should be scoped to a valid region.',
    );
    expect(error.hint).toContain('signed for region us-east-2, which http://127.0.0.1:4000 does not serve');
    expect(error.hint).toContain('or drop the custom endpoint');
    // Without a custom endpoint there is none to drop: the region is what to check.
    expect(mapBedrockError(scoped, { ...context, credentialKind: 'env-keys' }).hint).toBe(
      "The request was signed for region us-east-2, which bedrock-runtime.us-east-2.amazonaws.com does not serve: check the region (--region, AWS_REGION, the profile's region) and any proxy between you and Bedrock.",
    );
    const withPassword = mapBedrockError(scoped, {
      ...context,
      endpointUrl: 'http://user:hunter2pass@127.0.0.1:4000',
    });
    expect(withPassword.hint).toContain('which http://[redacted]@127.0.0.1:4000 does not serve');
    const badKey = Object.assign(
      new Error('Authentication failed: Please make sure your API Key is valid.'),
      {
        name: 'AccessDeniedException',
      },
    );
    expect(mapBedrockError(badKey, { ...context, credentialKind: 'api-key' }).message).toBe(
      'Bedrock rejected the credentials: Authentication failed: Please make sure your API Key is valid.',
    );
  });

  it('maps network failures and names the endpoint', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = mapBedrockError(refused, { ...context, endpointUrl: 'http://127.0.0.1:9' });
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('http://127.0.0.1:9');
  });

  it('suggests streaming against a timeout only when the call was not a stream', () => {
    const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    const modelTimeout = new ModelTimeoutException({ message: 'Model took too long', $metadata: {} });
    for (const error of [timeout, modelTimeout]) {
      expect(mapBedrockError(error, context).hint).toContain('use streaming');
      expect(mapBedrockError(error, { ...context, streaming: true }).hint).not.toContain('use streaming');
    }
    expect(mapBedrockError(timeout, { ...context, streaming: true }).hint).toContain(
      'BEDROCK_CHAT_TIMEOUT_MS',
    );
  });

  it('maps aborts', () => {
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(mapBedrockError(abort, context).code).toBe('ABORTED');
  });

  it('never repeats a secret from the cause', () => {
    const leaky = new Error('bad header Authorization: Bearer ABSKc2VjcmV0LWtleS12YWx1ZQ==');
    const error = mapBedrockError(leaky, context);
    expect(JSON.stringify(error)).not.toContain('c2VjcmV0');
    expect(error.message).not.toContain('c2VjcmV0');
  });

  it('passes our own errors through', () => {
    const ours = new BedrockChatError({ code: 'INVALID_INPUT', message: 'x' });
    expect(mapBedrockError(ours, context)).toBe(ours);
  });
});
