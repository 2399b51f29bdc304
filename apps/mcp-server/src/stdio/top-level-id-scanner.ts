import type { RequestId } from '@modelcontextprotocol/sdk/types.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** The longest id value kept (a UUID is 38 bytes quoted); a longer one is not used. */
const MAX_ID_BYTES = 256;

type State =
  /** Outside any string, before the top-level object's next key or value. */
  | 'structure'
  /** In a string that is not the value of the top-level `id`. */
  | 'string'
  /** In the top-level object, reading a key. */
  | 'key'
  /** After the key `id` at depth 1, before its value. */
  | 'before-id'
  /** Reading the value of the top-level `id`. */
  | 'id-string'
  | 'id-literal'
  | 'done';

/**
 * Finds the top-level `"id"` member of a JSON object fed in chunks, wherever it sits, holding only
 * a few hundred bytes: it tracks string and escape state and nesting depth across chunks, so an
 * `"id"` inside a string or a nested object is not taken. Structural characters are ASCII, which
 * UTF-8 never uses inside a multi-byte character, so bytes can be scanned as they come.
 */
export class TopLevelIdScanner {
  #state: State = 'structure';
  #escaped = false;
  #depth = 0;
  /** At depth 1, the next string is a key (after `{` or `,`). */
  #expectKey = false;
  #key: number[] = [];
  #value: number[] = [];
  #id: RequestId | null = null;

  /** The id found so far: the first top-level `id` with a string or number value, else null. */
  get id(): RequestId | null {
    return this.#id;
  }

  push(chunk: Uint8Array): void {
    for (let index = 0; index < chunk.length && this.#state !== 'done'; index++) {
      this.#step(chunk[index] as number);
    }
  }

  #step(byte: number): void {
    switch (this.#state) {
      case 'string':
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) this.#state = 'structure';
        return;
      case 'key':
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) {
          this.#state = 'structure';
          return;
        }
        if (this.#key.length <= 4) this.#key.push(byte);
        return;
      case 'before-id':
        if (isWhitespace(byte)) return;
        this.#value = [byte];
        this.#state = byte === QUOTE ? 'id-string' : 'id-literal';
        return;
      case 'id-string':
        this.#value.push(byte);
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) {
          this.#finishId();
          return;
        }
        if (this.#value.length > MAX_ID_BYTES) this.#state = 'done';
        return;
      case 'id-literal':
        if (byte === COMMA || byte === CLOSE_BRACE || isWhitespace(byte)) {
          this.#finishId();
          return;
        }
        this.#value.push(byte);
        if (this.#value.length > MAX_ID_BYTES) this.#state = 'done';
        return;
      case 'structure':
        this.#structure(byte);
        return;
      case 'done':
        return;
    }
  }

  #structure(byte: number): void {
    if (byte === QUOTE) {
      if (this.#depth === 1 && this.#expectKey) {
        this.#expectKey = false;
        this.#key = [];
        this.#state = 'key';
      } else {
        this.#state = 'string';
      }
      return;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      this.#depth++;
      // Only the outermost value may be the object whose members are read.
      this.#expectKey = this.#depth === 1 && byte === OPEN_BRACE;
      if (this.#depth === 1 && byte === OPEN_BRACKET) this.#state = 'done';
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      this.#depth--;
      if (this.#depth <= 0) this.#state = 'done';
    } else if (this.#depth === 1 && byte === COMMA) {
      this.#expectKey = true;
    } else if (this.#depth === 1 && byte === COLON && this.#isIdKey()) {
      this.#state = 'before-id';
    }
  }

  #isIdKey(): boolean {
    const key = this.#key;
    this.#key = [];
    return key.length === 2 && key[0] === 0x69 && key[1] === 0x64;
  }

  #finishId(): void {
    this.#state = 'done';
    try {
      const value: unknown = JSON.parse(Buffer.from(this.#value).toString('utf8'));
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
        this.#id = value;
    } catch {
      this.#id = null;
    }
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
