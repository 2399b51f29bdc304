import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile, writeConfigFile } from '../config/config-file.js';
import { writeFileAtomically } from './write-file-atomically.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'bc-atomic-'));

describe('writeFileAtomically', () => {
  it('replaces the file whole, private to the user, and leaves no temporary file', () => {
    const dir = freshDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    writeFileAtomically(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileAtomically(path, Buffer.from('bytes'));
    expect(readFileSync(path, 'utf8')).toBe('bytes');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('fails as the rename fails and removes its temporary file', () => {
    const dir = freshDir();
    const path = join(dir, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeFileAtomically(path, 'x')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('files written through a temporary name', () => {
  it('the config file never follows a link planted at the name it used to write to', async () => {
    const dir = freshDir();
    const path = join(dir, 'config.json');
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    // The verifier's plant: `${path}.${pid}.tmp` was predictable and opened without O_EXCL.
    symlinkSync(victim, `${path}.${process.pid}.tmp`);
    await writeConfigFile(path, { model: 'haiku' });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(await readConfigFile(path)).toEqual({ model: 'haiku' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
