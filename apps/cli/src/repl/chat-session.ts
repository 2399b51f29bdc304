import {
  type AttachmentBlock,
  BedrockChatError,
  type ChatClient,
  type Conversation,
  type ConversationStore,
  describeAttachment,
  listAttachments,
  promptWithAttachments,
  STEPS_SAVED,
  type ThinkingOption,
} from '@bedrock-chat/core';
import type { OutputStream } from '../cli-io.js';
import type { TurnOptions } from '../cli-options.js';
import { dim, modelWarning, reportTurn, runTurn, turnChatOptions } from '../commands/run-turn.js';
import { type TurnTools, turnToolOptions } from '../mcp/start-tools.js';
import { addUsage, formatConversationTotals, formatUsage, noUsage } from '../render/format-usage.js';
import { createReasoningWriter } from '../render/reasoning-writer.js';
import { createReplyWriter } from '../render/reply-writer.js';
import { startSpinner } from '../render/spinner.js';
import { terminalSafeLine } from '../render/terminal-safe.js';
import { MultilineInput } from './multiline-input.js';
import { parseReplLine, slashHelp } from './slash-commands.js';

export interface ChatSessionOptions {
  /** MCP tools for every turn (`--mcp`), with their approval hook. */
  tools?: TurnTools | undefined;
  client: ChatClient;
  store: ConversationStore;
  /** False when the store is in memory (`--no-save`): conversation ids are not worth showing. */
  persistent: boolean;
  output: OutputStream;
  errorOutput: OutputStream;
  /** Render replies as Markdown (output is a colour terminal). */
  markdown: boolean;
  /** Dim status lines (errorOutput is a colour terminal). */
  color: boolean;
  spinner: boolean;
  turn: TurnOptions;
  /** The conversation to continue, already checked to exist. */
  conversation?: Conversation | undefined;
  /** Files (from --attach) for the first prompt. */
  attachments?: readonly AttachmentBlock[] | undefined;
  /** Reads one `/attach` file; throws core's coded error for a file it cannot send. */
  loadAttachment(path: string): Promise<AttachmentBlock | undefined>;
  formatError(error: unknown): string;
}

export type LineOutcome = 'continue' | 'exit';

/**
 * The REPL without the terminal: feed it lines, tell it about Ctrl-C. One turn at a time; a
 * turn's failure is reported and the session goes on.
 */
export class ChatSession {
  private readonly input = new MultilineInput();
  private conversation: Conversation | undefined;
  private model: string | undefined;
  private system: string | undefined;
  /** `--think` / `--think-budget`, then `/think`; absent: the model's default. */
  private thinking: ThinkingOption | undefined;
  private current: AbortController | undefined;
  /** Files waiting for the next prompt. */
  private pending: AttachmentBlock[];
  /** The conversation whose id was printed when its first turn created it (printed once only). */
  private announced: string | undefined;
  private readonly totals = {
    turns: 0,
    usage: noUsage(),
    costUsd: 0,
    costKnown: true,
    /** Undefined until a reply of the session used the cache. */
    cacheSavedUsd: undefined as number | undefined,
  };

  constructor(private readonly options: ChatSessionOptions) {
    this.conversation = options.conversation;
    this.model = options.turn.model;
    this.system = options.turn.system;
    this.thinking = options.turn.thinking;
    this.pending = [...(options.attachments ?? [])];
  }

  /** Whether the next line continues a multi-line input (for the `… ` prompt). */
  get continuing(): boolean {
    return this.input.pending;
  }

  /** Whether a reply is in progress (Ctrl-C then cancels it). */
  get replying(): boolean {
    return this.current !== undefined;
  }

  get conversationId(): string | undefined {
    return this.conversation?.id;
  }

  /** The id to print as the chat ends: none when the line after its first turn already gave it. */
  get unannouncedConversationId(): string | undefined {
    const id = this.conversation?.id;
    return id === this.announced ? undefined : id;
  }

  /** Ctrl-C: cancels the reply in progress, else drops half-typed multi-line input, else hints. */
  interrupt(): 'cancelled' | 'discarded' | 'idle' {
    if (this.current) {
      this.current.abort();
      return 'cancelled';
    }
    if (this.input.pending) {
      this.input.reset();
      this.notice('(input discarded)');
      return 'discarded';
    }
    this.notice('(To quit, press Ctrl-D or type /exit.)');
    return 'idle';
  }

