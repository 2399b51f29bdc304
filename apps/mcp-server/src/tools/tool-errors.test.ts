import { BedrockChatError } from '@bedrock-chat/core';
import { describe, expect, it, vi } from 'vitest';
import { mapToolErrors, type ToolExtra, toErrorResult } from './tool-errors.js';

describe('toErrorResult', () => {
  it('gives the message and hint, and no structuredContent', () => {
    const result = toErrorResult(
      new BedrockChatError({ code: 'MODEL_NOT_READY', message: 'Not ready.', hint: 'Wait a little.' }),
    );
    expect(result).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'Not ready.\nHint: Wait a little.' }],
    });
  });

  it('speaks MCP for an unknown conversation: omit the id to start anew', () => {
    const result = toErrorResult(
      new BedrockChatError({
        code: 'CONVERSATION_NOT_FOUND',
        message: 'No conversation with id X.',
        hint: 'Use --new.',
      }),
    );
    expect(result.content[0]).toMatchObject({
      text: expect.stringContaining('Omit conversationId to start a new conversation'),
    });
  });

  it('redacts secrets from unexpected errors', () => {
    const result = toErrorResult(new Error('failed with Authorization: Bearer ABSKverysecretvalue123'));
    const text = (result.content[0] as { text: string }).text;
    expect(text).toMatch(/^Internal error: /);
    expect(text).not.toContain('verysecret');
  });
});

describe('mapToolErrors', () => {
  it('turns a throw into an isError result and logs only unexpected errors', async () => {
    const log = vi.fn();
    const extra = {} as ToolExtra;
    const ours = mapToolErrors(
      't',
      async () => {
        throw new BedrockChatError({ code: 'INVALID_INPUT', message: 'bad' });
      },
      log,
    );
    expect(await ours({}, extra)).toMatchObject({ isError: true });
    expect(log).not.toHaveBeenCalled();
    const theirs = mapToolErrors(
      't',
      async () => {
        throw new TypeError('oops');
      },
      log,
    );
    expect(await theirs({}, extra)).toMatchObject({ isError: true });
    expect(log).toHaveBeenCalledOnce();
  });

  it('redacts secrets from what it logs, as from what it returns', async () => {
    const log = vi.fn();
    const leaky = mapToolErrors(
      't',
      async () => {
        throw new Error('proxy http://user:hunter2pass@10.0.0.1 refused');
      },
      log,
    );
    const result = await leaky({}, {} as ToolExtra);
    expect(JSON.stringify(result)).not.toContain('hunter2pass');
    expect(log.mock.calls[0]?.[0]).toContain('http://[redacted]@10.0.0.1');
    expect(log.mock.calls[0]?.[0]).not.toContain('hunter2pass');
  });
});
