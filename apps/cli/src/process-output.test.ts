import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardProcessOutput } from './process-output.js';

/** A stream whose writes fail with `code` once `fail()` was called, as a pipe or disk does. */
function failingStream() {
  let failing: string | undefined;
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      if (failing === undefined) {
        written.push(String(chunk));
        done();
        return;
      }
      const error: NodeJS.ErrnoException = new Error(`${failing}: write failed`);
      error.code = failing;
      done(error);
    },
  }) as unknown as NodeJS.WriteStream;
  let writes = 0;
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string, done?: (error?: Error | null) => void) => {
    writes++;
    return write(chunk, done);
  }) as typeof stream.write;
  return {
    stream,
    written,
    writes: () => writes,
    fail: (code: string) => {
      failing = code;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('guardProcessOutput', () => {
  it('drops every write once the reader left (EPIPE), without an error to report', async () => {
    const target = failingStream();
    const output = guardProcessOutput(target.stream);
    output.write('first ');
    expect(output.closed).toBe(false);
    target.fail('EPIPE');
    output.write('lost');
    await tick();
    expect(output.closed).toBe(true);
    expect(output.failure).toBeUndefined();
    expect(output.write('never sent')).toBe(false);
    expect(target.writes()).toBe(2);
    expect(target.written).toEqual(['first ']);
  });

  it('keeps any other write error (a full disk) for main to report, and stops writing', async () => {
    const target = failingStream();
    const output = guardProcessOutput(target.stream);
    target.fail('ENOSPC');
    output.write('x');
    await tick();
    expect(output.closed).toBe(true);
    expect(output.failure?.code).toBe('ENOSPC');
    output.write('y');
    expect(target.writes()).toBe(1);
  });

  it('settle() waits for the last write, so its error (a full disk) is known before the exit', async () => {
    const target = failingStream();
    const output = guardProcessOutput(target.stream);
    output.write('kept');
    target.fail('ENOSPC');
    output.write('the end of a backup');
    // The error event comes on a later tick than the write: right after it, nothing is known yet.
    expect(output.failure).toBeUndefined();
    await output.settle();
    expect(output.failure?.code).toBe('ENOSPC');
    await output.settle();
  });

  it('settle() resolves on a healthy stream, and after EPIPE without a failure', async () => {
    const target = failingStream();
    const output = guardProcessOutput(target.stream);
    output.write('all of it');
    await output.settle();
    expect({ failure: output.failure, written: target.written }).toEqual({
      failure: undefined,
      written: ['all of it', ''],
    });
    target.fail('EPIPE');
    output.write('lost');
    await output.settle();
    expect({ closed: output.closed, failure: output.failure }).toEqual({ closed: true, failure: undefined });
  });

  it('shows the terminal it writes to', () => {
    const target = failingStream();
    Object.assign(target.stream, { isTTY: true, columns: 120 });
    const output = guardProcessOutput(target.stream);
    expect({ isTTY: output.isTTY, columns: output.columns, closed: output.closed }).toEqual({
      isTTY: true,
      columns: 120,
      closed: false,
    });
    expect(output.underlying).toBe(target.stream);
  });
});
