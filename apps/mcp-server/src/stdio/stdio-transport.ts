import process from 'node:process';
import { STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server-deps.js';
import { oversizedLineReply, parseJsonRpcLine } from './json-rpc-line.js';
import { type LineEvent, LineSplitter } from './line-splitter.js';

/** Why a request to the client fails once stdin has ended. */
const CLIENT_GONE = 'the client closed stdin, so it can no longer answer';

export interface StdioTransportOptions {
  input?: NodeJS.ReadableStream | undefined;
  output?: NodeJS.WritableStream | undefined;
  /** Longest line read; longer ones get an error reply. Default: the SDK transport's 10 MiB buffer. */
  maxLineBytes?: number | undefined;
  log?: Logger | undefined;
}

/**
 * MCP over stdin/stdout, newline-delimited, like the SDK's `StdioServerTransport` with three
 * differences: a line it cannot use (not JSON, a batch, not JSON-RPC, longer than the limit) gets a
 * JSON-RPC error reply and the session goes on (the SDK's drops it, or closes on an over-long line);
 * it knows which requests are still unanswered, so that the end of stdin can wait for their replies
 * ({@link inputEnded}, {@link whenIdle}), while a request to the client (roots/list) fails at once after
 * stdin ended, as no answer can come; and a closed stdout ends the session instead of crashing.
 */
export class StdioLineTransport implements Transport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JSONRPCMessage) => void) | undefined;

  /** Resolves when stdin has ended (the client closed it) and every line before it was handled. */
  readonly inputEnded: Promise<void>;

  readonly #input: NodeJS.ReadableStream;
  readonly #output: NodeJS.WritableStream;
  readonly #maxLineBytes: number;
  readonly #log: Logger;
  readonly #splitter: LineSplitter;
  /**
   * Requests read whose reply has not been written yet, counted per id: a client that reuses an id
   * while the first call runs (its bug) still gets both calls drained, not only the first reply.
   */
  readonly #unanswered = new Map<RequestId, number>();
  #unansweredCount = 0;
  #idleWaiters: (() => void)[] = [];
  /** Requests this server sent the client (roots/list) whose answer has not come yet. */
  readonly #awaitingClient = new Set<RequestId>();
  #endInput!: () => void;
  #inputEnded = false;
  #closed = false;
  #outputBroken = false;

  constructor(options: StdioTransportOptions = {}) {
    this.#input = options.input ?? process.stdin;
    this.#output = options.output ?? process.stdout;
    this.#maxLineBytes = options.maxLineBytes ?? STDIO_DEFAULT_MAX_BUFFER_SIZE;
    this.#log = options.log ?? (() => {});
    this.#splitter = new LineSplitter(this.#maxLineBytes);
    this.inputEnded = new Promise((resolve) => {
      this.#endInput = resolve;
    });
  }

  /** How many requests are waiting for their reply. */
  get unanswered(): number {
    return this.#unansweredCount;
  }

  async start(): Promise<void> {
    this.#input.on('data', this.#onData);
    this.#input.on('end', this.#onEnd);
    this.#input.on('error', this.#onInputError);
    this.#output.on('error', this.#onOutputError);
  }

  /** Resolves once no request read so far is waiting for its reply. */
  whenIdle(): Promise<void> {
    if (this.#unansweredCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (isJSONRPCRequest(message)) {
      // Once stdin has ended the client can send nothing more: a request to it would wait out its
      // timeout (or the call's deadline) for an answer that cannot come.
      if (this.#inputEnded) return Promise.reject(new Error(CLIENT_GONE));
      this.#awaitingClient.add(message.id);
    }
    const answered =
      isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message) ? message.id : undefined;
    return this.#write(message).then(() => {
      if (answered !== undefined) this.#settle(answered);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#input.off('data', this.#onData);
    this.#input.off('end', this.#onEnd);
    this.#input.off('error', this.#onInputError);
    if (this.#input.listenerCount('data') === 0) this.#input.pause();
    this.#endInput();
    this.onclose?.();
  }

  #write(message: unknown): Promise<void> {
    if (this.#outputBroken) return Promise.resolve();
    return new Promise((resolve) => {
      // The callback runs once the bytes are handed to the OS, so exiting afterwards loses nothing.
      this.#output.write(`${JSON.stringify(message)}\n`, () => resolve());
    });
  }

  #track(id: RequestId): void {
    this.#unanswered.set(id, (this.#unanswered.get(id) ?? 0) + 1);
    this.#unansweredCount++;
  }

  /** One reply (or cancellation) for `id`: one of the calls with that id is done. */
  #settle(id: RequestId): void {
    const count = this.#unanswered.get(id);
    if (count === undefined) return;
    if (count > 1) this.#unanswered.set(id, count - 1);
    else this.#unanswered.delete(id);
    this.#unansweredCount--;
    if (this.#unansweredCount > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  #handle(event: LineEvent): void {
    if (event.kind === 'too-long') {
      this.#log(
        `stdin: a message of ${event.bytes} bytes is over the ${this.#maxLineBytes}-byte line limit; answered with an error, not read.`,
      );
      void this.#write(oversizedLineReply(event.id, this.#maxLineBytes));
      return;
    }
    const parsed = parseJsonRpcLine(event.text);
    if (parsed.kind === 'invalid') {
      this.#log(`stdin: ${parsed.replies[0]?.error.message ?? 'unusable line'}`);
      for (const reply of parsed.replies) void this.#write(reply);
      return;
    }
    const { message } = parsed;
    if (isJSONRPCRequest(message)) this.#track(message.id);
    if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id !== undefined) {
      this.#awaitingClient.delete(message.id);
    }
    // A cancelled request gets no reply (the SDK drops it): stop waiting for one.
    if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
      const requestId = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (requestId !== undefined) this.#settle(requestId);
    }
    this.onmessage?.(message);
  }

  readonly #onData = (chunk: Buffer | string) => {
    for (const event of this.#splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) {
      this.#handle(event);
    }
  };

  readonly #onEnd = () => {
    if (this.#inputEnded) return;
    for (const event of this.#splitter.end()) this.#handle(event);
    this.#inputEnded = true;
    // What the server asked the client and is still waiting for will never be answered: fail it now,
    // so the calls that need it finish (and are drained) instead of waiting out a timeout.
    const awaiting = [...this.#awaitingClient];
    this.#awaitingClient.clear();
    for (const id of awaiting) {
      this.onmessage?.({
        jsonrpc: '2.0',
        id,
        error: { code: ErrorCode.ConnectionClosed, message: CLIENT_GONE },
      });
    }
    this.#endInput();
  };

  readonly #onInputError = (error: Error) => {
    this.onerror?.(error);
    this.#onEnd();
  };

  /** The client closed stdout (EPIPE): nothing more can be answered. */
  readonly #onOutputError = (error: Error) => {
    if (this.#outputBroken) return;
    this.#outputBroken = true;
    this.#log(`stdout closed (${(error as NodeJS.ErrnoException).code ?? error.message}); stopping.`);
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    this.#unanswered.clear();
    this.#unansweredCount = 0;
    for (const waiter of waiters) waiter();
    void this.close();
  };
}
