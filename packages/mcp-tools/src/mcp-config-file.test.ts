import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeMcpConfigs, readMcpConfigFile, writeMcpConfigFile } from './mcp-config-file.js';
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

describe('writeMcpConfigFile', () => {
  it('never follows a link planted at the temporary name it used to write to; 0600, nothing left over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-mcp-list-'));
    const path = join(dir, 'mcp.json');
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    // The verifier's plant: `${path}.${pid}.tmp` was predictable and opened without O_EXCL.
    symlinkSync(victim, `${path}.${process.pid}.tmp`);
    const config: McpConfig = { servers: { fs: stdio('fs') }, allowedTools: ['fs:*'] };
    await writeMcpConfigFile(path, config);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(await readMcpConfigFile(path)).toEqual(config);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['mcp.json', `mcp.json.${process.pid}.tmp`, 'victim']);
  });
});