  async handleLine(line: string): Promise<LineOutcome> {
    const collected = this.input.push(line);
    if (!collected.done || collected.text.trim() === '') return 'continue';
    const parsed = parseReplLine(collected.text);
    if (parsed.kind === 'unknown-command') {
      this.notice(
        `Unknown command /${parsed.name}: type /help (start with // to send a line beginning with /).`,
      );
      return 'continue';
    }
    if (parsed.kind === 'prompt') {
      await this.send(parsed.text);
      return 'continue';
    }
    switch (parsed.name) {
      case 'exit':
        return 'exit';
      case 'help':
        this.notice(slashHelp());
        return 'continue';
      case 'new':
        this.conversation = undefined;
        this.notice('(new conversation)');
        return 'continue';
      case 'model':
        await this.changeModel(parsed.argument);
        return 'continue';
      case 'system':
        this.changeSystem(parsed.argument);
        return 'continue';
      case 'think':
        this.toggleThinking(parsed.argument);
        return 'continue';
      case 'usage':
        this.showUsage();
        return 'continue';
      case 'id':
        this.notice(this.idNotice());
        return 'continue';
      case 'attach':
        await this.attach(parsed.argument);
        return 'continue';
      case 'files':
        await this.showFiles();
        return 'continue';
    }
  }

  private async attach(path: string): Promise<void> {
    if (path === '') {
      this.notice('Usage: /attach <path> (an image or document; sent with your next prompt)');
      return;
    }
    try {
      const block = await this.options.loadAttachment(path);
      if (block === undefined) return;
      this.pending.push(block);
      const [summary] = listAttachments([{ content: [block] }]);
      this.notice(`(attached ${summary ? describeAttachment(summary) : path}: sent with your next prompt)`);
    } catch (error) {
      this.options.errorOutput.write(this.options.formatError(error));
    }
  }

  private async showFiles(): Promise<void> {
    const { conversation } = this;
    const stored = conversation
      ? listAttachments((await this.options.store.get(conversation.id)).messages)
      : [];
    const next = listAttachments([{ content: this.pending }]);
    if (stored.length === 0 && next.length === 0) {
      this.notice('(no files: attach one with /attach <path>)');
      return;
    }
    const lines = [
      ...stored.map(
        (file) => `  message ${file.messageIndex + 1}: ${terminalSafeLine(describeAttachment(file))}`,
      ),
      ...next.map((file) => `  next prompt: ${terminalSafeLine(describeAttachment(file))}`),
    ];
    this.notice(`Files:\n${lines.join('\n')}`);
  }

  private idNotice(): string {
    // With --no-save the conversation lives in memory: its id would name nothing stored.
    if (!this.options.persistent) return '(nothing is saved with --no-save: there is no conversation id)';
    return this.conversation
      ? `conversation: ${this.conversation.id}`
      : '(no conversation yet: send a prompt)';
  }

  private notice(text: string): void {
    this.options.errorOutput.write(`${dim(text, this.options.color)}\n`);
  }

  private async changeModel(argument: string): Promise<void> {
    const { client } = this.options;
    if (argument === '') {
      const resolved = await client.resolveModel(this.model ?? this.conversation?.model ?? undefined);
      const chosen = resolved.requested === resolved.modelId ? '' : ` → ${resolved.modelId}`;
      this.notice(`model: ${resolved.requested}${chosen}`);
      return;
    }
    const resolved = await client.resolveModel(argument);
    this.model = argument;
    this.notice(resolved.note ? `model: ${resolved.note}` : `model: ${resolved.modelId}`);
    this.options.errorOutput.write(await modelWarning(client, resolved, true));
  }

  /**
   * `/think` toggles, `/think on|off` sets. Off is `thinking: false`: off where the model thinks by
   * default; a model that always thinks says so at the next prompt.
   */
  private toggleThinking(argument: string): void {
    const word = argument.toLowerCase();
    if (word !== '' && word !== 'on' && word !== 'off') {
      this.notice('Usage: /think [on|off] (no argument toggles)');
      return;
    }
    const on = word === '' ? this.thinking === undefined || this.thinking === false : word === 'on';
    // A budget from --think-budget survives toggling off and on.
    const budget = typeof this.options.turn.thinking === 'object' ? this.options.turn.thinking : true;
    this.thinking = on ? budget : false;
    this.notice(on ? '(thinking on: reasoning is shown dimmed before the reply)' : '(thinking off)');
  }

