import { describe, expect, it } from 'vitest';
import { resolveCacheDir } from './cache-dir.js';

describe('resolveCacheDir', () => {
  it('is the cache directory under BEDROCK_CHAT_HOME on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(resolveCacheDir({ BEDROCK_CHAT_HOME: '/srv/chat' }, platform, '/home/ana')).toMatch(
        /^[/\\]srv[/\\]chat[/\\]cache$/,
      );
    }
  });

  it('follows XDG on Linux, ignoring a relative XDG_CACHE_HOME', () => {
    expect(resolveCacheDir({ XDG_CACHE_HOME: '/c' }, 'linux', '/home/ana')).toBe('/c/bedrock-chat');
    expect(resolveCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux', '/home/ana')).toBe(
      '/home/ana/.cache/bedrock-chat',
    );
  });

  it('uses Library/Caches on macOS and LOCALAPPDATA on Windows', () => {
    expect(resolveCacheDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Caches/bedrock-chat');
    expect(resolveCacheDir({ LOCALAPPDATA: 'D:\\L' }, 'win32', 'C:\\Users\\ana')).toBe(
      'D:\\L\\bedrock-chat\\Cache',
    );
  });
});
