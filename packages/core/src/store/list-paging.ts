import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { isConversationId } from './conversation-id.js';

/**
 * Keyset paging over "last used first": a cursor names the last conversation of a page by its
 * `updatedAt` (ms) and id, so pages stay stable while conversations are added or used meanwhile.
 */
export interface ListPosition {
  updatedAtMs: number;
  id: string;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(`${position.updatedAtMs}:${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const updatedAtMs = Number(time);
  if (!Number.isSafeInteger(updatedAtMs) || id === undefined || !isConversationId(id)) {
    throw new BedrockChatError({
      code: 'INVALID_INPUT',
      message: 'The list cursor is not valid.',
      hint: 'Pass the nextCursor of a previous page unchanged, or omit it to start from the most recent.',
    });
  }
  return { updatedAtMs, id };
}

/**
 * A page from `rows` read one past the page size: the first `limit`, and a cursor after the last
 * of them when there was more.
 */
export function pageOf<Row extends { updatedAt: string; id: string }>(
  rows: readonly Row[],
  limit: number,
): { conversations: Row[]; nextCursor: string | null } {
  const conversations = rows.slice(0, limit);
  const last = conversations.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ updatedAtMs: Date.parse(last.updatedAt), id: last.id })
      : null;
  return { conversations, nextCursor };
}

/** True when `a` comes after `b` in "last used first" order. */
export function comesAfter(a: ListPosition, b: ListPosition): boolean {
  return a.updatedAtMs < b.updatedAtMs || (a.updatedAtMs === b.updatedAtMs && a.id < b.id);
}

/** Costs are summed in micro-dollars so that totals do not drift with float rounding. */
export function roundUsd(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
