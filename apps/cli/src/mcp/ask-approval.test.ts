import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askApproval } from './ask-approval.js';

function prompt() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
  });
  const rl = createInterface({ input, output, terminal: false });
  return { rl, input, shown: () => shown };
}

const call = { toolUseId: 't1', name: 'fs__write_file', input: { path: '/n/a.txt' }, step: 1 };

describe('askApproval', () => {
  it('asks with the tool and its input, and reads the answer', async () => {
    const { rl, input, shown } = prompt();
    const answer = askApproval(rl, call, 'fs:write_file', new AbortController().signal);
    input.write('a\n');
    expect(await answer).toBe('always');
    expect(shown()).toBe('run fs:write_file {"path":"/n/a.txt"}? [y]es / [n]o / [a]lways for this tool: ');
    rl.close();
  });

  it('answers no when the turn is cancelled (Ctrl-C)', async () => {
    const { rl } = prompt();
    const controller = new AbortController();
    const answer = askApproval(rl, call, 'fs:write_file', controller.signal);
    controller.abort();
    expect(await answer).toBe('no');
    rl.close();
  });
});
