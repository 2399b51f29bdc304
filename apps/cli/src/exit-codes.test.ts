import { BedrockChatError, ERROR_CODES, type ErrorCode } from '@bedrock-chat/core';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeFor, formatError } from './exit-codes.js';

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
});
