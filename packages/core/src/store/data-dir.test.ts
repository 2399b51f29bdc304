import { describe, expect, it } from 'vitest';
import { resolveDatabasePath, resolveDataDir } from './data-dir.js';

describe('resolveDataDir', () => {
  it('uses BEDROCK_CHAT_HOME on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(
        resolveDataDir({ BEDROCK_CHAT_HOME: '/srv/chat', XDG_DATA_HOME: '/x' }, platform, '/home/ana'),
      ).toBe('/srv/chat');
    }
  });

  it('follows XDG on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ana')).toBe('/data/bedrock-chat');
    expect(resolveDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/bedrock-chat');
    expect(resolveDataDir({ XDG_DATA_HOME: 'relative' }, 'freebsd', '/home/ana')).toBe(
      '/home/ana/.local/share/bedrock-chat',
    );
  });

  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: '/data' }, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/bedrock-chat',
    );
    expect(
      resolveDataDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', 'C:\\Users\\ana'),
    ).toBe('C:\\Users\\ana\\AppData\\Local\\bedrock-chat');
    expect(resolveDataDir({}, 'win32', 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Local\\bedrock-chat',
    );
  });

  it('puts the database in conversations.db', () => {
    expect(resolveDatabasePath({}, 'linux', '/home/ana')).toBe(
      '/home/ana/.local/share/bedrock-chat/conversations.db',
    );
  });
});
