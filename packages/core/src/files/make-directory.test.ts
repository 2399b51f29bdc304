import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectory } from './make-directory.js';

describe('makeDirectory', () => {
  it('creates missing parents, private to the user, and reports whether it created the leaf', () => {
    const root = mkdtempSync(join(tmpdir(), 'bc-mkdir-'));
    const leaf = join(root, 'a', 'b', 'c');
    expect(makeDirectory(leaf)).toBe(true);
    expect(statSync(join(root, 'a')).isDirectory()).toBe(true);
    expect(makeDirectory(leaf)).toBe(false);
  });

  it('fails fast with the real error instead of looping', () => {
    const root = mkdtempSync(join(tmpdir(), 'bc-mkdir-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirectory(join(root, 'file', 'sub'))).toThrow(/ENOTDIR/);
    expect(() => makeDirectory(join(root, 'file'))).toThrow(/EEXIST|ENOTDIR/);
    if (process.platform === 'linux') expect(() => makeDirectory('/proc/bedrock-chat-test/data')).toThrow();
  });
});
