import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerConfigError } from '../config/server-config.js';
import { loadFileAccess } from './file-roots.js';

const disk = realpathSync(mkdtempSync(join(tmpdir(), 'bedrock-chat-roots-')));
afterAll(() => rmSync(disk, { recursive: true, force: true }));
mkdirSync(join(disk, 'docs'));
mkdirSync(join(disk, 'photos'));
symlinkSync(join(disk, 'photos'), join(disk, 'pictures'));
writeFileSync(join(disk, 'file.txt'), 'x');

describe('loadFileAccess', () => {
  it("reads the transport's own variable, path.delimiter-separated, each root resolved", () => {
    const list = [join(disk, 'docs'), '', ` ${join(disk, 'pictures')}/ `].join(delimiter);
    expect(loadFileAccess({ BEDROCK_CHAT_MCP_FILE_ROOTS: list }, 'stdio')).toEqual({
      variable: 'BEDROCK_CHAT_MCP_FILE_ROOTS',
      roots: [
        { path: join(disk, 'docs'), real: join(disk, 'docs') },
        { path: `${join(disk, 'pictures')}/`, real: join(disk, 'photos') },
      ],
    });
  });

  it('an empty value is unset: files off', () => {
    expect(loadFileAccess({ BEDROCK_CHAT_MCP_FILE_ROOTS: '' }, 'stdio').roots).toEqual([]);
  });

  it('keeps HTTP off unless its own variable is set', () => {
    const env = { BEDROCK_CHAT_MCP_FILE_ROOTS: join(disk, 'docs') };
    expect(loadFileAccess(env, 'http')).toEqual({ variable: 'BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS', roots: [] });
    expect(
      loadFileAccess({ BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS: join(disk, 'docs') }, 'http').roots,
    ).toHaveLength(1);
    expect(loadFileAccess({ BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS: join(disk, 'docs') }, 'stdio').roots).toEqual(
      [],
    );
  });

  it.for([
    ['docs', 'BEDROCK_CHAT_MCP_FILE_ROOTS: "docs" is not an absolute path; list absolute directories.'],
    [join(disk, 'gone'), `BEDROCK_CHAT_MCP_FILE_ROOTS: ${join(disk, 'gone')} does not exist.`],
    [join(disk, 'file.txt'), `BEDROCK_CHAT_MCP_FILE_ROOTS: ${join(disk, 'file.txt')} is not a directory.`],
    // Separators only: a mistake, not "unset" (was: files quietly off, "unset" in refusals).
    [
      `${delimiter}${delimiter}`,
      `BEDROCK_CHAT_MCP_FILE_ROOTS: "${delimiter}${delimiter}" lists no directory; list absolute directories separated by "${delimiter}", or leave it empty to turn files off.`,
    ],
  ])('stops the server at start for the root %s', ([entry, message]) => {
    const load = () => loadFileAccess({ BEDROCK_CHAT_MCP_FILE_ROOTS: entry }, 'stdio');
    expect(load).toThrow(ServerConfigError);
    expect(load).toThrow(message);
  });
});
