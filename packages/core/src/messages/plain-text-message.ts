import type { Message } from './message-schemas.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `items.every(test)` as zod's array check sees it: every index, holes too (`every` skips a hole;
 * zod reads it as `undefined`, which every test here refuses).
 */
export function everyItem(items: readonly unknown[], test: (item: unknown) => boolean): boolean {
  for (let index = 0; index < items.length; index++) if (!test(items[index])) return false;
  return true;
}

/** Own enumerable keys (what a strict zod object checks) are exactly `role` and `content`. */
function hasRoleAndContentOnly(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('role') && keys.includes('content');
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
  return isMessageOfBlocks(value, isTextBlock);
}

/** Own enumerable keys: every one of `required`, and `optional` or not; nothing else. */
function hasOnlyKeys(
  value: Record<string, unknown>,
  required: readonly string[],
  optional?: string,
): boolean {
  const keys = Object.keys(value);
  const optionalSet = optional !== undefined && keys.includes(optional);
  return (
    keys.length === required.length + (optionalSet ? 1 : 0) && required.every((key) => keys.includes(key))
  );
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isToolUseBlock(block: Record<string, unknown>): boolean {
  const use = block.toolUse;
  return (
    isPlainObject(use) &&
    hasOnlyKeys(use, ['toolUseId', 'name', 'input']) &&
    isNonEmptyString(use.toolUseId) &&
    isNonEmptyString(use.name)
  );
}

function isTextOrJsonItem(item: unknown): boolean {
  if (!isPlainObject(item)) return false;
  const keys = Object.keys(item);
  return keys.length === 1 && (keys[0] === 'json' || (keys[0] === 'text' && typeof item.text === 'string'));
}

function isToolResultBlock(block: Record<string, unknown>): boolean {
  const result = block.toolResult;
  return (
    isPlainObject(result) &&
    hasOnlyKeys(result, ['toolUseId', 'content'], 'status') &&
    isNonEmptyString(result.toolUseId) &&
    Array.isArray(result.content) &&
    everyItem(result.content, isTextOrJsonItem) &&
    (!('status' in result) || result.status === 'success' || result.status === 'error')
  );
}

function isToolStepBlock(block: unknown): boolean {
  if (!isPlainObject(block)) return false;
  const keys = Object.keys(block);
  if (keys.length !== 1) return false;
  if (keys[0] === 'text') return typeof block.text === 'string';
  if (keys[0] === 'toolUse') return isToolUseBlock(block);
  return keys[0] === 'toolResult' && isToolResultBlock(block);
}

/**
 * True for a message of text, `toolUse` and `toolResult` blocks whose results hold only text and
 * JSON: what a tool loop adds at each step (the model's request, then the results sent back),
 * and a shape MessageSchema cannot refuse. The loop checks what it adds with this first, so zod
 * runs only for images, documents, reasoning and anything unusual; false sends a value to zod.
 */
export function isPlainToolStepMessage(value: unknown): value is Message {
  return isMessageOfBlocks(value, isToolStepBlock);
}

/** A strict `{ role, content }` message whose content is a non-empty list of blocks `isBlock` accepts. */
function isMessageOfBlocks(value: unknown, isBlock: (block: unknown) => boolean): boolean {
  if (!isPlainObject(value)) return false;
  if (!hasRoleAndContentOnly(value)) return false;
  const { role, content } = value;
  return (
    (role === 'user' || role === 'assistant') &&
    Array.isArray(content) &&
    content.length > 0 &&
    everyItem(content, isBlock)
  );
}
