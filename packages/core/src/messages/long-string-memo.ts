/**
 * What was worked out once about a long string (a file's base64: is it base64, what is its
 * hash), so the next boundary it crosses in the same turn need not scan it again. Strings are
 * immutable, so a value stays true of its string; a lookup is O(1) for the same string and a
 * memory compare for an equal copy. Short strings are not kept (working them out again is cheaper
 * than remembering them), and what is kept is bounded by the characters it holds, the oldest
 * going first, so a long-running server holds no more than about a turn's files.
 */
export class LongStringMemo<Value> {
  private readonly entries = new Map<string, Value>();
  private chars = 0;

  constructor(
    /** Strings shorter than this are not kept. */
    readonly fromChars: number,
    /** The most characters kept in all. */
    readonly atMostChars: number,
  ) {}

  get(text: string): Value | undefined {
    return text.length < this.fromChars ? undefined : this.entries.get(text);
  }

  set(text: string, value: Value): void {
    if (text.length < this.fromChars || text.length > this.atMostChars) return;
    // Set again when it is known, so it becomes the newest entry.
    if (this.entries.delete(text)) this.chars -= text.length;
    this.entries.set(text, value);
    this.chars += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.atMostChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** How many strings are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }
}