  private changeSystem(argument: string): void {
    if (argument === '') {
      const current = this.system ?? this.conversation?.system;
      const text =
        typeof current === 'string'
          ? current
          : current?.map((block) => ('text' in block ? block.text : '')).join('\n');
      this.notice(text ? `system: ${text}` : 'system: (none)');
      return;
    }
    // An empty system prompt means none, and is stored so the conversation keeps it that way.
    this.system = argument.toLowerCase() === 'clear' ? '' : argument;
    this.notice(this.system === '' ? '(system prompt cleared)' : '(system prompt set)');
  }

  private showUsage(): void {
    const { turns, usage, costUsd, costKnown, cacheSavedUsd } = this.totals;
    const line = formatUsage({ usage, costUsd: costKnown ? costUsd : undefined, cacheSavedUsd });
    this.notice(`session: ${turns} ${turns === 1 ? 'reply' : 'replies'} · ${line}`);
    const conversation = this.conversation;
    if (conversation) this.notice(`conversation: ${formatConversationTotals(conversation)}`);
  }

  private async send(prompt: string): Promise<void> {
    const { options } = this;
    const controller = new AbortController();
    this.current = controller;
    const reply = createReplyWriter(options.output, { markdown: options.markdown });
    const spinner = startSpinner(options.errorOutput, 'thinking', options.spinner);
    const wasNew = this.conversation === undefined;
    try {
      const outcome = await runTurn(
        {
          ...turnChatOptions(options.turn),
          model: this.model,
          system: this.system,
          ...(this.thinking === undefined ? {} : { thinking: this.thinking }),
          runner: options.client,
          prompt: this.pending.length === 0 ? prompt : promptWithAttachments(prompt, this.pending),
          store: options.store,
          conversationId: this.conversation?.id,
          // What this session last saw: another process appending meanwhile is a conflict, not a merge.
          expectedPosition: this.conversation?.messageCount,
          signal: controller.signal,
          ...turnToolOptions(options.tools),
        },
        options.turn.stream,
        { reply, spinner, reasoning: createReasoningWriter(options.errorOutput, { color: options.color }) },
      );
      if (outcome.conversation) this.conversation = outcome.conversation;
      this.pending = [];
      const { result } = outcome;
      this.totals.turns++;
      addUsage(this.totals.usage, result.usage);
      if (result.costUsd === undefined) this.totals.costKnown = false;
      else this.totals.costUsd += result.costUsd;
      if (result.cacheSavedUsd !== undefined)
        this.totals.cacheSavedUsd = (this.totals.cacheSavedUsd ?? 0) + result.cacheSavedUsd;
      reportTurn(options.errorOutput, outcome, {
        usage: options.turn.usage,
        conversationId: wasNew && options.persistent,
        color: options.color,
      });
      if (wasNew && options.persistent && outcome.saved) this.announced = outcome.conversation?.id;
    } catch (error) {
      if (controller.signal.aborted) {
        const savedIn = stepsSavedIn(error);
        if (savedIn === undefined) this.notice('(reply cancelled; nothing was saved)');
        else {
          // The next prompt continues after the stored steps, not from where this session last was.
          this.conversation = await options.store.get(savedIn).catch(() => this.conversation);
          this.notice(`(reply cancelled. ${STEPS_SAVED})`);
        }
      } else {
        options.errorOutput.write(options.formatError(error));
        if (BedrockChatError.isInstance(error) && error.code.startsWith('ATTACHMENT_')) {
          // Bedrock would refuse them every time: drop them rather than fail every prompt.
          this.pending = [];
          this.notice('(the attached files were dropped: /attach them again as needed)');
        }
        if (
          BedrockChatError.isInstance(error) &&
          error.code === 'CONVERSATION_CONFLICT' &&
          this.conversation
        ) {
          // Pick up what the other process added, so the next prompt continues from there.
          this.conversation = await options.store.get(this.conversation.id).catch(() => this.conversation);
          this.notice('(conversation reloaded: send your prompt again, or /new)');
        }
      }
    } finally {
      this.current = undefined;
    }
  }
}

/** The conversation an interrupted turn stored its completed tool steps in, if it did. */
function stepsSavedIn(error: unknown): string | undefined {
  if (!BedrockChatError.isInstance(error) || error.details?.conversationUnchanged !== false) return undefined;
  const id = error.details.conversationId;
  return typeof id === 'string' ? id : undefined;
}
