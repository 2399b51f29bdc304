import type { ConversationPage, ListConversationsOptions } from '../conversation-store.js';
import { decodeCursor, pageOf } from '../list-paging.js';
import { toFtsQuery } from '../search-terms.js';
import { parseListOptions } from '../store-input.js';
import { toConversation } from './sqlite-rows.js';
import type { Statements } from './sqlite-statements.js';

/**
 * One page of conversations, most recently used first, optionally only those with a message
 * matching every search word. Reads one row more than the page to know whether another follows.
 */
export function listConversations(
  statements: Statements,
  owner: string,
  options?: ListConversationsOptions,
): ConversationPage {
  const { limit, cursor, search } = parseListOptions(options);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const query = search === undefined ? undefined : toFtsQuery(search);
  if (search !== undefined && query === undefined) return { conversations: [], nextCursor: null };
  const page = { limit: limit + 1, owner };
  const cursorAt = after && { updatedAt: after.updatedAtMs, id: after.id };
  const { listRecent, listRecentAfter, searchRecent, searchRecentAfter } = statements;
  let rows: unknown[];
  if (query === undefined) {
    rows = cursorAt ? listRecentAfter.all({ ...page, ...cursorAt }) : listRecent.all(page);
  } else {
    rows = cursorAt
      ? searchRecentAfter.all({ ...page, ...cursorAt, query })
      : searchRecent.all({ ...page, query });
  }
  return pageOf(rows.slice(0, limit + 1).map(toConversation), limit);
}
