import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { lastMessages, latestId, runtimeRequests, setup } from './e2e-harness.js';

const PLAN = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer' } },
  required: ['city', 'days'],
};
const PLAN_TEXT = JSON.stringify(PLAN);

interface SentRequest {
  outputConfig?: { textFormat?: { structure: { jsonSchema: { schema: string } } } };
  toolConfig?: { toolChoice?: unknown };
}
const lastRequest = (emulator: Parameters<typeof runtimeRequests>[0]) =>
  runtimeRequests(emulator).at(-1)?.body as SentRequest | undefined;

describe.concurrent('bedrock-chat ask --schema (built binary against the emulator)', () => {
  it('prints the checked JSON alone on stdout, stores the exchange, and continues it with --json', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    writeFileSync(join(home, 'plan.schema.json'), PLAN_TEXT);
    const first = await run(['-m', 'haiku-4.5', '--schema', 'plan.schema.json', 'Plan two days in Oslo.']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('{"city":"city","days":1}\n');
    expect(first.stderr).toMatch(/conversation: [0-9A-Z]{26}/);
    // Native structured output: the ordinary schema went closed, as Bedrock requires.
    const native = lastRequest(emulator)?.outputConfig?.textFormat?.structure.jsonSchema.schema;
    expect(JSON.parse(native ?? '{}')).toEqual({ ...PLAN, additionalProperties: false });

    // Continued on a model without native structured output: the schema goes as a forced tool.
    const next = await run(['-c', '-m', 'sonnet-4', '--json', '--schema', PLAN_TEXT, 'And Bergen?']);
    expect(next.code).toBe(0);
    const json = JSON.parse(next.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      object: { city: 'city', days: 1 },
      text: '{"city":"city","days":1}',
      conversationId: await latestId(run),
      stopReason: 'end_turn',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
    });
    expect(lastRequest(emulator)?.toolConfig?.toolChoice).toEqual({ tool: { name: 'response' } });
    expect(lastMessages(emulator)).toHaveLength(3);
    const shown = await run(['conversations', 'show', String(json.conversationId), '--json']);
    const stored = JSON.parse(shown.stdout) as { messages: { content: unknown[] }[] };
    expect(stored.messages.map((message) => message.content)).toEqual([
      [{ text: 'Plan two days in Oslo.' }],
      [{ text: '{"city":"city","days":1}' }],
      [{ text: 'And Bergen?' }],
      [{ text: '{"city":"city","days":1}' }],
    ]);
  });

  it('refuses a missing file, text that is not JSON and a schema Bedrock would refuse: exit 2, nothing sent or stored', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const missing = await run(['--schema', 'nowhere.json', 'hi']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('error: --schema: cannot read nowhere.json (no such file).');
    const notJson = await run(['--schema', '{"type": object}', 'hi']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^error: --schema: the schema is not JSON \(/m);
    // Native structured output takes no numeric bounds (the forced tool would).
    const bounded = JSON.stringify({
      type: 'object',
      properties: { days: { type: 'integer', minimum: 1 } },
    });
    const refused = await run(['-m', 'haiku-4.5', '--json', '--schema', bounded, 'hi']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error).toMatchObject({
      code: 'SCHEMA_INVALID',
      message:
        "Claude Haiku 4.5's structured output on Bedrock does not take this schema: properties.days: For 'integer' type, property 'minimum' is not supported.",
    });
    expect(runtimeRequests(emulator)).toEqual([]);
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('refuses a schema file it may not read (as nobody: root ignores modes)', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    chmodSync(home, 0o777);
    const secret = join(home, 'secret.schema.json');
    writeFileSync(secret, PLAN_TEXT, { mode: 0o600 });
    const result = await run(['--no-save', '--schema', secret, 'hi'], { asNobody: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: --schema: cannot read ${secret} (permission denied).`);
    expect(runtimeRequests(emulator)).toEqual([]);
  });

  it('shows a reply that does not match on stderr (in --json as rawText), exit 4, nothing stored', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const wrong = '{"city":"Oslo","days":"two"}';
    emulator.enqueue({ text: wrong }, { text: wrong });
    const text = await run(['-m', 'haiku-4.5', '--schema', PLAN_TEXT, 'Plan it.']);
    expect(text).toMatchObject({ code: 4, stdout: '' });
    expect(text.stderr).toContain(`reply (does not match --schema; not saved):\n${wrong}\n`);
    expect(text.stderr).toContain('error: The reply does not match the schema: days: ');
    const json = await run(['-m', 'haiku-4.5', '--json', '--schema', PLAN_TEXT, 'Plan it.']);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'OUTPUT_INVALID', rawText: wrong });
    expect(json.stderr).not.toContain('reply (does not match');
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });
});
