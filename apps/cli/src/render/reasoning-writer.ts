import type { OutputStream } from '../cli-io.js';
import { ansi } from './markdown-ansi.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * Writes the model's reasoning as it streams in, dimmed, on stderr: apart from the answer, which
 * alone goes to stdout. Control sequences are stripped on a terminal, as in replies. `end` leaves
 * the cursor at the start of a line (and a blank line before the answer).
 */
export interface ReasoningWriter {
  push(text: string): void;
  end(): void;
}

export function createReasoningWriter(output: OutputStream, options: { color: boolean }): ReasoningWriter {
  let lastChar = '\n';
  let started = false;
  const toTerminal = output.isTTY === true;
  return {
    push(text) {
      if (text === '') return;
      const safe = toTerminal ? terminalSafe(text) : text;
      output.write(options.color ? ansi.dim(safe) : safe);
      lastChar = text[text.length - 1] ?? lastChar;
      started = true;
    },
    end() {
      if (!started) return;
      output.write(lastChar === '\n' ? '\n' : '\n\n');
      started = false;
      lastChar = '\n';
    },
  };
}
