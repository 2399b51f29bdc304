import type { ErrorCategory } from '@bedrock-chat/core';

/**
 * The one place where failures become exit codes and the line a person reads. Documented in
 * `--help` (EXIT_CODES_HELP) and the README; scripts may rely on them.
 */
export const EXIT_CODES = {
  success: 0,
  unexpected: 1,
  invalidInput: 2,
  credentials: 3,
  model: 4,
  throttled: 5,
  interrupted: 130,
  /** SIGHUP (the terminal closed) cancelled the command: 128 + 1, as a shell reports it. */
  hangup: 129,
  /** SIGTERM (kill, a supervisor) cancelled the command: 128 + 15. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const BY_CATEGORY: Record<ErrorCategory, ExitCode> = {
  'invalid-input': EXIT_CODES.invalidInput,
  credentials: EXIT_CODES.credentials,
  model: EXIT_CODES.model,
  throttled: EXIT_CODES.throttled,
  interrupted: EXIT_CODES.interrupted,
  // Another process changed the conversation (nothing was saved; rerun), or the store cannot be
  // used: neither is the user's input nor Bedrock's answer, so they share the generic failure.
  conflict: EXIT_CODES.unexpected,
  storage: EXIT_CODES.unexpected,
  unexpected: EXIT_CODES.unexpected,
};

export const EXIT_CODES_HELP = `Exit codes:
  0    success (also when the reader of stdout left early, | head: the turn is still saved)
  1    unexpected error (also: conversation changed by another process, unusable store,
       stdout could not be written)
  2    invalid input: bad flag or value, unknown conversation id, a file that cannot be attached
  3    credentials missing, expired or rejected
  4    model access denied, model unknown or not offered in the region; a reply not matching --schema
  5    throttled or service unavailable (after retries), network error, timeout
  129  hung up (SIGHUP): cancelled as by Ctrl-C
  130  interrupted (Ctrl-C): the call is cancelled, MCP servers are ended
  143  terminated (SIGTERM): cancelled as by Ctrl-C`;

/**
 * The exit code once a signal cancelled the command: SIGTERM and SIGHUP always report themselves
 * (a supervisor reads them); SIGINT keeps the command's own code (130 when it cancelled a call,
 * 0 when it ended a piped chat between turns).
 */
export function exitCodeAfterSignal(
  code: number,
  signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | undefined,
): number {
  if (signal === 'SIGTERM') return EXIT_CODES.terminated;
  if (signal === 'SIGHUP') return EXIT_CODES.hangup;
  return code;
}

/** The parts of an error the CLI reads; satisfied by BedrockChatError. */
interface CategorisedError {
  category: ErrorCategory;
  code?: string | undefined;
  message: string;
  hint?: string | undefined;
  details?: Readonly<Record<string, unknown>> | undefined;
}

interface CommanderLikeError {
  code: string;
  exitCode: number;
  message: string;
}

/**
 * Core's store hints name no app's flags (the MCP server has no --no-save): for a store it cannot
 * write or open, the CLI adds its own way round.
 */
const NO_SAVE_CODES: ReadonlySet<string> = new Set(['STORE_UNWRITABLE', 'STORE_UNAVAILABLE']);
const NO_SAVE_HINT = 'Or use --no-save to chat without storing.';

function hintOf(error: CategorisedError): string | undefined {
  if (error.code === undefined || !NO_SAVE_CODES.has(error.code)) return error.hint;
  return error.hint ? `${error.hint} ${NO_SAVE_HINT}` : NO_SAVE_HINT;
}

function isCategorised(error: unknown): error is CategorisedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'category' in error &&
    typeof error.category === 'string' &&
    error.category in BY_CATEGORY
  );
}

/** commander's own errors: usage mistakes, and the ends of --help and --version. */
export function isCommanderError(error: unknown): error is CommanderLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('commander.')
  );
}

export function exitCodeForCategory(category: ErrorCategory): ExitCode {
  return BY_CATEGORY[category];
}

