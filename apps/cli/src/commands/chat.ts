import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import {
  BedrockChatError,
  type ChatClient,
  type Conversation,
  type ConversationStore,
} from '@bedrock-chat/core';
import { loadAttachments, STDIN_PATH } from '../attach-files.js';
import type { CommandContext } from '../cli-deps.js';
import { useColor } from '../cli-io.js';
import type { TurnOptions } from '../cli-options.js';
import { clientOptions } from '../client-options.js';
import { EXIT_CODES, formatError } from '../exit-codes.js';
import { askApproval } from '../mcp/ask-approval.js';
import { startTools } from '../mcp/start-tools.js';
import { invalidInput } from '../option-values.js';
import { terminalSafeLine } from '../render/terminal-safe.js';
import { HISTORY_SIZE, loadHistory, saveHistory } from '../repl/chat-history.js';
import { ChatSession } from '../repl/chat-session.js';
import { mostRecentConversationId } from './ask.js';
import { dim, modelWarning, noteConfig, noteModelChoice } from './run-turn.js';

interface ChatStore {
  store: ConversationStore;
  persistent: boolean;
  conversation: Conversation | undefined;
}

/**
 * The store of a chat: SQLite, or with --no-save an in-memory one (so the model still sees the
 * earlier turns). A conversation to continue is loaded first, so an unknown id fails before the
 * REPL starts.
 */
