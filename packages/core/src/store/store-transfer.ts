import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { filesOf, parseConversationExport, toConversationExport } from './conversation-export.js';
import type { Conversation, ConversationExport } from './conversation-schemas.js';
import type { ConversationStore, ImportOptions } from './conversation-store.js';
import { NamedPrincipalSchema } from './store-owner.js';

/** The most a list page holds (ListConversationsOptions.limit). */
const PAGE = 500;

/**
 * Every conversation of every owner in the store, as export documents (today's version, each
 * with the bytes of its files), one owner after another (owners sorted), each owner's most
 * recently used first. For moving a whole
 * store: write each as a line (`formatExportLine`), then `importConversations` elsewhere. Reads
 * one conversation at a time, so a large store is never held in memory.
 */
export async function* exportAllConversations(
  store: ConversationStore,
  options: { now?: () => Date } = {},
): AsyncGenerator<ConversationExport> {
  const now = options.now ?? (() => new Date());
  for (const owner of await store.owners()) {
    const view = owner === store.owner ? store : store.forOwner(owner);
    let cursor: string | undefined;
    do {
      const page = await view.list({ limit: PAGE, cursor });
      for (const listed of page.conversations) {
        const conversation = await view.get(listed.id);
        yield toConversationExport(conversation, now(), await filesOf(conversation, view.blobs));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
}

/** One export document as one line of a JSON Lines file (what `export --all` writes). */
export function formatExportLine(document: ConversationExport): string {
  return `${JSON.stringify(document)}\n`;
}

function invalidLine(line: number, error: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `Not a bedrock-chat conversation export: line ${line} is not JSON (${(error as Error).message})`,
    hint: 'Import a file written by `conversations export --format json` (one document) or `conversations export --all` (one document per line).',
    cause: error,
    details: { line },
  });
}

/** One document of an import file and the line it starts on (1 for a single document). */
export interface ExportFileDocument {
  line: number;
  document: unknown;
}

/**
 * The documents of an import file: one JSON document (`export --format json`, pretty-printed), or
 * JSON Lines, one document per line (`export --all`), each with its line number. Each is still to
 * be checked by `import`; text that is neither comes back whole, for `import` to say what is wrong.
 */
export function splitExportFile(text: string): ExportFileDocument[] {
  try {
    return [{ line: 1, document: JSON.parse(text) }];
  } catch {
    const lines = text.split('\n');
    if (lines.filter((line) => line.trim() !== '').length <= 1) return [{ line: 1, document: text }];
    const documents: ExportFileDocument[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        documents.push({ line: index + 1, document: JSON.parse(line) });
      } catch (error) {
        throw invalidLine(index + 1, error);
      }
    });
    return documents;
  }
}

/** {@link splitExportFile} without the line numbers. */
export function splitExportDocuments(text: string): unknown[] {
  return splitExportFile(text).map(({ document }) => document);
}

function claimedId(document: unknown): string | undefined {
  const conversation = (document as { conversation?: { id?: unknown } } | null)?.conversation;
  const id = typeof conversation === 'object' && conversation !== null ? conversation.id : undefined;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

/**
 * The owner a document names, when it is kept: only a principal a tokens file can name (or the
 * local user), since a conversation of any other owner could never be reached.
 */
function importedOwner(owner: string): string {
  const named = NamedPrincipalSchema.safeParse(owner);
  if (named.success) return named.data;
  throw new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `Not a bedrock-chat conversation export: conversation.owner "${owner.slice(0, 40)}${owner.length > 40 ? '…' : ''}" is not a principal a tokens file can name (${named.error.issues[0]?.message ?? 'invalid'})`,
    hint: 'Import it without --keep-owners (it then belongs to you), or correct the owner in the file.',
    details: { reason: 'owner-unnamed' },
  });
}

/** What became of one document of `importConversations`. */
export type ImportOutcome =
  | { ok: true; sourceId: string; conversation: Conversation }
  | { ok: false; sourceId: string | undefined; error: BedrockChatError };

/**
 * Imports each document in turn; one that fails (does not parse, id already stored) does not stop
 * the others. `keepOwners`: each conversation goes to the owner its document names (moving a whole
 * store, by whoever may write every owner's conversations: the store's operator); otherwise all go
 * to `store.owner`, as `store.import` does.
 */
export async function importConversations(
  store: ConversationStore,
  documents: readonly unknown[],
  options: ImportOptions & { keepOwners?: boolean | undefined } = {},
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const document of documents) {
    // The id the document gives, for saying which one failed even when it does not parse.
    let sourceId = claimedId(document);
    try {
      const parsed = parseConversationExport(document);
      sourceId = parsed.conversation.id;
      const owner = options.keepOwners ? importedOwner(parsed.conversation.owner) : store.owner;
      const target = owner === store.owner ? store : store.forOwner(owner);
      const conversation = await target.import(parsed, { onExistingId: options.onExistingId });
      outcomes.push({ ok: true, sourceId, conversation });
    } catch (error) {
      if (!BedrockChatError.isInstance(error)) throw error;
      outcomes.push({ ok: false, sourceId, error });
    }
  }
  return outcomes;
}
