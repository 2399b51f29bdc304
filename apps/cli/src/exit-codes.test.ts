import { BedrockChatError, ERROR_CODES, type ErrorCode } from '@bedrock-chat/core';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeAfterSignal, exitCodeFor, formatError, formatErrorJson } from './exit-codes.js';

const error = (code: ErrorCode, hint?: string) =>
  new BedrockChatError({ code, message: `${code} happened`, hint });

describe('exitCodeFor', () => {
  it('maps every core error category', () => {
    const expected: Record<string, number> = {
      'invalid-input': 2,
      credentials: 3,
      model: 4,
      throttled: 5,
      interrupted: 130,
      conflict: 1,
      storage: 1,
      unexpected: 1,
    };
    for (const [code, category] of Object.entries(ERROR_CODES)) {
      expect(exitCodeFor(error(code as ErrorCode)), code).toBe(expected[category]);
    }
  });

  it('reports SIGTERM as 143 and SIGHUP as 129 whatever the command returned; SIGINT keeps its code', () => {
    expect(exitCodeAfterSignal(130, 'SIGTERM')).toBe(143);
    expect(exitCodeAfterSignal(0, 'SIGHUP')).toBe(129);
    expect(exitCodeAfterSignal(130, 'SIGINT')).toBe(130);
    expect(exitCodeAfterSignal(0, 'SIGINT')).toBe(0);
    expect(exitCodeAfterSignal(2, undefined)).toBe(2);
  });

  it('maps commander usage errors to 2, help and version to 0, anything else to 1', () => {
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', 'unknown option'))).toBe(2);
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
    expect(exitCodeFor(new TypeError('boom'))).toBe(EXIT_CODES.unexpected);
  });
});

describe('formatError', () => {
  it('prints one line and the hint, no stack unless debugging', () => {
    const text = formatError(error('THROTTLED', 'Wait and retry.'), { debug: false });
    expect(text).toBe('error: THROTTLED happened\nhint: Wait and retry.\n');
    expect(formatError(error('THROTTLED'), { debug: true })).toContain('    at ');
  });

  it("adds its own --no-save to a store it cannot write or open (core's hints name no flag)", () => {
    for (const code of ['STORE_UNWRITABLE', 'STORE_UNAVAILABLE'] as const) {
      expect(formatError(error(code, 'Set BEDROCK_CHAT_HOME.'), { debug: false })).toBe(
        `error: ${code} happened\nhint: Set BEDROCK_CHAT_HOME. Or use --no-save to chat without storing.\n`,
      );
      expect(JSON.parse(formatErrorJson(error(code), {}) ?? 'null').error.hint).toBe(
        'Or use --no-save to chat without storing.',
      );
    }
    expect(formatError(error('STORE_CORRUPT', 'Move it aside.'), { debug: false })).not.toContain(
      '--no-save',
    );
  });

  it('says how to get details for unexpected errors, and redacts', () => {
    const text = formatError(new Error('token=supersecretvalue'), {
      debug: false,
      redact: (value) => value.replace('supersecretvalue', '[redacted]'),
    });
    expect(text).toBe(
      'error: unexpected failure: token=[redacted]\nhint: run again with --debug (or BEDROCK_CHAT_DEBUG=1) for details.\n',
    );
  });

  it('adds nothing to the message commander already printed', () => {
    expect(formatError(new CommanderError(1, 'commander.unknownOption', 'x'), { debug: false })).toBe('');
  });

  it("says the user's own Ctrl-C cancelled the request, without calling it an error", () => {
    const cancelled = new BedrockChatError({
      code: 'ABORTED',
      message: 'The request was cancelled.',
      hint: 'Nothing was saved; the conversation is as it was.',
    });
    expect(formatError(cancelled, { debug: false })).toBe(
      'The request was cancelled. Nothing was saved; the conversation is as it was.\n',
    );
    expect(exitCodeFor(cancelled)).toBe(130);
  });
});

describe('formatErrorJson', () => {
  const parsed = (text: string | undefined) => JSON.parse(text ?? 'null');

  it('prints the code, message and hint of our errors (hint null when there is none)', () => {
    expect(parsed(formatErrorJson(error('MODEL_NOT_FOUND', 'Check the id.'), {}))).toEqual({
      error: { code: 'MODEL_NOT_FOUND', message: 'MODEL_NOT_FOUND happened', hint: 'Check the id.' },
    });
    expect(parsed(formatErrorJson(error('THROTTLED'), {})).error.hint).toBeNull();
  });

  it("turns commander's usage errors into INVALID_INPUT, and prints nothing for --help", () => {
    const usage = new CommanderError(1, 'commander.unknownOption', "error: unknown option '--bogus'");
    expect(parsed(formatErrorJson(usage, {}))).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: "unknown option '--bogus'",
        hint: 'run with --help for usage.',
      },
    });
    expect(
      formatErrorJson(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), {}),
    ).toBeUndefined();
  });

  it('carries the raw reply of a structured reply that did not match the schema, as written', () => {
    const rejected = new BedrockChatError({
      code: 'OUTPUT_INVALID',
      message: 'The reply does not match the schema: days: Too small.',
      hint: 'Retry.',
      details: { rawText: '{"days":0}\n', stopReason: 'end_turn' },
    });
    expect(parsed(formatErrorJson(rejected, { redact: () => 'redacted' }))).toEqual({
      error: { code: 'OUTPUT_INVALID', message: 'redacted', hint: 'redacted', rawText: '{"days":0}\n' },
    });
    expect(exitCodeFor(rejected)).toBe(4);
  });

  it('keeps a billed reply whose save failed, and names a conversation that still got saved steps', () => {
    const unsaved = new BedrockChatError({
      code: 'STORE_UNAVAILABLE',
      message: 'Cannot reach DynamoDB.',
      details: { replyText: 'Echo: as it stopped', conversationUnchanged: true, conversationId: 'c1' },
    });
    expect(parsed(formatErrorJson(unsaved, {}))).toMatchObject({
      error: {
        code: 'STORE_UNAVAILABLE',
        message: 'Cannot reach DynamoDB.',
        replyText: 'Echo: as it stopped',
      },
    });
    expect(parsed(formatErrorJson(unsaved, {})).error.conversationId).toBeUndefined();
    const interrupted = new BedrockChatError({
      code: 'ABORTED',
      message: 'Interrupted.',
      details: { conversationUnchanged: false, conversationId: 'c2' },
    });
    expect(parsed(formatErrorJson(interrupted, {}))).toMatchObject({
      error: { code: 'ABORTED', conversationId: 'c2' },
    });
    expect(formatError(interrupted, { debug: false })).toContain('conversation: c2\n');
  });

  it('reports unexpected failures as INTERNAL, redacted, as one line', () => {
    const text = formatErrorJson(new Error('token=supersecretvalue\nsecond line'), {
      redact: (value) => value.replace('supersecretvalue', '[redacted]'),
    });
    expect(text?.endsWith('}\n')).toBe(true);
    expect(text?.split('\n')).toHaveLength(2);
    expect(parsed(text).error).toEqual({
      code: 'INTERNAL',
      message: 'unexpected failure: token=[redacted]\nsecond line',
      hint: 'run again with --debug (or BEDROCK_CHAT_DEBUG=1) for details.',
    });
  });
});
