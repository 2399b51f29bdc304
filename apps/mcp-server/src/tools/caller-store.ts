import { BedrockChatError, type ConversationStore, LOCAL_PRINCIPAL } from '@bedrock-chat/core';
import type { ToolExtra } from './tool-errors.js';

/**
 * Who a tool call acts for. Over HTTP the server sets `extra.authInfo` on every request (the
 * principal of the bearer token, in `authInfo.extra.principal`); stdio and in-process
 * connections carry none and act as the local user, the CLI's, so they share its conversations.
 * An `authInfo` without a principal is refused rather than taken for the local user: that would
 * hand whoever sent it the local user's conversations.
 */
export function callerPrincipal(extra: Pick<ToolExtra, 'authInfo'>): string {
  if (extra.authInfo === undefined) return LOCAL_PRINCIPAL;
  const principal = extra.authInfo.extra?.principal;
  if (typeof principal === 'string' && principal !== '') return principal;
  throw new BedrockChatError({
    code: 'INTERNAL',
    message: 'The request was authenticated without a principal, so it cannot be given any conversations.',
    hint: 'The HTTP layer must set authInfo.extra.principal (bedrock-chat-mcp --http does).',
  });
}

/** The store as the caller sees it: only their own conversations (another's id is not found). */
export function callerStore(store: ConversationStore, extra: Pick<ToolExtra, 'authInfo'>): ConversationStore {
  const principal = callerPrincipal(extra);
  return principal === store.owner ? store : store.forOwner(principal);
}