async function openChatStore(context: CommandContext, options: TurnOptions): Promise<ChatStore> {
  const continuing = options.continueLast || options.conversationId !== undefined;
  const pickId = async (store: ConversationStore) =>
    options.continueLast ? mostRecentConversationId(store) : options.conversationId;
  if (options.save) {
    const store = await context.deps.openStore();
    try {
      const conversationId = await pickId(store);
      const loaded = conversationId === undefined ? undefined : await store.get(conversationId);
      return { store, persistent: true, conversation: loaded && withoutMessages(loaded) };
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const { createMemoryStore } = await import('@bedrock-chat/core');
  const memory = createMemoryStore();
  if (!continuing) return { store: memory, persistent: false, conversation: undefined };
  const disk = await context.deps.openStore({ readOnly: true });
  try {
    const conversationId = await pickId(disk);
    const conversation =
      conversationId === undefined
        ? undefined
        : await memory.import(await disk.export(conversationId, 'json'));
    return { store: memory, persistent: false, conversation };
  } finally {
    await disk.close();
  }
}

function withoutMessages<T extends Conversation>(conversation: T): Conversation {
  const { messages: _messages, ...rest } = conversation as T & { messages?: unknown };
  return rest;
}

/** The first line of an interactive chat: the model, and whether anything will be kept. */
export function chatBanner(model: string, saving: boolean): string {
  const saved = saving ? '' : ' · nothing is saved (--no-save)';
  return `bedrock-chat · ${model}${saved} · /help for commands, Ctrl-D to quit`;
}

/**
 * `bedrock-chat chat`: a REPL over node:readline. Reads lines from stdin (a terminal, or a pipe in
 * tests and scripts: then no prompt or banner is drawn), replies on stdout, notices on stderr.
 */
export async function runChat(context: CommandContext, options: TurnOptions): Promise<number> {
  const { io, deps } = context;
  const interactive = io.stdin.isTTY === true;
  if (options.attach.includes(STDIN_PATH)) {
    throw invalidInput(
      '--attach - cannot be used with chat: the chat reads your prompts from stdin.',
      'Attach the file by its path (-a photo.png), or use /attach <path> in the chat.',
    );
  }
  // Before the REPL starts: a bad file fails the command (exit 2) with nothing sent or stored.
  const attachments = await loadAttachments(io, options.attach);
  const colorErr = useColor(io.stderr, io.env);
  // A call not allowed beforehand is asked about at the prompt; piped input cannot answer.
  let prompter: Interface | undefined;
  let question: AbortController | undefined;
  // Until the REPL listens: a signal cancels the start-up (MCP servers starting are ended).
  const starting = new AbortController();
  let stopListening = deps.onInterrupt(() => {
    stopListening();
    starting.abort();
  });
  const tools = startTools({
    io,
    flags: options.tools,
    early: context.earlyServers,
    dim: (text) => dim(text, colorErr),
    ask: interactive
      ? async (call, label) => {
          question = new AbortController();
          try {
            return prompter ? await askApproval(prompter, call, label, question.signal) : 'no';
          } finally {
            question = undefined;
          }
        }
      : undefined,
    signal: starting.signal,
    // A conversation to continue is found first (there may be none): only then do servers start.
    deferred: options.continueLast || options.conversationId !== undefined,
  });
  let client: ChatClient | undefined;
  let opened: ChatStore | undefined;
  try {
    // A bad --mcp-config or --mcp name fails first, before any model or store is resolved.
    await tools.configured();
    client = await deps.createChatClient(clientOptions(io, options));
    await noteConfig(client, io.stderr, colorErr);
    opened = await openChatStore(context, options);
    tools.start();
    const { redactSecrets, resolveDataDir } = await import('@bedrock-chat/core');
    const session = new ChatSession({
      client,
      store: opened.store,
      persistent: opened.persistent,
      output: io.stdout,
      errorOutput: io.stderr,
      markdown: useColor(io.stdout, io.env),
      color: colorErr,
      spinner: interactive && io.stderr.isTTY === true,
      turn: options,
      conversation: opened.conversation,
      attachments,
      loadAttachment: async (path) => (await loadAttachments(io, [path]))[0],
      formatError: (error) => formatError(error, { debug: context.debug, redact: redactSecrets }),
      tools: await tools.ready(),
    });

    const model = options.model ?? opened.conversation?.model ?? undefined;
    if (interactive) {
      const resolved = await client.resolveModel(model);
      const banner = chatBanner(resolved.note ?? resolved.modelId, opened.persistent);
      io.stderr.write(`${dim(banner, colorErr)}\n${await modelWarning(client, resolved, true)}`);
    } else {
      await noteModelChoice(client, model, io.stderr, { color: colorErr, unavailable: true });
    }
    if (opened.conversation) {
      const { title, messageCount } = opened.conversation;
      const shown = terminalSafeLine(title);
      io.stderr.write(`${dim(`continuing "${shown}" (${messageCount} messages)`, colorErr)}\n`);
    }

    const historyPath = join(resolveDataDir(io.env, process.platform, homedir()), 'chat-history');
    let history = interactive ? await loadHistory(historyPath) : [];
    const rl = createInterface({
      input: io.stdin,
      // Only a real terminal gets prompts and line editing; piped input is read line by line.
      output: interactive ? (io.stdout.underlying ?? (io.stdout as NodeJS.WritableStream)) : undefined,
      terminal: interactive,
      history,
      historySize: HISTORY_SIZE,
      removeHistoryDuplicates: true,
    });
    prompter = rl;
    rl.on('history', (lines: string[]) => {
      history = lines;
    });
    let closed = false;
    rl.once('close', () => {
      closed = true;
    });
    const prompt = () => {
      // After a signal closed it mid-reply: prompting would resume the terminal's input (Node 20),
      // which then holds the process open forever.
      if (!interactive || closed) return;
      rl.setPrompt(session.continuing ? '… ' : '› ');
      rl.prompt();
    };
    rl.on('SIGINT', () => {
      if (session.replying) {
        question?.abort();
        session.interrupt();
        return;
      }
      if (rl.line !== '') {
        // Like a shell: leave the abandoned line visible, start afresh below it.
        io.stdout.write('^C\n');
        rl.write(null, { ctrl: true, name: 'e' });
        rl.write(null, { ctrl: true, name: 'u' });
        return;
      }
      io.stdout.write('\n');
      session.interrupt();
      prompt();
    });
    // Piped input never sees Ctrl-C as a key: the terminal sends SIGINT to the process instead.
    // SIGTERM and SIGHUP take the same path: a reply in progress is cancelled, then the chat ends.
    stopListening();
    if (starting.signal.aborted) throw cancelledStartup();
    stopListening = deps.onInterrupt((signal) => {
      // A pending approval question settles only on its own signal (rl.close() leaves it waiting).
      question?.abort();
      if (session.replying) session.interrupt();
      if (signal !== 'SIGINT' || !session.replying) rl.close();
    });

    prompt();
    for await (const line of rl) {
      if ((await session.handleLine(line)) === 'exit') break;
      // Nobody reads the replies any more (`chat < prompts | head`): the turn is saved, and the
      // next lines are not sent to be billed for replies nobody sees.
      if (io.stdout.closed) {
        io.stderr.write(`${dim(STDOUT_CLOSED_NOTE, colorErr)}\n`);
        break;
      }
      prompt();
    }
    rl.close();
    if (interactive) {
      io.stdout.write('\n');
      await saveHistory(historyPath, history);
    }
    const unannounced = session.unannouncedConversationId;
    if (unannounced && opened.persistent)
      io.stderr.write(`${dim(`conversation: ${unannounced}`, colorErr)}\n`);
    return EXIT_CODES.success;
  } finally {
    stopListening();
    client?.close();
    await opened?.store.close();
    await tools.close();
  }
}

const STDOUT_CLOSED_NOTE =
  'note: stdout was closed: the chat ends after this turn (the rest of the input was not sent).';

function cancelledStartup(): BedrockChatError {
  return new BedrockChatError({ code: 'ABORTED', message: 'The chat was cancelled before it started.' });
}
