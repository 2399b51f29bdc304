import { describe, expect, it } from 'vitest';
import { commaList, DEFAULT_TIMEOUT_MS, loadServerConfig, ServerConfigError } from './server-config.js';

describe('loadServerConfig', () => {
  it('has safe defaults', () => {
    expect(loadServerConfig({})).toEqual({
      limits: {
        allowedModels: undefined,
        maxTokens: undefined,
        maxTurns: undefined,
        timeoutMs: DEFAULT_TIMEOUT_MS,
      },
      progress: true,
      progressIntervalMs: 250,
    });
  });

  it('reads every limit', () => {
    const config = loadServerConfig({
      BEDROCK_CHAT_MCP_ALLOWED_MODELS: ' haiku, sonnet ,,',
      BEDROCK_CHAT_MCP_MAX_TOKENS: '2048',
      BEDROCK_CHAT_MCP_MAX_TURNS: '10',
      BEDROCK_CHAT_MCP_TIMEOUT_MS: '30000',
      BEDROCK_CHAT_MCP_PROGRESS: 'off',
    });
    expect(config.limits).toEqual({
      allowedModels: ['haiku', 'sonnet'],
      maxTokens: 2048,
      maxTurns: 10,
      timeoutMs: 30_000,
    });
    expect(config.progress).toBe(false);
  });

  it('lets the --no-progress flag win', () => {
    expect(loadServerConfig({ BEDROCK_CHAT_MCP_PROGRESS: 'on' }, { progress: false }).progress).toBe(false);
  });

  it.each([
    ['BEDROCK_CHAT_MCP_MAX_TOKENS', 'lots'],
    ['BEDROCK_CHAT_MCP_MAX_TURNS', '-1'],
    ['BEDROCK_CHAT_MCP_TIMEOUT_MS', '1.5'],
    ['BEDROCK_CHAT_MCP_PROGRESS', 'sometimes'],
  ])('names the bad variable %s', (name, value) => {
    expect(() => loadServerConfig({ [name]: value })).toThrow(ServerConfigError);
    expect(() => loadServerConfig({ [name]: value })).toThrow(name);
  });
});

describe('commaList', () => {
  it('is undefined when empty', () => {
    expect(commaList(undefined)).toBeUndefined();
    expect(commaList(' , ')).toBeUndefined();
    expect(commaList('a,b')).toEqual(['a', 'b']);
  });
});
