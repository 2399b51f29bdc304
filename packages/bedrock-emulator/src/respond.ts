import { randomUUID } from 'node:crypto';
import type { EmulatorError } from './bedrock-errors.js';
import type { HttpExchange } from './http-exchange.js';
import type { RecordedRequestDraft } from './request-log.js';

/** Sends a JSON response and records its status. */
export function sendJson(
  exchange: HttpExchange,
  record: RecordedRequestDraft,
  status: number,
  payload: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  writeHead(exchange, record, status, {
    'content-type': 'application/json',
    'content-length': String(body.length),
    ...extraHeaders,
  });
  exchange.end(body);
}

/** Sends Bedrock's error shape: status, `x-amzn-errortype` and `{"message"}`. */
export function sendError(exchange: HttpExchange, record: RecordedRequestDraft, error: EmulatorError): void {
  sendJson(
    exchange,
    record,
    error.status,
    { [error.messageKey]: error.message },
    { 'x-amzn-errortype': error.errorName },
  );
}

/**
 * Writes the status line and headers with a request id, as every Bedrock response has one.
 * Only end-to-end headers: HTTP/2 forbids connection-specific ones.
 */
export function writeHead(
  exchange: HttpExchange,
  record: RecordedRequestDraft,
  status: number,
  headers: Readonly<Record<string, string>>,
): void {
  exchange.writeHead(status, { 'x-amzn-requestid': randomUUID(), ...headers });
  record.status = status;
}
