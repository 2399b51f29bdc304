import type { OutputStream } from '../cli-io.js';
import { INITIAL_MARKDOWN_STATE, type MarkdownState, renderMarkdownLine } from './markdown-ansi.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * Writes a reply as it streams in. Plain: text passes straight through. Styled: complete lines are
 * rendered as Markdown when their newline arrives; the unfinished tail waits (or is rendered by
 * `end`). `end` leaves the cursor at the start of a line.
 */
export interface ReplyWriter {
  push(text: string): void;
  end(): void;
  /** Whether anything was written. */
  readonly started: boolean;
}

export function createReplyWriter(output: OutputStream, options: { markdown: boolean }): ReplyWriter {
  let pending = '';
  let state: MarkdownState = INITIAL_MARKDOWN_STATE;
  let lastChar = '\n';
  let started = false;

  // On a terminal a reply cannot send control sequences (a prompt-injected reply could retitle the
  // window or write the clipboard); piped output stays byte for byte what the model said.
  const toTerminal = output.isTTY === true;
  const write = (text: string) => {
    if (text === '') return;
    output.write(toTerminal && !options.markdown ? terminalSafe(text) : text);
    lastChar = text[text.length - 1] ?? lastChar;
    started = true;
  };
  const renderLine = (line: string) => {
    const rendered = renderMarkdownLine(terminalSafe(line.replace(/\r$/, '')), state);
    state = rendered.state;
    return rendered.text;
  };

  return {
    get started() {
      return started;
    },
    push(text) {
      if (!options.markdown) {
        write(text);
        return;
      }
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        write(`${renderLine(pending.slice(0, newline))}\n`);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    end() {
      if (pending !== '') write(renderLine(pending));
      pending = '';
      if (started && lastChar !== '\n') write('\n');
    },
  };
}
