import type { Message } from './message-schemas.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTextBlock(block: unknown): boolean {
  if (!isPlainObject(block)) return false;
  const keys = Object.keys(block);
  return keys.length === 1 && keys[0] === 'text' && typeof block.text === 'string';
}

/**
 * True for `{ role: 'user' | 'assistant', content: [{ text }, …] }` with no other keys: the common
 * message, which cannot fail MessageSchema (strict objects, a string text, at least one block). Lets
 * callers skip zod for it — a cold parse costs milliseconds in a one-shot CLI process, and a warm
 * one ~0.1 ms per call in the MCP server. Anything else returns false and goes through zod.
 */
export function isPlainTextMessage(value: unknown): value is Message {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !('role' in value) || !('content' in value)) return false;
  const { role, content } = value;
  return (
    (role === 'user' || role === 'assistant') &&
    Array.isArray(content) &&
    content.length > 0 &&
    content.every(isTextBlock)
  );
}
