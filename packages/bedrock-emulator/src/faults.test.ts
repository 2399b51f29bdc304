import { describe, expect, it } from 'vitest';
import { FaultQueue } from './faults.js';

describe('FaultQueue', () => {
  it('applies a fault to the next N matching requests, then lets requests through', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'throttle', times: 2 });
    expect(queue.take('Converse')?.kind).toBe('throttle');
    expect(queue.take('ConverseStream')?.kind).toBe('throttle');
    expect(queue.take('Converse')).toBeUndefined();
  });

  it('defaults to Converse and ConverseStream, and honours an explicit operation list', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'error', error: 'InternalServerException' });
    queue.add({ kind: 'drop', operations: ['CountTokens'] });
    expect(queue.take('ListFoundationModels')).toBeUndefined();
    expect(queue.take('CountTokens')?.kind).toBe('drop');
    expect(queue.take('Converse')?.kind).toBe('error');
    expect(queue.size).toBe(0);
  });

  it('keeps in-stream exceptions for ConverseStream only', () => {
    const queue = new FaultQueue();
    queue.add({
      kind: 'stream-exception',
      exception: 'modelStreamErrorException',
      operations: ['Converse', 'ConverseStream'],
    });
    expect(queue.take('Converse')).toBeUndefined();
    expect(queue.take('ConverseStream')?.kind).toBe('stream-exception');
  });

  it('serves faults in the order they were armed', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'throttle' });
    queue.add({ kind: 'error', error: 'ServiceUnavailableException' });
    expect(queue.take('Converse')?.kind).toBe('throttle');
    expect(queue.take('Converse')?.kind).toBe('error');
  });

  it('rejects a non-positive count', () => {
    expect(() => new FaultQueue().add({ kind: 'throttle', times: 0 })).toThrow(RangeError);
  });
});
