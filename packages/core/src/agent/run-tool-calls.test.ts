import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runToolCalls } from './run-tool-calls.js';
import type { ToolDefinition } from './tool-definition.js';

const call = (toolUseId: string, name = 'sleep', input: unknown = {}) => ({ toolUseId, name, input });

/** A tool whose calls finish only when the test says so, counting how many run at once. */
function gatedTool() {
  const gates: (() => void)[] = [];
  let running = 0;
  let peak = 0;
  const tool: ToolDefinition = {
    name: 'sleep',
    inputSchema: z.object({}),
    execute: () =>
      new Promise<string>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        gates.push(() => {
          running--;
          resolve(`done ${gates.length}`);
        });
      }),
  };
  return { tool, gates, peak: () => peak };
}

describe('runToolCalls', () => {
  it('runs at most `concurrency` calls at once and answers in the model’s order', async () => {
    const { tool, gates, peak } = gatedTool();
    const running = runToolCalls({
      calls: ['a', 'b', 'c', 'd', 'e'].map((id) => call(id)),
      tools: new Map([['sleep', tool]]),
      step: 1,
      concurrency: 2,
    });
    // Release the gates as they appear, newest first, so calls finish out of order.
    for (let released = 0; released < 5; ) {
      await new Promise((resolve) => setImmediate(resolve));
      const gate = gates.pop();
      if (gate) {
        gate();
        released++;
      }
    }
    const records = await running;
    expect(peak()).toBe(2);
    expect(records.map((record) => record.toolUseId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(records.every((record) => record.outcome === 'ran')).toBe(true);
  });

  it('passes the parsed input, step and id to execute', async () => {
    const seen: unknown[] = [];
    const tool: ToolDefinition<{ n: number }> = {
      name: 'double',
      inputSchema: z.object({ n: z.coerce.number() }),
      execute: (input, context) => {
        seen.push([input, context.step, context.toolUseId]);
        return input.n * 2;
      },
    };
    const [record] = await runToolCalls({
      calls: [call('t1', 'double', { n: '21' })],
      tools: new Map([['double', tool as ToolDefinition]]),
      step: 3,
    });
    expect(seen).toEqual([[{ n: 21 }, 3, 't1']]);
    expect(record?.result).toEqual({ toolResult: { toolUseId: 't1', content: [{ json: 42 }] } });
  });

  it('redacts secrets in a tool’s error before the model sees it', async () => {
    const tool: ToolDefinition = {
      name: 'leaky',
      inputSchema: { type: 'object' },
      execute: () => {
        throw new Error('request failed: Authorization: Bearer abcdefghijklmnop');
      },
    };
    const [record] = await runToolCalls({
      calls: [call('t1', 'leaky')],
      tools: new Map([['leaky', tool]]),
      step: 1,
    });
    expect(record?.result.toolResult).toEqual({
      toolUseId: 't1',
      status: 'error',
      content: [{ text: 'The tool failed: request failed: Authorization: Bearer [redacted]' }],
    });
  });

  it('answers every call when cancelled: the running one and the one not started are interrupted', async () => {
    const controller = new AbortController();
    let toolSignal: AbortSignal | undefined;
    const tool: ToolDefinition = {
      name: 'wait',
      inputSchema: { type: 'object' },
      execute: (_input, context) => {
        toolSignal = context.signal;
        controller.abort(new Error('user pressed Ctrl-C'));
        return new Promise(() => {});
      },
    };
    const records = await runToolCalls({
      calls: [call('t1', 'wait'), call('t2', 'wait')],
      tools: new Map([['wait', tool]]),
      step: 1,
      concurrency: 1,
      signal: controller.signal,
    });
    expect(toolSignal?.aborted).toBe(true);
    expect(
      records.map((record) => [
        record.outcome,
        record.durationMs !== undefined,
        record.result.toolResult.content,
      ]),
    ).toEqual([
      ['interrupted', true, [{ text: 'Interrupted: the user cancelled the turn before the tool finished.' }]],
      ['interrupted', false, [{ text: 'Not run: the user cancelled the turn before the tool started.' }]],
    ]);
  });
});
