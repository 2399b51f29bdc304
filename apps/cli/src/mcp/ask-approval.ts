import type { Interface } from 'node:readline';
import type { ToolCall } from '@bedrock-chat/core';
import { terminalSafeLine } from '../render/terminal-safe.js';
import { parseApprovalAnswer } from './tool-approval.js';

const MAX_INPUT_CHARS = 200;

/**
 * Asks at the REPL's prompt whether a call may run: yes, no, or always for this tool. Ctrl-C
 * (the signal) answers no; the turn is cancelled anyway.
 */
export function askApproval(
  rl: Interface,
  call: ToolCall,
  label: string,
  signal: AbortSignal,
): Promise<'yes' | 'no' | 'always'> {
  const input = terminalSafeLine(JSON.stringify(call.input ?? {}));
  const shown = input.length > MAX_INPUT_CHARS ? `${input.slice(0, MAX_INPUT_CHARS - 1)}…` : input;
  return new Promise((resolve) => {
    const onAbort = () => resolve('no');
    signal.addEventListener('abort', onAbort, { once: true });
    rl.question(`run ${label} ${shown}? [y]es / [n]o / [a]lways for this tool: `, { signal }, (answer) => {
      signal.removeEventListener('abort', onAbort);
      resolve(parseApprovalAnswer(answer));
    });
  });
}
