import { describe, expect, it } from 'vitest';
import {
  commaList,
  DEFAULT_TIMEOUT_MS,
  loadHttpLimits,
  loadServerConfig,
  ServerConfigError,
} from './server-config.js';

describe('loadHttpLimits', () => {
  it('reads the connection cap and the per-token session quota, naming a bad variable', () => {
    expect(loadHttpLimits({})).toEqual({
      maxConnections: undefined,
      maxSessionsPerToken: undefined,
      shutdownGraceMs: undefined,
    });
    expect(
      loadHttpLimits({
        BEDROCK_CHAT_MCP_MAX_CONNECTIONS: '200',
        BEDROCK_CHAT_MCP_MAX_SESSIONS_PER_TOKEN: '4',
        BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS: '0',
      }),
    ).toEqual({ maxConnections: 200, maxSessionsPerToken: 4, shutdownGraceMs: 0 });
    expect(() => loadHttpLimits({ BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS: '25s' })).toThrow(
      /BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS must be a whole number from 0 to 3600000/,
    );
    expect(() => loadHttpLimits({ BEDROCK_CHAT_MCP_MAX_CONNECTIONS: 'lots' })).toThrow(
      /BEDROCK_CHAT_MCP_MAX_CONNECTIONS must be a whole number from 1 to 1000000/,
    );
  });
});

describe('loadServerConfig', () => {
  it('has safe defaults', () => {
    expect(loadServerConfig({})).toEqual({
      limits: {
        allowedModels: undefined,
        maxTokens: undefined,
        maxTurns: undefined,
        timeoutMs: DEFAULT_TIMEOUT_MS,
        allowedTiers: ['default', 'flex'],
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
      BEDROCK_CHAT_MCP_TIERS: 'Priority, default,,priority',
    });
    expect(config.limits).toEqual({
      allowedModels: ['haiku', 'sonnet'],
      maxTokens: 2048,
      maxTurns: 10,
      timeoutMs: 30_000,
      allowedTiers: ['priority', 'default'],
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
    ['BEDROCK_CHAT_MCP_TIERS', 'default,cheap'],
    ['BEDROCK_CHAT_MCP_MAX_TOKENS', '1e3'],
    ['BEDROCK_CHAT_MCP_MAX_TURNS', '0x10'],
    ['BEDROCK_CHAT_MCP_TIMEOUT_MS', '99999999999999999999'],
  ])('names the bad variable %s', (name, value) => {
    expect(() => loadServerConfig({ [name]: value })).toThrow(ServerConfigError);
    expect(() => loadServerConfig({ [name]: value })).toThrow(name);
  });
});

describe('numbers in flags and variables', () => {
  it('are read by one rule: digits only, a safe integer in range', () => {
    for (const value of ['1e3', '0x10', '99999999999999999999', '1000001']) {
      expect(() => loadHttpLimits({ BEDROCK_CHAT_MCP_MAX_CONNECTIONS: value })).toThrow(
        'BEDROCK_CHAT_MCP_MAX_CONNECTIONS must be a whole number from 1 to 1000000',
      );
    }
    expect(loadHttpLimits({ BEDROCK_CHAT_MCP_MAX_CONNECTIONS: '1000' }).maxConnections).toBe(1000);
  });
});

describe('commaList', () => {
  it('is undefined when empty', () => {
    expect(commaList(undefined)).toBeUndefined();
    expect(commaList(' , ')).toBeUndefined();
    expect(commaList('a,b')).toEqual(['a', 'b']);
  });
});
