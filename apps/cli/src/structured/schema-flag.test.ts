import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockChatError } from '@bedrock-chat/core';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { loadSchema, writeRejectedReply } from './schema-flag.js';

const dir = mkdtempSync(join(tmpdir(), 'bedrock-chat-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = { type: 'object', properties: { days: { type: 'integer' } }, required: ['days'] };

async function refusal(value: string): Promise<BedrockChatError> {
  const io = captureIo({ cwd: dir });
  try {
    await loadSchema(io, value);
  } catch (error) {
    if (BedrockChatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the schema to be refused');
}

describe('loadSchema', () => {
  it('reads the schema inline, or from a file relative to the working directory', async () => {
    const io = captureIo({ cwd: dir });
    expect(await loadSchema(io, ` ${JSON.stringify(plan)}`)).toEqual(plan);
    writeFileSync(join(dir, 'plan.schema.json'), JSON.stringify(plan));
    expect(await loadSchema(io, 'plan.schema.json')).toEqual(plan);
    expect(await loadSchema(io, join(dir, 'plan.schema.json'))).toEqual(plan);
  });

  it('refuses a missing file, text that is not JSON, and a schema that is not an object, as invalid input', async () => {
    const missing = await refusal('nowhere.json');
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.message).toBe('--schema: cannot read nowhere.json (no such file).');
    expect((await refusal(dir)).message).toBe(`--schema: cannot read ${dir} (EISDIR).`);
    const inline = await refusal('{"type": object}');
    expect(inline.code).toBe('INVALID_INPUT');
    expect(inline.message).toMatch(/^--schema: the schema is not JSON \(/);
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    expect((await refusal('list.json')).message).toBe(
      '--schema must be a JSON Schema object ({"type": "object", …}).',
    );
    writeFileSync(join(dir, 'broken.json'), '{"type":');
    expect((await refusal('broken.json')).message).toMatch(/^--schema: broken\.json is not JSON \(/);
    const notObject = await refusal('{"type": "array", "items": {"type": "string"}}');
    expect(notObject.code).toBe('SCHEMA_INVALID');
    expect(notObject.category).toBe('invalid-input');
  });
});

describe('writeRejectedReply', () => {
  const rejected = new BedrockChatError({
    code: 'OUTPUT_INVALID',
    message: 'The reply is not JSON.',
    details: { rawText: 'Sure! \u001b]0;owned\u0007{"days":', stopReason: 'end_turn' },
  });

  it('shows the raw reply on stderr, made terminal-safe on a terminal', () => {
    const piped = captureIo();
    writeRejectedReply(piped.stderr, rejected);
    expect(piped.stderr.text()).toBe(
      'reply (does not match --schema; not saved):\nSure! \u001b]0;owned\u0007{"days":\n',
    );
    const terminal = captureIo({ stderrTTY: true });
    writeRejectedReply(terminal.stderr, rejected);
    expect(terminal.stderr.text()).toBe(
      'reply (does not match --schema; not saved):\nSure! \\x1b]0;owned\\x07{"days":\n',
    );
  });

  it('says nothing for any other failure', () => {
    const io = captureIo();
    writeRejectedReply(io.stderr, new BedrockChatError({ code: 'THROTTLED', message: 'Slow down.' }));
    writeRejectedReply(io.stderr, new Error('boom'));
    expect(io.stderr.text()).toBe('');
  });
});
