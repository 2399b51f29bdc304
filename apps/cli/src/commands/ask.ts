import {
  type ChatClient,
  type ConversationStore,
  promptWithAttachments,
  type TurnSummary,
  titleFromPrompt,
  turnSummary,
} from '@bedrock-chat/core';
import { loadAttachments } from '../attach-files.js';
import type { CommandContext } from '../cli-deps.js';
import { useColor } from '../cli-io.js';
import type { TurnOptions } from '../cli-options.js';
import { clientOptions } from '../client-options.js';
import { EXIT_CODES } from '../exit-codes.js';
import { startTools, turnToolOptions } from '../mcp/start-tools.js';
import { invalidInput } from '../option-values.js';
import { readPrompt } from '../prompt-input.js';
import { createReasoningWriter } from '../render/reasoning-writer.js';
import { createReplyWriter } from '../render/reply-writer.js';
import { startSpinner } from '../render/spinner.js';
import { loadSchema, writeObject, writeRejectedReply } from '../structured/schema-flag.js';
import { dim, noteConfig, noteModelChoice, reportTurn, runTurn, turnChatOptions } from './run-turn.js';

/** The id of the most recently used conversation, for `--continue`. */
export async function mostRecentConversationId(store: ConversationStore): Promise<string> {
  const page = await store.list({ limit: 1 });
  const latest = page.conversations[0];
  if (latest === undefined) {
    throw invalidInput('There is no conversation to continue yet.', 'Drop --continue to start one.');
  }
  return latest.id;
}

/** The shape `ask --json` prints (with --schema, core's summary carries the checked `object`). */
export type AskJson = TurnSummary;

/**
 * `bedrock-chat ask`: one prompt, the reply on stdout (streamed unless --no-stream or --json),
 * everything else on stderr; the exchange is stored unless --no-save. With --schema, stdout is
 * the checked JSON value alone, on one line, once the reply is complete (in --json as `object`).
 */
export async function runAsk(
  context: CommandContext,
  words: string[],
  options: TurnOptions,
): Promise<number> {
  const { io, deps } = context;
  const text = await readPrompt(io, words, options.attach);
  // Before the client and the store: a bad file fails here, with nothing sent or stored.
  const attachments = await loadAttachments(io, options.attach, options.attachType);
  const schema = options.schema === undefined ? undefined : await loadSchema(io, options.schema);
  const prompt = attachments.length === 0 ? text : promptWithAttachments(text, attachments);
  const colorErr = useColor(io.stderr, io.env);
  const controller = new AbortController();
  // The first Ctrl-C (or SIGTERM, SIGHUP) cancels, also while MCP servers start, and stops
  // listening, so a second one ends the process.
  const stopListening = deps.onInterrupt(() => {
    stopListening();
    controller.abort();
  });
  const continuing = options.continueLast || options.conversationId !== undefined;
  // MCP servers start now, while core loads and the configuration resolves; when continuing,
  // once the conversation is found (there may be none: then none starts).
  const tools = startTools({
    io,
    flags: options.tools,
    early: context.earlyServers,
    dim: (text) => dim(text, colorErr),
    signal: controller.signal,
    deferred: continuing,
  });
  let client: ChatClient | undefined;
  let store: ConversationStore | undefined;
  try {
    // A bad --mcp-config or --mcp name fails first, before any model or store is resolved.
    await tools.configured();
    client = await deps.createChatClient(clientOptions(io, options));
    await noteConfig(client, io.stderr, colorErr);
    // Continuing without saving only reads (so a read-only data directory is enough).
    store = options.save || continuing ? await deps.openStore({ readOnly: !options.save }) : undefined;
    const conversationId =
      options.continueLast && store ? await mostRecentConversationId(store) : options.conversationId;
    tools.start();
    // A continued conversation keeps its model; say what an alias became only when we chose it now.
    if (options.model !== undefined || conversationId === undefined) {
      await noteModelChoice(client, options.model, io.stderr, { color: colorErr });
    }
    // With --schema nothing streams to stdout: only a value that matches the schema is printed.
    const reply =
      options.json || schema !== undefined
        ? undefined
        : createReplyWriter(io.stdout, { markdown: useColor(io.stdout, io.env) });
    const spinner = startSpinner(io.stderr, 'thinking', io.stderr.isTTY === true && !options.json);
    const outcome = await runTurn(
      {
        ...turnChatOptions(options),
        runner: client,
        prompt,
        // With piped context, the instruction in the arguments names the conversation better.
        title: words.length > 0 ? titleFromPrompt(words.join(' ')) : undefined,
        store,
        conversationId,
        save: options.save,
        signal: controller.signal,
        ...turnToolOptions(await tools.ready()),
        ...(schema === undefined ? {} : { schema }),
      },
      options.stream,
      // With --json the reasoning is in the JSON only.
      {
        reply,
        spinner,
        reasoning: options.json ? undefined : createReasoningWriter(io.stderr, { color: colorErr }),
      },
    ).catch((error: unknown) => {
      if (!options.json) writeRejectedReply(io.stderr, error);
      throw error;
    });
    if (options.json) {
      const json: AskJson = turnSummary(outcome, { includeReasoning: true });
      io.stdout.write(`${JSON.stringify(json)}\n`);
    } else if (schema !== undefined) {
      writeObject(io.stdout, outcome.result.object);
    }
    reportTurn(io.stderr, outcome, { usage: options.usage, conversationId: true, color: colorErr });
    return EXIT_CODES.success;
  } finally {
    stopListening();
    client?.close();
    await store?.close();
    await tools.close();
  }
}
