import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../src/agent/tool-definition.js';
import { BedrockChatError } from '../src/errors/bedrock-chat-error.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { sendPrompt, streamPrompt } from '../src/store/send-prompt.js';
import { withEmulator } from './emulator-env.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => env.close());
beforeEach(() => env.emulator.reset());

const lookup = defineTool({
  name: 'lookup',
  inputSchema: z.object({ key: z.string() }),
  execute: ({ key }) => `value of ${key}`,
});

/** A tool that cancels the turn while it runs, as Ctrl-C would. */
function cancellingTool(controller: AbortController) {
  return defineTool({
    name: 'slow',
    inputSchema: z.object({}),
    execute: (_input, { signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
        controller.abort();
      }),
  });
}

const rolesAndStops = async (store: ReturnType<typeof createMemoryStore>, id: string | undefined) =>
  (await store.get(id ?? '')).messages.map((message) => `${message.role}:${message.stopReason ?? '-'}`);

describe('a stored turn with tool steps', () => {
  it('stores the prompt and every step in one append, each reply with its own usage', async () => {
    const store = createMemoryStore();
    const runner = env.client();
    const { conversation, result } = await sendPrompt({
      runner,
      store,
      model: 'haiku-4.5',
      prompt: 'use lookup {"key":"a"} then use lookup {"key":"b"}',
      tools: [lookup],
    });
    expect(result.text).toBe('Tool results:\nlookup: value of b');
    expect(conversation?.messageCount).toBe(6);
    const stored = await store.get(conversation?.id ?? '');
    expect(stored.messages.map((message) => `${message.role}:${message.stopReason ?? '-'}`)).toEqual([
      'user:-',
      'assistant:tool_use',
      'user:-',
      'assistant:tool_use',
      'user:-',
      'assistant:end_turn',
    ]);
    expect(stored.messages[2]?.content).toEqual([
      { toolResult: { toolUseId: 'tooluse_emu1_1', content: [{ text: 'value of a' }] } },
    ]);
    expect(stored.messages[1]?.usage).toEqual(result.steps?.[0]?.result.usage);
    expect(conversation?.inputTokens).toBe(result.usage.inputTokens);
  });

  it('streams the same turn and stores the same steps', async () => {
    const store = createMemoryStore();
    const kinds: string[] = [];
    let id: string | undefined;
    for await (const event of streamPrompt({
      runner: env.client(),
      store,
      model: 'haiku-4.5',
      prompt: 'use lookup {"key":"x"}',
      tools: [lookup],
    })) {
      kinds.push(event.type);
      if (event.type === 'result') id = event.conversation?.id;
    }
    expect(kinds.filter((kind) => kind !== 'text')).toEqual([
      'tool-use',
      'tool-result',
      'step',
      'step',
      'result',
    ]);
    expect(await rolesAndStops(store, id)).toEqual([
      'user:-',
      'assistant:tool_use',
      'user:-',
      'assistant:end_turn',
    ]);
  });

  it('interrupted after a tool ran: stores the completed steps, closed by an interrupted placeholder, and can be continued', async () => {
    const store = createMemoryStore();
    const controller = new AbortController();
    const first = await sendPrompt({ runner: env.client(), store, model: 'haiku-4.5', prompt: 'hello' });
    const id = first.conversation?.id;
    const failure = await sendPrompt({
      runner: env.client(),
      store,
      conversationId: id,
      prompt: 'use lookup {"key":"k"} then use slow',
      tools: [lookup, cancellingTool(controller)],
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(BedrockChatError.isInstance(failure) && failure.code).toBe('ABORTED');
    expect(BedrockChatError.isInstance(failure) && failure.details).toMatchObject({
      conversationUnchanged: false,
      conversationId: id,
      savedSteps: 2,
    });
    expect(BedrockChatError.isInstance(failure) && failure.hint).toMatch(/tool steps that ran were saved/);
    expect(await rolesAndStops(store, id)).toEqual([
      'user:-',
      'assistant:end_turn',
      'user:-',
      'assistant:tool_use',
      'user:-',
      'assistant:tool_use',
      'user:-',
      'assistant:interrupted',
    ]);
    const stored = await store.get(id ?? '');
    expect(stored.messages[6]?.content).toEqual([
      {
        toolResult: {
          toolUseId: 'tooluse_emu5_1',
          status: 'error',
          content: [{ text: 'Interrupted: the user cancelled the turn before the tool finished.' }],
        },
      },
    ]);
    expect(stored.messages[7]).toMatchObject({
      modelId: null,
      usage: null,
      content: [
        {
          text: '(bedrock-chat: this turn was interrupted after the tools above ran, before the model answered.)',
        },
      ],
    });
    // Continued without tools (`-c` without --mcp, the MCP chat tool): the steps go as text.
    const next = await sendPrompt({ runner: env.client(), store, conversationId: id, prompt: 'go on' });
    expect(next.result.text).toBe('Echo: go on');
    expect(next.conversation?.messageCount).toBe(10);
  });

  it('cancelled before any tool ran: stores nothing, as any failed turn', async () => {
    const store = createMemoryStore();
    const controller = new AbortController();
    const failure = await sendPrompt({
      runner: env.client(),
      store,
      model: 'haiku-4.5',
      prompt: 'use lookup {"key":"k"}',
      tools: [lookup],
      approve: () => {
        controller.abort();
        return true;
      },
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(BedrockChatError.isInstance(failure) && failure.details.conversationUnchanged).toBe(true);
    expect((await store.list()).conversations).toEqual([]);
  });

  it('a turn that stopped at its step limit ends with the calls; the next prompt answers them as not run', async () => {
    const store = createMemoryStore();
    const first = await sendPrompt({
      runner: env.client(),
      store,
      model: 'haiku-4.5',
      prompt: 'keep using lookup {"key":"again"}',
      tools: [lookup],
      maxSteps: 2,
    });
    expect(first.result.stoppedBy).toBe('max-steps');
    const id = first.conversation?.id;
    expect(await rolesAndStops(store, id)).toEqual([
      'user:-',
      'assistant:tool_use',
      'user:-',
      'assistant:tool_use',
    ]);
    // With tools again, Bedrock needs the open call answered: the prompt does it (the emulator checks).
    const next = await sendPrompt({
      runner: env.client(),
      store,
      conversationId: id,
      prompt: 'stop now',
      tools: [{ ...lookup, execute: undefined }],
    });
    expect(next.result.text).toBe('Echo: stop now');
    const stored = await store.get(id ?? '');
    expect(stored.messages[4]?.content).toEqual([
      {
        toolResult: {
          toolUseId: 'tooluse_emu3_1',
          status: 'error',
          content: [
            {
              text: 'Not run: the turn ended before this call was run (step limit, stop condition, or a tool for the caller).',
            },
          ],
        },
      },
      { text: 'stop now' },
    ]);
  });
});
