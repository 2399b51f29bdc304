import { describe, expect, it } from 'vitest';
import type { ContentBlock, ConverseRequest, Message } from './converse-request.js';
import { planToolReply, quoteToolResults } from './tool-model.js';

const user = (...content: ContentBlock[]): Message => ({ role: 'user', content });
const assistant = (...content: ContentBlock[]): Message => ({ role: 'assistant', content });
const tools = (...names: string[]) => ({
  tools: names.map((name) => ({ toolSpec: { name, inputSchema: { json: { type: 'object' } } } })),
});
const call = (toolUseId: string, name: string): ContentBlock => ({ toolUse: { toolUseId, name, input: {} } });
const result = (toolUseId: string, text: string): ContentBlock => ({
  toolResult: { toolUseId, content: [{ text }] },
});

function request(messages: Message[], toolConfig: unknown = tools('weather', 'clock')): ConverseRequest {
  return { messages, toolConfig };
}

describe('planToolReply', () => {
  it('leaves a request without tools, or a prompt without the convention, to the echo', () => {
    expect(planToolReply({ messages: [user({ text: 'use weather {}' })] })).toBeUndefined();
    expect(planToolReply(request([user({ text: 'what is the weather?' })]))).toBeUndefined();
  });

  it('plays the steps of the prompt one per call, then quotes the results', () => {
    const prompt = user({ text: 'use weather then use clock {"zone":"UTC"}' });
    expect(planToolReply(request([prompt]))).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu1_1', name: 'weather', input: {} }],
    });
    const afterFirst = [prompt, assistant(call('a', 'weather')), user(result('a', 'sunny'))];
    expect(planToolReply(request(afterFirst))).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu3_1', name: 'clock', input: { zone: 'UTC' } }],
    });
    const afterSecond = [...afterFirst, assistant(call('b', 'clock')), user(result('b', '12:00'))];
    expect(planToolReply(request(afterSecond))).toEqual({ text: 'Tool results:\nclock: 12:00' });
  });

  it('repeats a `keep using` step on every call', () => {
    const prompt = user({ text: 'keep using clock' });
    const later = [
      prompt,
      assistant(call('a', 'clock')),
      user(result('a', '1')),
      assistant(call('b', 'clock')),
    ];
    expect(planToolReply(request([...later, user(result('b', '2'))]))).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu5_1', name: 'clock', input: {} }],
    });
  });

  it('echoes a last message with text beside its results (a new prompt answering open calls)', () => {
    const messages = [
      user({ text: 'hi' }),
      assistant(call('a', 'clock')),
      user(result('a', 'late'), { text: 'stop' }),
    ];
    expect(planToolReply(request(messages))).toBeUndefined();
  });

  it('reads a new prompt afresh after an earlier loop ended', () => {
    const history = [
      user({ text: 'use weather' }),
      assistant(call('a', 'weather')),
      user(result('a', 'sunny')),
    ];
    const next = [...history, assistant({ text: 'Sunny.' }), user({ text: 'use clock' })];
    expect(planToolReply(request(next))).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu5_1', name: 'clock', input: {} }],
    });
  });

  it('always calls a tool when toolChoice forces it', () => {
    const forced = (toolChoice: unknown) =>
      request([user({ text: 'hello' })], { ...tools('weather', 'clock'), toolChoice });
    expect(planToolReply(forced({ any: {} }))).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu1_1', name: 'weather', input: {} }],
    });
    expect(planToolReply(forced({ tool: { name: 'clock' } }))).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu1_1', name: 'clock', input: {} }],
    });
    expect(planToolReply(forced({ auto: {} }))).toBeUndefined();
  });

  it('keeps only the forced tool of the prompt’s calls, with the input the prompt gives', () => {
    const messages = [user({ text: 'use weather and use clock {"zone":"CET"}' })];
    expect(
      planToolReply(
        request(messages, { ...tools('weather', 'clock'), toolChoice: { tool: { name: 'clock' } } }),
      ),
    ).toEqual({
      toolUse: [{ toolUseId: 'tooluse_emu1_1', name: 'clock', input: { zone: 'CET' } }],
    });
  });
});

describe('quoteToolResults', () => {
  it('names each result after its call, marks errors and shows JSON and other blocks', () => {
    const messages: Message[] = [
      user({ text: 'go' }),
      assistant(call('a', 'weather'), call('b', 'clock')),
      user(
        { toolResult: { toolUseId: 'a', content: [{ json: { temp: 21 } }, { image: {} }] } },
        { toolResult: { toolUseId: 'b', status: 'error', content: [{ text: 'broken' }] } },
      ),
    ];
    expect(quoteToolResults(messages)).toBe(
      'Tool results:\nweather: {"temp":21} [image]\nclock failed: broken',
    );
  });

  it('has nothing to quote when the last message holds no results', () => {
    expect(quoteToolResults([user({ text: 'hi' })])).toBeUndefined();
  });
});
