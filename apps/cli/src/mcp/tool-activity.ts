import type { ChatStep, ToolCall, ToolCallRecord } from '@bedrock-chat/core';
import type { OutputStream } from '../cli-io.js';
import { terminalSafeLine } from '../render/terminal-safe.js';

const BRIEF_CHARS = 120;

function brief(text: string): string {
  const line = terminalSafeLine(text.replace(/\s+/g, ' ').trim());
  return line.length > BRIEF_CHARS ? `${line.slice(0, BRIEF_CHARS - 1)}…` : line;
}

function inputText(input: unknown): string {
  const json = JSON.stringify(input ?? {});
  return json === '{}' ? '' : ` ${json}`;
}

function resultText(record: ToolCallRecord): string {
  const parts = record.result.toolResult.content.map((block) => {
    if ('text' in block) return block.text;
    if ('json' in block) return JSON.stringify(block.json);
    if ('image' in block) return `[image ${block.image.format}]`;
    return `[document ${block.document.name}]`;
  });
  return parts.join(' ') || '(no content)';
}

/** The outcomes whose call line was not shown at approval time (approve is never asked for them). */
const UNASKED = new Set(['unknown-tool', 'invalid-input']);

/**
 * What `ask` and the REPL show of the loop, on stderr only (stdout holds the reply): each call as
 * it is decided (`tool: fs:list_directory {"path":"./notes"}`), and after its step a brief result
 * (`  → [FILE] a.txt …`, `  → refused: …`, `  → error: …`).
 */
export class ToolActivity {
  constructor(
    private readonly stderr: OutputStream,
    private readonly label: (wireName: string) => string,
    private readonly dim: (text: string) => string,
  ) {}

  call(call: ToolCall): void {
    this.stderr.write(`${this.dim(`tool: ${brief(`${this.label(call.name)}${inputText(call.input)}`)}`)}\n`);
  }

  step(step: ChatStep): void {
    for (const record of step.toolCalls) {
      if (UNASKED.has(record.outcome)) this.call(record);
      const text = brief(resultText(record));
      const cut =
        record.truncatedFromChars === undefined
          ? ''
          : ` (cut from ${record.truncatedFromChars} characters to the limit)`;
      const shown =
        record.outcome === 'ran'
          ? `${text}${cut}`
          : record.outcome === 'refused'
            ? `refused: ${text}`
            : `${record.outcome === 'timed-out' ? 'timed out' : 'error'}: ${text}`;
      this.stderr.write(`${this.dim(`  → ${shown}`)}\n`);
    }
  }
}
