import { describe, expect, it } from 'vitest';
import { parseToolFlags } from './tool-flags.js';

describe('parseToolFlags', () => {
  it('collects servers (repeatable or comma-separated), files and the allowlist', () => {
    expect(
      parseToolFlags({ mcp: ['fs', 'web,git'], mcpConfig: ['.mcp.json'], allowTool: ['fs:*'], yes: false }),
    ).toEqual({
      servers: ['fs', 'web', 'git'],
      configFiles: ['.mcp.json'],
      allowTools: ['fs:*'],
      yes: false,
    });
    expect(parseToolFlags({})).toBeUndefined();
  });

  it('refuses flags that mean nothing without --mcp', () => {
    expect(() => parseToolFlags({ allowTool: ['fs:*'], yes: true })).toThrow(
      '--allow-tool and --yes need --mcp <name>: no MCP server is enabled.',
    );
    expect(() => parseToolFlags({ mcpConfig: ['x.json'] })).toThrow('--mcp-config needs --mcp <name>');
    expect(() => parseToolFlags({ mcp: [' '] })).toThrow('--mcp needs a value');
    expect(() => parseToolFlags({ maxSteps: '3', mcpStartTimeout: '500' })).toThrow(
      '--mcp-start-timeout and --max-steps need --mcp <name>',
    );
  });

  it('takes a start-up deadline in milliseconds, from 1 ms to 10 minutes', () => {
    expect(parseToolFlags({ mcp: ['fs'], mcpStartTimeout: '30000' })?.startTimeoutMs).toBe(30_000);
    for (const bad of ['0', '-5', '1.5', '30s', '600001', '']) {
      expect(() => parseToolFlags({ mcp: ['fs'], mcpStartTimeout: bad })).toThrow(
        `--mcp-start-timeout must be a whole number from 1 to 600000 (got "${bad}").`,
      );
    }
  });
});
