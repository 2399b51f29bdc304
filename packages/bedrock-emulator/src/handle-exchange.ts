import { authError, parseAuthorization } from './auth.js';
import { EmulatorError } from './bedrock-errors.js';
import { listFoundationModels, listInferenceProfiles } from './control-plane.js';
import { handleConverse } from './converse.js';
import { handleConverseStream } from './converse-stream.js';
import { handleCountTokens } from './count-tokens.js';
import type { HttpExchange } from './http-exchange.js';
import { type EmulatorState, type OperationContext, takeFault } from './operation-context.js';
import { loggableHeaders, type RecordedRequestDraft } from './request-log.js';
import { sendError, sendJson } from './respond.js';
import { matchRoute, type Route } from './routes.js';

/** Body as logged and as handed to handlers: JSON when it parses, else the raw text. */
function readJson(bytes: Buffer): { value: unknown; valid: boolean } {
  if (bytes.length === 0) return { value: undefined, valid: true };
  const text = bytes.toString('utf8');
  try {
    return { value: JSON.parse(text), valid: true };
  } catch {
    return { value: text, valid: false };
  }
}

/** Serves one request: log it, check auth, route it, and turn any failure into Bedrock's error shape. */
export async function handleExchange(exchange: HttpExchange, state: EmulatorState): Promise<void> {
  const receivedAt = performance.now();
  let bytes: Buffer;
  try {
    bytes = await exchange.readBody();
  } catch {
    return; // The client went away mid-request; there is no one to answer.
  }
  const route = matchRoute(exchange.method, exchange.rawPath);
  const { authorization } = exchange.headers;
  const auth = parseAuthorization(authorization);
  const body = readJson(bytes);
  const record = state.log.add({
    operation: route?.operation ?? 'Unknown',
    method: exchange.method,
    path: exchange.rawPath,
    modelId: route?.modelId,
    body: body.value,
    auth,
    region: auth.scheme === 'sigv4' ? auth.region : undefined,
    httpVersion: exchange.httpVersion,
    headers: loggableHeaders(exchange.headers),
  });

  try {
    const authFailure = authError(authorization, auth, state.region, state.auth);
    if (authFailure) throw authFailure;
    if (route === undefined) {
      throw new EmulatorError(
        'UnknownOperationException',
        `No operation matches ${exchange.method} ${exchange.rawPath}.`,
      );
    }
    if (!body.valid) {
      throw new EmulatorError('SerializationException', 'The request body is not valid JSON.');
    }
    const signal = AbortSignal.any([exchange.signal, state.shutdown]);
    const context: OperationContext = {
      exchange,
      record,
      state,
      modelId: route.modelId ?? '',
      body: body.value ?? {},
      signal,
      receivedAt,
    };
    await dispatch(route, context);
  } catch (error) {
    answerFailure(exchange, record, error);
  }
}

async function dispatch(route: Route, context: OperationContext): Promise<void> {
  const { exchange, record, state } = context;
  switch (route.operation) {
    case 'Converse':
      return handleConverse(context);
    case 'ConverseStream':
      return handleConverseStream(context);
    case 'CountTokens':
      return handleCountTokens(context);
    case 'ListFoundationModels':
    case 'ListInferenceProfiles': {
      const fault = takeFault(context, route.operation);
      if (fault?.kind === 'drop') return exchange.destroyConnection(fault.scope);
      const list = route.operation === 'ListFoundationModels' ? listFoundationModels : listInferenceProfiles;
      return sendJson(exchange, record, 200, list(state.region, exchange.query, state.models));
    }
  }
}

function answerFailure(exchange: HttpExchange, record: RecordedRequestDraft, error: unknown): void {
  if (record.status !== undefined) {
    // Headers are out (a stream failed mid-way): the only honest signal left is a broken connection.
    exchange.destroyConnection('stream');
    return;
  }
  const emulatorError =
    error instanceof EmulatorError
      ? error
      : new EmulatorError('InternalServerException', error instanceof Error ? error.message : String(error));
  sendError(exchange, record, emulatorError);
}
