import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { ErrorCode } from '../errors/error-codes.js';

type AttachmentErrorCode = Extract<ErrorCode, `ATTACHMENT_${string}`>;

/** An attachment refused before any call: the message names the file and the rule. */
export function attachmentError(
  code: AttachmentErrorCode,
  message: string,
  hint: string,
  details: Record<string, unknown> = {},
): BedrockChatError {
  return new BedrockChatError({ code, message, hint, details });
}

/** `4718592` → `4.5 MB`: sizes as Bedrock's documents write them (MB meaning MiB, see the limits). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2).replace(/\.?0+$/, '')} MB`;
}
