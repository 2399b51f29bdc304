import type { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedSecrets } from '../../config/config-types.js';
import type { ResolvedConfig } from '../../config/resolve-config.js';

type SdkModule = typeof import('./bedrock-runtime-sdk.js');
let sdkModule: Promise<SdkModule> | undefined;
let loadedSdk: SdkModule | undefined;

/** The SDK is imported on first use so that importing `@bedrock-chat/core` stays cheap. */
export function loadBedrockRuntimeSdk(): Promise<SdkModule> {
  sdkModule ??= import('./bedrock-runtime-sdk.js').then((module) => {
    loadedSdk = module;
    return module;
  });
  return sdkModule;
}

/** The SDK once imported, so that a call after the first need not wait a turn for it. */
export function loadedBedrockRuntimeSdk(): SdkModule | undefined {
  return loadedSdk;
}

/** The one method of the Bedrock Runtime client bedrock-chat uses; tests may pass their own. */
export type ConverseSender = Pick<BedrockRuntimeClient, 'send'>;

/**
 * How much longer than the call's own deadline the HTTP/2 stream's idle timeout waits. The call's
 * deadline (a timer the client restarts on each event) is what the user is told about; the
 * stream's timeout is only a backstop. Both measure a silence, and bytes reach the stream no later
 * than events reach the client, so with this margin the call's deadline always fires first: were
 * they equal, the stream's would win mid-reply and the SDK would end the event stream quietly,
 * which reads as a cut-off connection (NETWORK_ERROR) rather than a timeout.
 */
export const SOCKET_TIMEOUT_MARGIN_MS = 1_000;

/** The HTTP/2 stream's idle timeout for a call whose deadline is `timeoutMs`. */
export function socketTimeoutMs(timeoutMs: number): number {
  return timeoutMs + SOCKET_TIMEOUT_MARGIN_MS;
}

/**
 * Client options from a resolved config. The endpoint, region and credentials are passed
 * explicitly because `.env` values never reach `process.env`; without `.env` they equal what the
 * SDK would have found itself (AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_BEARER_TOKEN_BEDROCK …).
 */
export function bedrockClientConfig(
  config: ResolvedConfig,
  secrets: ResolvedSecrets,
): BedrockRuntimeClientConfig {
  const options: BedrockRuntimeClientConfig = {
    region: config.region.value,
    maxAttempts: config.maxAttempts.value,
    retryMode: config.retryMode.value,
    // Calls share one HTTP/2 session (the SDK's default for this client opens one per call,
    // which costs a connection setup each time); event streams still get their own.
    requestHandler: {
      requestTimeout: socketTimeoutMs(config.timeoutMs.value),
      disableConcurrentStreams: false,
    },
  };
  if (config.endpointUrl) options.endpoint = config.endpointUrl.value;
  if (secrets.apiKey) {
    options.token = { token: secrets.apiKey };
    options.authSchemePreference = ['httpBearerAuth'];
    return options;
  }
  // No API key was resolved, yet the SDK would still pick bearer auth for an empty
  // AWS_BEARER_TOKEN_BEDROCK and fail with "could not be signed with `token`": sign with SigV4.
  options.authSchemePreference = ['sigv4'];
  if (config.credentials.kind === 'env-keys' && secrets.accessKeys) {
    options.credentials = secrets.accessKeys;
  } else if (config.profile) {
    options.profile = config.profile.value;
  }
  return options;
}

export async function createBedrockRuntimeClient(
  config: ResolvedConfig,
  secrets: ResolvedSecrets,
): Promise<BedrockRuntimeClient> {
  const { BedrockRuntimeClient } = await loadBedrockRuntimeSdk();
  return new BedrockRuntimeClient(bedrockClientConfig(config, secrets));
}
