import {
  AccessDeniedException,
  type ConverseStreamCommandOutput,
  type ConverseStreamOutput,
  ModelStreamErrorException,
  ServiceUnavailableException,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator.js';
import { converse, converseStream, runtimeClient, type Transport, useEmulator } from './sdk-test-clients.js';

const fixture = useEmulator();
const emulator = fixture.emulator;
const client = fixture.client;

describe('HTTP error faults', () => {
  it('throttles N times, then the SDK retry succeeds', async () => {
    emulator().fail({ kind: 'throttle', times: 2 });
    const output = await client({ maxAttempts: 3 }).send(converse('retry me'));
    expect(output.output?.message?.content).toEqual([{ text: 'Echo: retry me' }]);
    expect(output.$metadata.attempts).toBe(3);
    expect(emulator().requests.map((request) => [request.status, request.fault])).toEqual([
      [429, 'throttle'],
      [429, 'throttle'],
      [200, undefined],
    ]);
  });

  it('surfaces ThrottlingException once retries are exhausted, keeping the scripted reply', async () => {
    emulator().enqueue({ text: 'after the storm' });
    emulator().fail({
      kind: 'throttle',
      times: 2,
      message: 'Too many tokens, please wait before trying again.',
    });
    const error = await client({ maxAttempts: 2 })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).message).toBe('Too many tokens, please wait before trying again.');
    const output = await client().send(converse());
    expect(output.output?.message?.content).toEqual([{ text: 'after the storm' }]);
  });

  it('returns any modelled exception with its status, and the SDK does not retry client errors', async () => {
    emulator().fail({ kind: 'error', error: 'AccessDeniedException', message: 'No model access.' });
    const error = await client({ maxAttempts: 3 })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect((error as AccessDeniedException).$metadata).toMatchObject({ httpStatusCode: 403, attempts: 1 });
    expect(emulator().requests).toHaveLength(1);
  });

  it('applies faults only to the operations they name', async () => {
    emulator().fail({ kind: 'error', error: 'ServiceUnavailableException', operations: ['ConverseStream'] });
    await client().send(converse());
    const error = await client()
      .send(converseStream())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(emulator().requests.map((request) => request.status)).toEqual([200, 503]);
  });
});

