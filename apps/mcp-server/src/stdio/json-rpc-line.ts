import {
  ErrorCode,
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** One line of input: a message for the server, or the error replies it gets instead. */
export type ParsedLine =
  | { kind: 'message'; message: JSONRPCMessage }
  | { kind: 'invalid'; replies: JSONRPCErrorResponse[] };

function errorReply(id: RequestId | null, code: ErrorCode, message: string): JSONRPCErrorResponse {
  // JSON-RPC 2.0 §5: "If there was an error in detecting the id … it MUST be Null." The SDK's type
  // has no null id, though its wire format is plain JSON.
  return { jsonrpc: '2.0', id: id as RequestId, error: { code, message } };
}

function idOf(value: unknown): RequestId | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

const BATCH_MESSAGE =
  'Invalid Request: JSON-RPC batches are not supported (MCP 2025-06-18 removed them); send one message per line.';

/**
 * Parses one stdio line as the SDK's transport does (JSON, then the JSON-RPC message schema), but
 * answers what it cannot use instead of dropping it, so the client never waits for a reply that
 * will not come: -32700 for text that is not JSON, -32600 for JSON that is not one JSON-RPC
 * message. A batch gets one error per member that has an id (the ids its sender waits on).
 */
export function parseJsonRpcLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return {
      kind: 'invalid',
      replies: [errorReply(null, ErrorCode.ParseError, 'Parse error: the line is not valid JSON.')],
    };
  }
  if (Array.isArray(value)) {
    const ids = value.map(idOf).filter((id) => id !== null);
    const replies = (ids.length === 0 ? [null] : ids).map((id) =>
      errorReply(id, ErrorCode.InvalidRequest, BATCH_MESSAGE),
    );
    return { kind: 'invalid', replies };
  }
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (parsed.success) return { kind: 'message', message: parsed.data };
  return {
    kind: 'invalid',
    replies: [
      errorReply(
        idOf(value),
        ErrorCode.InvalidRequest,
        'Invalid Request: not a JSON-RPC 2.0 request, notification or response.',
      ),
    ],
  };
}

/**
 * The error reply to a line longer than the read limit, with the id the line's streaming scan found
 * (its top-level `"id"` member, wherever it sits), else null.
 */
export function oversizedLineReply(id: RequestId | null, limitBytes: number): JSONRPCErrorResponse {
  return errorReply(
    id,
    ErrorCode.InvalidRequest,
    `Invalid Request: the message is longer than this server's limit of ${limitBytes} bytes per line; it was not read.`,
  );
}
