import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import { TopLevelIdScanner } from './top-level-id-scanner.js';

/** What a stream of bytes holds, line by line. */
export type LineEvent =
  | { kind: 'line'; text: string }
  /** A line longer than the limit: not kept, only scanned for its top-level `id` (null if none). */
  | { kind: 'too-long'; bytes: number; id: RequestId | null };

const NEWLINE = 0x0a;

/**
 * Splits newline-delimited input (MCP stdio framing) into lines of at most `maxLineBytes`, holding no
 * more than that in memory. A longer line is skipped up to its newline and reported as `too-long`,
 * so one bad message costs one error reply instead of the whole session.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Set while skipping an over-long line. */
  #skipping: { bytes: number; scanner: TopLevelIdScanner } | undefined;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  push(chunk: Buffer): LineEvent[] {
    const events: LineEvent[] = [];
    let rest = chunk;
    while (rest.length > 0) {
      const newline = rest.indexOf(NEWLINE);
      const piece = newline === -1 ? rest : rest.subarray(0, newline);
      this.#append(piece);
      if (newline === -1) break;
      events.push(...this.#finishLine());
      rest = rest.subarray(newline + 1);
    }
    return events;
  }

  /** The last line, when the input ended without a newline. */
  end(): LineEvent[] {
    return this.#pendingBytes > 0 || this.#skipping ? this.#finishLine() : [];
  }

  #append(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.#skipping) {
      this.#skipping.bytes += piece.length;
      this.#skipping.scanner.push(piece);
      return;
    }
    this.#pending.push(piece);
    this.#pendingBytes += piece.length;
    if (this.#pendingBytes > this.#maxLineBytes) {
      // Only lines over the limit are scanned: the scan costs a pass in JavaScript over their bytes.
      const scanner = new TopLevelIdScanner();
      for (const pending of this.#pending) scanner.push(pending);
      this.#skipping = { bytes: this.#pendingBytes, scanner };
      this.#pending = [];
      this.#pendingBytes = 0;
    }
  }

  #finishLine(): LineEvent[] {
    const skipped = this.#skipping;
    if (skipped) {
      this.#skipping = undefined;
      return [{ kind: 'too-long', bytes: skipped.bytes, id: skipped.scanner.id }];
    }
    const text = Buffer.concat(this.#pending).toString('utf8').replace(/\r$/, '');
    this.#pending = [];
    this.#pendingBytes = 0;
    return text.trim() === '' ? [] : [{ kind: 'line', text }];
  }
}