describe('in-stream exceptions', () => {
  it('throws from the for-await after k events, with the text streamed so far', async () => {
    emulator().enqueue({ text: 'This reply will be interrupted part way through.' });
    emulator().fail({ kind: 'stream-exception', exception: 'modelStreamErrorException', afterEvents: 3 });
    const response = await client({ maxAttempts: 3 }).send(converseStream());
    const received: string[] = [];
    const error = await (async () => {
      for await (const event of response.stream ?? [])
        received.push(event.contentBlockDelta?.delta?.text ?? '');
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelStreamErrorException);
    expect((error as Error).message).toBe('The model stream encountered an error.');
    expect(received.join('')).toBe('This reply will be interrupted p'); // messageStart + 2 deltas of 16 chars
    expect(emulator().requests).toHaveLength(1);
  });

  it('rejects send() when the exception is the first frame, and the SDK retries it', async () => {
    emulator().fail({ kind: 'stream-exception', exception: 'throttlingException', afterEvents: 0 });
    const response = await client({ maxAttempts: 2 }).send(converseStream('second try'));
    const text: string[] = [];
    for await (const event of response.stream ?? []) text.push(event.contentBlockDelta?.delta?.text ?? '');
    expect(text.join('')).toBe('Echo: second try');
    expect(response.$metadata.attempts).toBe(2);
  });
});

describe.each<Transport>(['http2', 'http1'])('dropped connections over %s', (transport) => {
  it('gives a network error when the connection dies before the response', async () => {
    emulator().fail({ kind: 'drop' });
    const error = await client({ transport })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
    expect(emulator().requests[0]?.fault).toBe('drop');
    expect(emulator().requests[0]?.status).toBeUndefined();
  });

  it('recovers on the retry after a drop', async () => {
    emulator().fail({ kind: 'drop' });
    const output = await client({ transport, maxAttempts: 2 }).send(converse('again'));
    expect(output.output?.message?.content).toEqual([{ text: 'Echo: again' }]);
  });

  it('truncates a Converse body mid-way', async () => {
    emulator().fail({ kind: 'drop', afterEvents: 0 });
    const error = await client({ transport })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(emulator().requests[0]?.status).toBe(200);
  });
});

/** Reads a stream to its end or first error, keeping what arrived. */
async function drain(stream: AsyncIterable<ConverseStreamOutput> | undefined) {
  const events: ConverseStreamOutput[] = [];
  try {
    for await (const event of stream ?? []) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

describe('connections dropped mid-stream', () => {
  it('makes the for-await throw over HTTP/1.1', async () => {
    emulator().enqueue({ text: 'x'.repeat(200) });
    emulator().fail({ kind: 'drop', afterEvents: 4 });
    const response = await client({ transport: 'http1' }).send(converseStream());
    const { events, error } = await drain(response.stream);
    expect(error).toBeInstanceOf(Error);
    expect(events).toHaveLength(4);
  });

  it('ends the stream silently over HTTP/2 (an SDK behaviour clients must detect: no messageStop)', async () => {
    emulator().enqueue({ text: 'x'.repeat(200) });
    emulator().fail({ kind: 'drop', afterEvents: 4 });
    const response = await client().send(converseStream());
    const { events, error } = await drain(response.stream);
    expect(error).toBeUndefined();
    expect(events).toHaveLength(4);
    expect(events.some((event) => event.messageStop || event.metadata)).toBe(false);
  });

  it('makes the for-await throw over HTTP/2 when only the stream is reset', async () => {
    emulator().enqueue({ text: 'x'.repeat(200) });
    emulator().fail({ kind: 'drop', afterEvents: 4, scope: 'stream' });
    const response = await client().send(converseStream());
    const { events, error } = await drain(response.stream);
    expect((error as Error).message).toMatch(/NGHTTP2_INTERNAL_ERROR/);
    expect(events).toHaveLength(4);
  });
});

describe('lifecycle', () => {
  it('closes promptly while an HTTP/2 stream is still in flight', async () => {
    const own = await startEmulator({ ttftMs: 60_000 });
    const ownClient = runtimeClient(own);
    const pending = ownClient.send(converseStream()).catch((caught: unknown) => caught);
    // The request is logged once the emulator has read it, i.e. while it waits out the TTFT.
    while (own.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await own.close();
    const outcome = await pending;
    const { events } =
      outcome instanceof Error
        ? { events: [] }
        : await drain((outcome as ConverseStreamCommandOutput).stream);
    expect(events).toEqual([]);
    ownClient.destroy();
  });

  it('holds a Converse reply back for the configured time to first token', async () => {
    const own = await startEmulator();
    own.setDefaults({ ttftMs: 60_000 });
    const ownClient = runtimeClient(own);
    const pending = ownClient.send(converse()).catch((caught: unknown) => caught);
    while (own.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(own.requests[0]?.status).toBeUndefined(); // still "generating"
    await own.close();
    expect(await pending).toBeInstanceOf(Error);
    ownClient.destroy();
  });

  it('reset() drops scripted replies, faults and the log', async () => {
    emulator().enqueue({ text: 'stale' });
    emulator().fail({ kind: 'throttle' });
    await client({ auth: 'bearer' })
      .send(converse())
      .catch(() => undefined);
    emulator().reset();
    expect(emulator().requests).toEqual([]);
    expect(emulator().pendingReplies).toBe(0);
    const output = await client().send(converse('fresh'));
    expect(output.output?.message?.content).toEqual([{ text: 'Echo: fresh' }]);
  });
});
