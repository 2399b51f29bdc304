/**
 * Collects multi-line input in the REPL: a line ending in `\` continues on the next line, and a
 * `"""` line opens a block that the next `"""` closes. Pure; one instance per REPL.
 */
export type MultilineResult = { done: true; text: string } | { done: false };

const QUOTES = '"""';

export class MultilineInput {
  private lines: string[] = [];
  private mode: 'none' | 'continuation' | 'block' = 'none';

  /** Whether input is half-way through a continued line or a block. */
  get pending(): boolean {
    return this.mode !== 'none';
  }

  reset(): void {
    this.lines = [];
    this.mode = 'none';
  }

  push(line: string): MultilineResult {
    if (this.mode === 'block') {
      const trimmed = line.trimEnd();
      if (!trimmed.endsWith(QUOTES)) {
        this.lines.push(line);
        return { done: false };
      }
      const before = trimmed.slice(0, -QUOTES.length);
      if (before.trim() !== '') this.lines.push(before);
      return this.finish();
    }
    if (this.mode === 'none' && line.trimStart().startsWith(QUOTES)) {
      const rest = line.trimStart().slice(QUOTES.length);
      const trimmedRest = rest.trimEnd();
      if (trimmedRest.endsWith(QUOTES)) {
        this.lines = [trimmedRest.slice(0, -QUOTES.length)];
        return this.finish();
      }
      this.mode = 'block';
      if (rest.trim() !== '') this.lines.push(rest);
      return { done: false };
    }
    if (line.endsWith('\\')) {
      this.mode = 'continuation';
      this.lines.push(line.slice(0, -1));
      return { done: false };
    }
    this.lines.push(line);
    return this.finish();
  }

  private finish(): MultilineResult {
    const text = this.lines.join('\n');
    this.reset();
    return { done: true, text };
  }
}
