import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Conversation, ConversationStore, Message, StoredContentBlock } from '@bedrock-chat/core';
import type { CommandContext, OpenStoreOptions } from '../cli-deps.js';
import { readAll, useColor } from '../cli-io.js';
import type { ExportOptions, ImportOptions, ListOptions } from '../cli-options.js';
import { EXIT_CODES, exitCodeFor } from '../exit-codes.js';
import { invalidInput } from '../option-values.js';
import { renderMarkdown } from '../render/markdown-ansi.js';
import { terminalSafe, terminalSafeLine } from '../render/terminal-safe.js';

async function withStore<T>(
  context: CommandContext,
  action: (store: ConversationStore) => Promise<T>,
  options: OpenStoreOptions = {},
): Promise<T> {
  const store = await context.deps.openStore(options);
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

/** One row of `conversations list --json`. */
export interface ConversationListItem {
  id: string;
  title: string;
  model: string | null;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}

function toListItem(conversation: Conversation): ConversationListItem {
  const { id, title, model, createdAt, updatedAt, messageCount } = conversation;
  return { id, title, model, createdAt, updatedAt, messageCount };
}

/** `2026-11-25T16:43:12.000Z` → `2026-11-25 16:43` (UTC, so output does not depend on the machine). */
function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

export function formatConversationTable(conversations: readonly Conversation[]): string {
  if (conversations.length === 0) return '';
  const rows = conversations.map((conversation) => [
    conversation.id,
    shortTime(conversation.updatedAt),
    String(conversation.messageCount).padStart(4),
    terminalSafeLine(conversation.title),
  ]);
  const header = ['ID', 'UPDATED (UTC)', 'MSGS', 'TITLE'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export async function runConversationsList(context: CommandContext, options: ListOptions): Promise<number> {
  const page = await withStore(
    context,
    (store) => store.list({ limit: options.limit, search: options.search }),
    {
      readOnly: true,
    },
  );
  const { stdout, stderr } = context.io;
  if (options.json) {
    stdout.write(`${JSON.stringify(page.conversations.map(toListItem), null, 2)}\n`);
  } else if (page.conversations.length === 0) {
    stderr.write(options.search ? 'No conversation matches.\n' : 'No conversations yet.\n');
  } else {
    stdout.write(formatConversationTable(page.conversations));
    if (page.nextCursor) stderr.write(`(more: raise --limit, now ${options.limit})\n`);
  }
  return EXIT_CODES.success;
}

/**
 * `conversations show --json`: the conversation and its messages in Converse shape, files by
 * reference (`{ source: { blob: { sha256, size } } }`): showing never reads their bytes.
 */
export type ConversationJson = Conversation & {
  messages: { role: Message['role']; content: StoredContentBlock[] }[];
};

export async function runConversationsShow(
  context: CommandContext,
  conversationId: string,
  options: { json: boolean },
): Promise<number> {
  const { conversationToMarkdown } = await import('@bedrock-chat/core');
  const conversation = await withStore(context, (store) => store.get(conversationId), { readOnly: true });
  const { io } = context;
  if (options.json) {
    const { messages, ...rest } = conversation;
    const json: ConversationJson = {
      ...rest,
      messages: messages.map(({ role, content }) => ({ role, content })),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_CODES.success;
  }
  // A human view, never the raw path (export is): control characters in stored text are shown.
  const markdown = terminalSafe(conversationToMarkdown(conversation));
  io.stdout.write(useColor(io.stdout, io.env) ? `${renderMarkdown(markdown)}\n` : markdown);
  return EXIT_CODES.success;
}

export async function runConversationsRename(
  context: CommandContext,
  conversationId: string,
  title: string,
): Promise<number> {
  const renamed = await withStore(context, (store) => store.rename(conversationId, title));
  context.io.stderr.write(`Renamed ${renamed.id} to "${terminalSafeLine(renamed.title)}".\n`);
  return EXIT_CODES.success;
}

export async function runConversationsRemove(
  context: CommandContext,
  conversationId: string,
): Promise<number> {
  await withStore(context, (store) => store.delete(conversationId));
  context.io.stderr.write(`Deleted conversation ${conversationId.trim().toUpperCase()}.\n`);
  return EXIT_CODES.success;
}

async function writeOutput(context: CommandContext, output: string, text: string): Promise<string> {
  const path = resolve(context.io.cwd, output);
  try {
    await writeFile(path, text, { mode: 0o600 });
  } catch (error) {
    throw invalidInput(
      `Cannot write ${path}: ${(error as Error).message}`,
      'Choose a writable file with -o.',
    );
  }
  return path;
}

/** `export --all`: every conversation of every owner, one JSON export per line. */
async function exportAll(context: CommandContext, output: string | undefined): Promise<number> {
  const { exportAllConversations, formatExportLine } = await import('@bedrock-chat/core');
  const lines: string[] = [];
  const owners = new Set<string>();
  await withStore(
    context,
    async (store) => {
      for await (const document of exportAllConversations(store)) {
        owners.add(document.conversation.owner);
        // To stdout as it comes; a file is written whole once every conversation was read.
        if (output === undefined) {
          // The reader left (`export --all | head -1`): reading on would only cost time.
          if (context.io.stdout.closed) break;
          context.io.stdout.write(formatExportLine(document));
        } else lines.push(formatExportLine(document));
      }
    },
    { readOnly: true },
  );
  const count = output === undefined ? undefined : lines.length;
  const path = output === undefined ? undefined : await writeOutput(context, output, lines.join(''));
  const what = `${count ?? 'all'} conversations of ${owners.size} owner${owners.size === 1 ? '' : 's'}`;
  if (path !== undefined) context.io.stderr.write(`Wrote ${what} to ${path}.\n`);
  return EXIT_CODES.success;
}

export async function runConversationsExport(
  context: CommandContext,
  conversationId: string | undefined,
  options: ExportOptions,
): Promise<number> {
  if (options.all || conversationId === undefined) return exportAll(context, options.output);
  const text = await withStore(context, (store) => store.export(conversationId, options.format), {
    readOnly: true,
  });
  if (options.output === undefined) {
    context.io.stdout.write(text);
  } else {
    const path = await writeOutput(context, options.output, text);
    context.io.stderr.write(`Wrote ${path}.\n`);
  }
  return EXIT_CODES.success;
}

async function readImportFile(context: CommandContext, file: string): Promise<string> {
  if (file === '-') return readAll(context.io.stdin);
  const path = resolve(context.io.cwd, file);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw invalidInput(
      `Cannot read ${path}: ${(error as Error).message}`,
      'Give the path of a file written by `conversations export --format json`, or - to read it from stdin.',
    );
  }
}

/**
 * `conversations import <file|->`: stores an exported conversation, or every one of an
 * `export --all` file, with messages, timestamps and totals. An id already stored is refused
 * (CONVERSATION_CONFLICT) unless --new-id; one failure does not stop the other documents, and the
 * exit code is the first failure's. --keep-owners keeps each conversation's owner.
 */
export async function runConversationsImport(
  context: CommandContext,
  file: string,
  options: ImportOptions,
): Promise<number> {
  const { importConversations, splitExportFile, parseConversationExport } = await import(
    '@bedrock-chat/core'
  );
  const lines = splitExportFile(await readImportFile(context, file));
  const documents = lines.map(({ document }) => document);
  // One document fails as it always did: before the store is opened, its error the command's.
  if (documents.length === 1) parseConversationExport(documents[0]);
  const outcomes = await withStore(context, (store) =>
    importConversations(store, documents, {
      onExistingId: options.newId ? 'new-id' : 'fail',
      keepOwners: options.keepOwners,
    }),
  );
  const { stdout, stderr } = context.io;
  const imported = outcomes.flatMap((outcome) => (outcome.ok ? [outcome] : []));
  if (options.json) {
    const items = imported.map((outcome) => toListItem(outcome.conversation));
    stdout.write(`${JSON.stringify(documents.length === 1 ? items[0] : items, null, 2)}\n`);
  }
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    const { conversation, sourceId } = outcome;
    const what = `"${terminalSafeLine(conversation.title)}", ${conversation.messageCount} messages`;
    const owner = options.keepOwners ? ` for ${terminalSafeLine(conversation.owner)}` : '';
    stderr.write(
      conversation.id === sourceId
        ? `Imported conversation ${conversation.id}${owner} (${what}).\n`
        : `Imported a copy as ${conversation.id}${owner} (${what}): ${sourceId} is already stored.\n`,
    );
  }
  // outcomes[i] is what became of documents[i]: a failure names its line and conversation.
  const failures = outcomes.flatMap((outcome, index) =>
    outcome.ok ? [] : [{ ...outcome, line: lines[index]?.line }],
  );
  if (failures.length === 0) return EXIT_CODES.success;
  if (documents.length === 1 && failures[0]) throw failures[0].error;
  for (const failure of failures) {
    const which = failure.sourceId === undefined ? '' : ` (${terminalSafeLine(failure.sourceId)})`;
    stderr.write(`error: line ${failure.line}${which}: ${failure.error.message}\n`);
  }
  stderr.write(
    `Imported ${imported.length} of ${outcomes.length} conversations; ${failures.length} failed.\n`,
  );
  return exitCodeFor(failures[0]?.error);
}
