import { categoryOf, type ErrorCategory, type ErrorCode } from './error-codes.js';

const marker = Symbol.for('bedrock-chat.error');

export interface BedrockChatErrorOptions {
  code: ErrorCode;
  message: string;
  /** What a person can do about it. Never contains secrets. */
  hint?: string | undefined;
  cause?: unknown;
  /** Extra facts for programs (model id, region, HTTP status …); never secrets. */
  details?: Record<string, unknown> | undefined;
}

/** The one error base of bedrock-chat: a stable `code`, a `hint`, and the original `cause`. */
export class BedrockChatError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(options: BedrockChatErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BedrockChatError';
    this.code = options.code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  get category(): ErrorCategory {
    return categoryOf(this.code);
  }

  /** Works across duplicated package copies, unlike `instanceof`. */
  static isInstance(value: unknown): value is BedrockChatError {
    return typeof value === 'object' && value !== null && marker in value;
  }

  toJSON(): { code: ErrorCode; category: ErrorCategory; message: string; hint?: string } {
    return {
      code: this.code,
      category: this.category,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}
