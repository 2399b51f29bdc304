import { describe, expect, it } from 'vitest';
import { assistant, refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import { toolConfigRequired, toolConstraints, uniqueToolNames } from './tool-rules.js';

const tool = (name: string) => ({ toolSpec: { name, inputSchema: { json: { type: 'object' } } } });
const toolHistory = [
  user(text('weather?')),
  assistant({ toolUse: { toolUseId: 't1', name: 'weather', input: {} } }),
  user({ toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } }),
];

describe('toolConfigRequired', () => {
  it('refuses tool blocks in the history without toolConfig', () => {
    expect(refusal(toolConfigRequired, request({ messages: toolHistory }))).toBe(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  });

  it('accepts them with toolConfig, and plain text without', () => {
    expect(
      refusal(
        toolConfigRequired,
        request({ messages: toolHistory, toolConfig: { tools: [tool('weather')] } }),
      ),
    ).toBeNull();
    expect(refusal(toolConfigRequired, request())).toBeNull();
  });
});

describe('toolConstraints', () => {
  it('accepts letters, digits, underscores and hyphens up to 64 characters', () => {
    const toolConfig = { tools: [tool('get_weather-v2'), tool('a'.repeat(64))] };
    expect(refusal(toolConstraints, request({ toolConfig }))).toBeNull();
  });

  it('refuses a name outside the pattern, counting tools from 1 as Coral does', () => {
    const toolConfig = { tools: [tool('ok'), tool('kb.search')] };
    expect(refusal(toolConstraints, request({ toolConfig }))).toBe(
      "1 validation error detected: Value 'kb.search' at 'toolConfig.tools.2.member.toolSpec.name' " +
        'failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
    );
  });

  it('reports every failed constraint in one message', () => {
    const long = 'x'.repeat(65);
    const toolConfig = { tools: [tool(long), tool('has space')] };
    expect(refusal(toolConstraints, request({ toolConfig }))).toBe(
      `2 validation errors detected: Value '${long}' at 'toolConfig.tools.1.member.toolSpec.name' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 64; ' +
        "Value 'has space' at 'toolConfig.tools.2.member.toolSpec.name' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
    );
  });
  it('refuses an empty tool list, and reports an empty name by its length as well as its pattern', () => {
    expect(refusal(toolConstraints, request({ toolConfig: { tools: [] } }))).toBe(
      "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
    expect(refusal(toolConstraints, request({ toolConfig: { tools: [tool('')] } }))).toBe(
      "2 validation errors detected: Value '' at 'toolConfig.tools.1.member.toolSpec.name' " +
        'failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+; ' +
        "Value '' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
  });

  it('checks the names of toolUse blocks in the history too', () => {
    const messages = [
      user(text('search')),
      assistant({ toolUse: { toolUseId: 't1', name: 'kb.search', input: {} } }),
      user({ toolResult: { toolUseId: 't1', content: [{ text: 'found' }] } }),
    ];
    expect(refusal(toolConstraints, request({ messages, toolConfig: { tools: [tool('kb_search')] } }))).toBe(
      "1 validation error detected: Value 'kb.search' at 'messages.2.member.content.1.member.toolUse.name' " +
        'failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
    );
  });
});

describe('uniqueToolNames', () => {
  it('refuses two tools of one name, as the model does', () => {
    const toolConfig = { tools: [tool('search'), tool('search')] };
    expect(refusal(uniqueToolNames, request({ toolConfig }))).toBe(
      'The model returned the following errors: tools: Tool names must be unique.',
    );
    expect(refusal(uniqueToolNames, request({ toolConfig: { tools: [tool('a'), tool('b')] } }))).toBeNull();
  });
});

describe('toolConstraints on ids and the tool choice', () => {
  it('checks toolUseId in toolUse and toolResult blocks against ToolUseId, which allows dots and colons', () => {
    const ids = (id: string) => [
      user(text('go')),
      assistant({ toolUse: { toolUseId: id, name: 'weather', input: {} } }),
      user({ toolResult: { toolUseId: id, content: [{ text: 'ok' }] } }),
    ];
    const toolConfig = { tools: [tool('weather')] };
    expect(refusal(toolConstraints, request({ messages: ids('tooluse_a.b:1-2'), toolConfig }))).toBeNull();
    expect(refusal(toolConstraints, request({ messages: ids('x'.repeat(65)), toolConfig }))).toBe(
      `2 validation errors detected: Value '${'x'.repeat(65)}' at 'messages.2.member.content.1.member.toolUse.toolUseId' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 64; ' +
        `Value '${'x'.repeat(65)}' at 'messages.3.member.content.1.member.toolResult.toolUseId' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 64',
    );
  });

  it('checks the name in toolChoice.tool', () => {
    const toolConfig = { tools: [tool('weather')], toolChoice: { tool: { name: 'kb.search' } } };
    expect(refusal(toolConstraints, request({ toolConfig }))).toBe(
      "1 validation error detected: Value 'kb.search' at 'toolConfig.toolChoice.tool.name' " +
        'failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
    );
  });
});
