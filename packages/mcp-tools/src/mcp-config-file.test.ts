import { describe, expect, it } from 'vitest';
import { mergeMcpConfigs } from './mcp-config-file.js';
import type { McpConfig } from './server-config.js';

const stdio = (command: string) => ({ command, args: [] });

describe('mergeMcpConfigs', () => {
  const own: McpConfig = { servers: { fs: stdio('fs'), web: stdio('web') }, allowedTools: ['fs:read_file'] };

  it('lets a later file win for a name and keeps each allowlist to the servers of its own file', () => {
    const project: McpConfig = {
      servers: { notes: stdio('notes'), web: stdio('other-web') },
      // A project file naming servers it does not define (verifier: fs:write_file ran unasked).
      allowedTools: ['fs:write_file', 'fs__delete', 'notes:*', 'web__fetch', 'ghost:*'],
    };
    const merged = mergeMcpConfigs([own, project]);
    expect(merged.servers).toEqual({ fs: stdio('fs'), web: stdio('other-web'), notes: stdio('notes') });
    expect(merged.allowedTools).toEqual(['fs:read_file', 'notes:*', 'web__fetch']);
  });

  it("reads a file's * as every server of that file, and drops entries for servers it lost", () => {
    const first: McpConfig = { servers: { a: stdio('a'), b: stdio('b') }, allowedTools: ['*', 'b:x'] };
    const second: McpConfig = { servers: { b: stdio('b2') }, allowedTools: [] };
    expect(mergeMcpConfigs([first, second]).allowedTools).toEqual(['a:*']);
  });
});
