import { describe, expect, it } from 'vitest';
import { allowlistCovers, displayToolName, hashedToolName, wireToolName } from './tool-names.js';

const BEDROCK_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

describe('wireToolName', () => {
  it('is <server>__<tool> when that fits Bedrock', () => {
    expect(wireToolName('fs', 'list_directory')).toBe('fs__list_directory');
    expect(displayToolName('fs', 'list_directory')).toBe('fs:list_directory');
  });

  it('replaces characters Bedrock refuses and adds a hash, deterministically', () => {
    const name = wireToolName('my.server', 'get file');
    expect(name).toMatch(/^my_server__get_file_[0-9a-f]{8}$/);
    expect(wireToolName('my.server', 'get file')).toBe(name);
    // Two pairs that clean to the same text still get distinct names.
    expect(wireToolName('my_server', 'get file')).not.toBe(name);
  });

  it('shortens long names to 64 characters, keeping them distinct', () => {
    const long = 'x'.repeat(80);
    const first = wireToolName('server', `${long}a`);
    const second = wireToolName('server', `${long}b`);
    expect(first).toHaveLength(64);
    expect(first).toMatch(BEDROCK_NAME);
    expect(first).not.toBe(second);
    expect(hashedToolName('server', 'tool')).toMatch(/^server__tool_[0-9a-f]{8}$/);
  });
});

describe('allowlistCovers', () => {
  const named = { server: 'fs', tool: 'list_directory', wireName: 'fs__list_directory' };

  it('takes server:*, server:tool, the wire name and *', () => {
    expect(allowlistCovers('fs:*', named)).toBe(true);
    expect(allowlistCovers('fs:list_directory', named)).toBe(true);
    expect(allowlistCovers('fs__list_directory', named)).toBe(true);
    expect(allowlistCovers('*', named)).toBe(true);
  });

  it('covers nothing else', () => {
    expect(allowlistCovers('fs:write_file', named)).toBe(false);
    expect(allowlistCovers('other:*', named)).toBe(false);
    expect(allowlistCovers('fs', named)).toBe(false);
    expect(allowlistCovers('list_directory', named)).toBe(false);
  });
});
