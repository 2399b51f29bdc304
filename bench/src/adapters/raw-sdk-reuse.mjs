// The raw SDK with one setting changed: a plain `requestHandler` options object, which drops the
// client's default `disableConcurrentStreams: true`, so Converse calls share one HTTP/2 session
// instead of opening a connection each. bedrock-chat's client is configured this way (it passes
// `requestHandler: { requestTimeout }`), so this is the like-for-like floor for its overhead.
// Event streams always get a session of their own, so streaming is unaffected.
import { createAdapter as createRawAdapter } from './raw-sdk.mjs';

export const label = 'raw SDK, session reuse';
export const call = 'BedrockRuntimeClient({ requestHandler: {} }).send(ConverseCommand)';

export function createAdapter(options) {
  return createRawAdapter({ ...options, clientConfig: { requestHandler: {} } });
}