/** The exit code for anything a command threw. */
export function exitCodeFor(error: unknown): ExitCode {
  if (isCategorised(error)) return exitCodeForCategory(error.category);
  if (isCommanderError(error)) {
    // --help and --version end commander's parse with exit code 0.
    return error.exitCode === 0 ? EXIT_CODES.success : EXIT_CODES.invalidInput;
  }
  return EXIT_CODES.unexpected;
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const text = current instanceof Error ? (current.stack ?? current.message) : String(current);
    lines.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

export interface FormatErrorOptions {
  debug: boolean;
  /** Removes secrets from free text (core's redactSecrets); identity when absent. */
  redact?: ((text: string) => string) | undefined;
}

/**
 * The conversation a failed turn still wrote to (core's `details.conversationId` with
 * `conversationUnchanged: false`: tool steps that ran before an interrupt are saved).
 */
function savedConversationId(error: unknown): string | undefined {
  if (!isCategorised(error)) return undefined;
  const details = error.details;
  return details?.conversationUnchanged === false && typeof details.conversationId === 'string'
    ? details.conversationId
    : undefined;
}

const DEBUG_HINT = 'run again with --debug (or BEDROCK_CHAT_DEBUG=1) for details.';

/**
 * What a failure prints to stderr: one line, the hint on a second, and a stack trace only in
 * debug mode. Commander has already printed its own usage errors, so they add nothing here.
 * The user's own Ctrl-C is no error: one line says it was cancelled (and what that left).
 */
export function formatError(error: unknown, options: FormatErrorOptions): string {
  const redact = options.redact ?? ((text: string) => text);
  // --help and --version end as commander errors with exit code 0: nothing went wrong.
  if (isCommanderError(error)) {
    return options.debug && error.exitCode !== 0 ? `${redact(stackOf(error))}\n` : '';
  }
  let text: string;
  if (isCategorised(error) && error.category === 'interrupted') {
    text = `${error.message}${error.hint ? ` ${error.hint}` : ''}\n`;
    const saved = savedConversationId(error);
    if (saved !== undefined) text += `conversation: ${saved}\n`;
  } else if (isCategorised(error)) {
    text = `error: ${error.message}\n`;
    const hint = hintOf(error);
    if (hint) text += `hint: ${hint}\n`;
    const saved = savedConversationId(error);
    if (saved !== undefined) text += `conversation: ${saved}\n`;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    text = `error: unexpected failure: ${message}\n`;
    if (!options.debug) text += `hint: ${DEBUG_HINT}\n`;
  }
  if (options.debug) text += `${stackOf(error)}\n`;
  return redact(text);
}

/** What a `--json` command prints on stdout when it fails; scripts read `code` (core's ERROR_CODES). */
export interface ErrorJson {
  /** `rawText`: the reply as the model wrote it, when it did not match --schema (OUTPUT_INVALID). */
  /**
   * `conversationId`: where a failed turn still saved what ran (tool steps before an interrupt).
   * `replyText`: the billed reply when saving it failed (the store went away, another writer won).
   */
  error: {
    code: string;
    message: string;
    hint: string | null;
    rawText?: string;
    conversationId?: string;
    replyText?: string;
  };
}

/**
 * The failure as one JSON line for stdout, beside the line formatError writes to stderr: a script
 * that reads stdout always gets JSON, a person watching stderr the usual message. Commander's usage
 * errors are INVALID_INPUT; anything unexpected is INTERNAL. Undefined for --help and --version.
 */
export function formatErrorJson(
  error: unknown,
  options: Pick<FormatErrorOptions, 'redact'>,
): string | undefined {
  const redact = options.redact ?? ((text: string) => text);
  let body: Omit<ErrorJson['error'], 'rawText' | 'conversationId' | 'replyText'>;
  let rawText: string | undefined;
  let replyText: string | undefined;
  if (isCommanderError(error)) {
    if (error.exitCode === 0) return undefined;
    const message = error.message.replace(/^error: /, '');
    body = { code: 'INVALID_INPUT', message, hint: 'run with --help for usage.' };
  } else if (isCategorised(error)) {
    body = { code: error.code ?? 'INTERNAL', message: error.message, hint: hintOf(error) ?? null };
    // The model's own text (not ours, so not redacted): the reply is printed as written elsewhere too.
    if (error.code === 'OUTPUT_INVALID' && typeof error.details?.rawText === 'string') {
      rawText = error.details.rawText;
    }
    // Also the model's text, printed on stdout without --json before the save failed.
    if (typeof error.details?.replyText === 'string') replyText = error.details.replyText;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    body = { code: 'INTERNAL', message: `unexpected failure: ${message}`, hint: DEBUG_HINT };
  }
  const json: ErrorJson = {
    error: {
      code: body.code,
      message: redact(body.message),
      hint: body.hint && redact(body.hint),
      ...(rawText === undefined ? {} : { rawText }),
      ...(replyText === undefined ? {} : { replyText }),
      ...(savedConversationId(error) === undefined ? {} : { conversationId: savedConversationId(error) }),
    },
  };
  return `${JSON.stringify(json)}\n`;
}
