import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatStep } from '../src/agent/chat-step.js';
import { hasToolCall } from '../src/agent/stop-conditions.js';
import { defineTool, type ToolDefinition } from '../src/agent/tool-definition.js';
import type { ChatStreamEvent } from '../src/client/chat-types.js';
import { BedrockChatError } from '../src/errors/bedrock-chat-error.js';
import { withEmulator } from './emulator-env.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => env.close());
beforeEach(() => env.emulator.reset());

const files: Record<string, string[]> = { './notes': ['a.md', 'b.md'], './src': ['index.ts'] };

const listFiles = defineTool({
  name: 'list_files',
  description: 'Lists the files of a directory',
  inputSchema: z.object({ path: z.string() }),
  execute: ({ path }) => {
    const found = files[path];
    if (found === undefined) throw new Error(`no such directory: ${path}`);
    return found.join(' ');
  },
});

const weather: ToolDefinition<{ city: string }> = {
  name: 'weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  execute: ({ city }) => ({ city, sky: 'sunny' }),
};

const tools = [listFiles, weather];
const options = { model: 'haiku-4.5', tools };

describe('the agent loop against the emulator', () => {
  it('calls the tool the model asks for, sends the result back and returns the answer, with every step', async () => {
    const result = await env.client().complete('use list_files {"path":"./notes"}', options);
    expect(result.text).toBe('Tool results:\nlist_files: a.md b.md');
    expect(result.stopReason).toBe('end_turn');
    expect(result.stoppedBy).toBe('model');
    expect(result.steps?.map((step) => step.toolCalls.map((call) => [call.name, call.outcome]))).toEqual([
      [['list_files', 'ran']],
      [],
    ]);
    expect(result.messages?.map((message) => message.role)).toEqual(['assistant', 'user', 'assistant']);
    // The tool spec went out as Converse's toolConfig, the zod schema as JSON Schema.
    const [first, second] = env.emulator.requests;
    expect(first?.body).toMatchObject({
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'list_files',
              description: 'Lists the files of a directory',
              inputSchema: {
                json: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
              },
            },
          },
          { toolSpec: { name: 'weather' } },
        ],
      },
    });
    expect(second?.body).toMatchObject({
      messages: [
        { role: 'user' },
        { role: 'assistant', content: [{ toolUse: { name: 'list_files', input: { path: './notes' } } }] },
        { role: 'user', content: [{ toolResult: { content: [{ text: 'a.md b.md' }] } }] },
      ],
    });
    const [one, two] = result.steps ?? [];
    expect(result.usage.inputTokens).toBe(
      (one?.result.usage.inputTokens ?? 0) + (two?.result.usage.inputTokens ?? 0),
    );
    expect(result.usage.outputTokens).toBe(
      (one?.result.usage.outputTokens ?? 0) + (two?.result.usage.outputTokens ?? 0),
    );
  });

  it('runs several calls of one step, and streams tool-use, tool-result and step events before the answer', async () => {
    const events: ChatStreamEvent[] = [];
    const prompt = 'use weather {"city":"Paris"} and use list_files {"path":"./src"}';
    for await (const event of env.client().stream(prompt, options)) events.push(event);
    const kinds = events.map((event) =>
      event.type === 'tool-use'
        ? `tool-use ${event.block.toolUse.name}`
        : event.type === 'tool-result'
          ? `tool-result ${event.call.name} ${event.call.outcome}`
          : event.type,
    );
    expect(kinds.filter((kind) => kind !== 'text')).toEqual([
      'tool-use weather',
      'tool-use list_files',
      'tool-result weather ran',
      'tool-result list_files ran',
      'step',
      'step',
      'result',
    ]);
    const result = events.at(-1);
    expect(result?.type === 'result' && result.result.text).toBe(
      'Tool results:\nweather: {"city":"Paris","sky":"sunny"}\nlist_files: index.ts',
    );
  });

  it('tells the model about a failing tool, invalid input and an unknown tool, with error results', async () => {
    const prompt = 'use list_files {"path":"./nowhere"} and use weather {"town":"Oslo"} and use nosuch {}';
    const result = await env.client().complete(prompt, options);
    expect(result.steps?.[0]?.toolCalls.map((call) => call.outcome)).toEqual([
      'failed',
      'invalid-input',
      'unknown-tool',
    ]);
    expect(result.text).toBe(
      'Tool results:\n' +
        'list_files failed: The tool failed: no such directory: ./nowhere\n' +
        "weather failed: The input does not match the tool's schema: city: Invalid input: expected string, received undefined\n" +
        'nosuch failed: There is no tool named nosuch. The tools are: list_files, weather.',
    );
  });

  it('asks approve before each call; a refusal is an error result the model sees, and the tool never runs', async () => {
    const ran: string[] = [];
    const asked: string[] = [];
    const watched = tools.map((tool) => ({
      ...tool,
      execute: (input: never, context: never) => {
        ran.push(tool.name);
        return tool.execute?.(input, context);
      },
    }));
    const result = await env
      .client()
      .complete('use weather {"city":"Rome"} and use list_files {"path":"./src"}', {
        ...options,
        tools: watched,
        approve: (call) => {
          asked.push(call.name);
          return call.name === 'weather' || { approved: false, reason: 'not in this session' };
        },
      });
    expect(asked).toEqual(['weather', 'list_files']);
    expect(ran).toEqual(['weather']);
    expect(result.text).toContain(
      'list_files failed: The user did not allow this call of the tool: not in this session. Do not retry it unchanged.',
    );
  });

  it('stops after maxSteps model calls, without running the last calls, and says why', async () => {
    let runs = 0;
    const counting = { ...weather, execute: () => `run ${++runs}` };
    const result = await env.client().complete('keep using weather {"city":"Lima"}', {
      ...options,
      tools: [counting],
      maxSteps: 3,
    });
    expect(result.stoppedBy).toBe('max-steps');
    expect(result.stopReason).toBe('tool_use');
    expect(result.steps).toHaveLength(3);
    expect(runs).toBe(2);
    expect(env.emulator.requests).toHaveLength(3);
  });

  it("takes the config file's maxSteps unless the call gives its own, streaming or not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-chat-max-steps-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ maxSteps: 2 }));
    try {
      const client = env.client({ configFile });
      const prompt = 'keep using weather {"city":"Oslo"}';
      const configured = await client.complete(prompt, options);
      expect({ stoppedBy: configured.stoppedBy, steps: configured.steps?.length }).toEqual({
        stoppedBy: 'max-steps',
        steps: 2,
      });
      const streamed: ChatStreamEvent[] = [];
      for await (const event of client.stream(prompt, options)) streamed.push(event);
      expect(streamed.filter((event) => event.type === 'step')).toHaveLength(2);
      const own = await client.complete(prompt, { ...options, maxSteps: 4 });
      expect(own.steps).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops when a stop condition holds', async () => {
    const result = await env
      .client()
      .complete('use weather {"city":"Kyiv"} then use list_files {"path":"./src"}', {
        ...options,
        stopWhen: hasToolCall('list_files'),
      });
    expect(result.stoppedBy).toBe('stop-condition');
    expect(result.steps?.map((step) => step.toolCalls.length)).toEqual([1, 0]);
  });

  it('returns after the model asks for a tool without execute, as Converse does', async () => {
    const { execute: _execute, ...clientSide } = weather;
    const alone = await env
      .client()
      .complete('use weather {"city":"Cairo"}', { ...options, tools: [clientSide] });
    expect(alone.stopReason).toBe('tool_use');
    expect(alone.steps).toBeUndefined();
    expect(alone.message.content).toEqual([
      { toolUse: { toolUseId: 'tooluse_emu1_1', name: 'weather', input: { city: 'Cairo' } } },
    ]);
    const mixed = await env.client().complete('use weather {"city":"Cairo"}', {
      ...options,
      tools: [listFiles, clientSide],
    });
    expect(mixed.stoppedBy).toBe('client-tool');
    expect(mixed.steps?.[0]?.toolCalls).toEqual([]);
  });

  it('forces the tool on the first call only, so the model can answer with the result', async () => {
    const result = await env.client().complete('which files are in notes?', {
      ...options,
      toolChoice: { tool: 'list_files' },
      // The emulator's forced call has input {}: a schema that takes it.
      tools: [
        { ...listFiles, inputSchema: z.object({ path: z.string().optional() }), execute: () => 'forced.md' },
      ],
    });
    expect(
      env.emulator.requests.map((request) => (request.body as { toolConfig?: unknown }).toolConfig),
    ).toEqual([
      expect.objectContaining({ toolChoice: { tool: { name: 'list_files' } } }),
      expect.not.objectContaining({ toolChoice: expect.anything() }),
    ]);
    expect(result.text).toBe('Tool results:\nlist_files: forced.md');
  });

  it('stops cleanly when cancelled while a tool runs; onStep has seen every step, the last one interrupted', async () => {
    const controller = new AbortController();
    const seen: ChatStep[] = [];
    const slow = {
      ...weather,
      execute: (_input: unknown, context: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => reject(new Error('stopped')));
          controller.abort();
        }),
    };
    const failure = await env
      .client()
      .complete('use list_files {"path":"./src"} then use weather {"city":"Bern"}', {
        ...options,
        tools: [listFiles, slow],
        signal: controller.signal,
        onStep: (step) => seen.push(step),
      })
      .catch((error: unknown) => error);
    expect(BedrockChatError.isInstance(failure) && failure.code).toBe('ABORTED');
    // The step cut short still answers its call, so a saved history stays valid for Bedrock.
    expect(seen.map((step) => step.toolCalls.map((call) => [call.name, call.outcome]))).toEqual([
      [['list_files', 'ran']],
      [['weather', 'interrupted']],
    ]);
    expect(env.emulator.requests).toHaveLength(2);
  });

  it('cuts a tool result over toolResultMaxChars, with a note the model sees, and sends it as cut', async () => {
    const huge = { ...weather, execute: () => 'x'.repeat(300_000) };
    const result = await env.client().complete('use weather {"city":"Oslo"}', { ...options, tools: [huge] });
    const call = result.steps?.[0]?.toolCalls[0];
    expect(call?.truncatedFromChars).toBe(300_000);
    const sent = JSON.stringify(env.emulator.requests[1]?.body);
    expect(sent).toContain('the tool result was cut to its first 100000 of 300000 characters');
    expect(sent.length).toBeLessThan(110_000);
    // What the caller gets (and a store keeps) is what was sent.
    expect(JSON.stringify(result.messages)).toContain('cut to its first 100000');
    const small = await env
      .client()
      .complete('use weather {"city":"Oslo"}', { ...options, tools: [huge], toolResultMaxChars: 10 });
    expect(small.steps?.[0]?.toolCalls[0]?.result.toolResult.content[0]).toEqual({ text: 'xxxxxxxxxx' });
  });

  it('checks the context window before each step: tool results that outgrow it stop the loop with a coded error', async () => {
    const seen: ChatStep[] = [];
    const bulky = { ...weather, execute: () => 'word '.repeat(10_000) };
    const failure = await env
      .client()
      .complete('use weather {"city":"Lima"}', {
        ...options,
        tools: [bulky],
        maxTokens: 1_000,
        contextWindowTokens: 8_000,
        onStep: (step) => seen.push(step),
      })
      .catch((error: unknown) => error);
    expect(BedrockChatError.isInstance(failure) && failure.code).toBe('CONTEXT_WINDOW_EXCEEDED');
    expect(BedrockChatError.isInstance(failure) && failure.message).toMatch(
      /^The tool loop stopped before model call 2: the conversation with its tool results needs about \d+ tokens; with 1000 reserved for the reply that exceeds the model's 8000-token context window\.$/,
    );
    // The first call was made and its tool ran (onStep saw it); the second was never sent.
    expect(seen).toHaveLength(1);
    expect(env.emulator.requests).toHaveLength(1);
  });

  it("the emulator refuses a prompt over the model's window with Bedrock's wording, mapped to the same code", async () => {
    const failure = await env
      .client()
      .complete('x'.repeat(4 * 200_001), { model: 'haiku-4.5' })
      .catch((error: unknown) => error);
    expect(BedrockChatError.isInstance(failure) && failure.code).toBe('CONTEXT_WINDOW_EXCEEDED');
    expect(BedrockChatError.isInstance(failure) && failure.message).toContain(
      'The model returned the following errors: Input is too long for requested model.',
    );
  });

  it('gives a call that outlives its deadline an error result and goes on', async () => {
    const stuck = { ...weather, execute: () => new Promise(() => {}) };
    const result = await env.client().complete('use weather {"city":"Quito"}', {
      ...options,
      tools: [stuck],
      toolTimeoutMs: 20,
    });
    expect(result.steps?.[0]?.toolCalls[0]?.outcome).toBe('timed-out');
    expect(result.text).toBe('Tool results:\nweather failed: The tool did not finish within 20 ms.');
  });

  it('sends strict only to a model that takes it, and refuses a forced choice with thinking', async () => {
    const strict = { ...listFiles, strict: true };
    await env.client().complete('hi', { model: 'haiku-4.5', tools: [strict] });
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({
      toolConfig: { tools: [{ toolSpec: { strict: true } }] },
    });
    const older = await env.client().complete('hi', { model: 'sonnet-3.7', tools: [strict] });
    expect(older.warnings).toEqual([
      'Claude 3.7 Sonnet does not take strict tool use; strict was not sent for list_files.',
    ]);
    const forced = await env
      .client()
      .complete('hi', {
        model: 'sonnet-3.7',
        tools,
        toolChoice: 'any',
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      })
      .catch((error: unknown) => error);
    expect(BedrockChatError.isInstance(forced) && [forced.code, forced.message]).toEqual([
      'INVALID_INPUT',
      'A forced toolChoice ("any" or { tool }) cannot be combined with extended thinking: Bedrock refuses the request.',
    ]);
  });

  it('sends a history with tool steps as text when the call has no tools', async () => {
    const first = await env.client().complete('use list_files {"path":"./notes"}', options);
    const history = [
      { role: 'user' as const, content: [{ text: 'use list_files {"path":"./notes"}' }] },
      ...(first.messages ?? []),
    ];
    const next = await env.client().complete([...history, { role: 'user', content: [{ text: 'thanks' }] }], {
      model: 'haiku-4.5',
    });
    expect(next.text).toBe('Echo: thanks');
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({
      messages: [
        { role: 'user' },
        { role: 'assistant', content: [{ text: '[tool call list_files {"path":"./notes"}]' }] },
        { role: 'user', content: [{ text: '[tool result of list_files: a.md b.md]' }] },
        { role: 'assistant' },
        { role: 'user', content: [{ text: 'thanks' }] },
      ],
    });
    // `tools: []` is no tools: the same request, no toolConfig (was INVALID_INPUT).
    const empty = await env.client().complete([...history, { role: 'user', content: [{ text: 'thanks' }] }], {
      model: 'haiku-4.5',
      tools: [],
    });
    expect(empty.text).toBe('Echo: thanks');
    expect(env.emulator.requests.at(-1)?.body).not.toHaveProperty('toolConfig');
  });
});
