import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenDigest } from './request-guards.js';
import {
  checkTokensFileDirectories,
  checkTokensFileMode,
  loadTokensFile,
  parseTokensFile,
} from './tokens-file.js';

const hash = (token: string) => tokenDigest(token).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'tokens-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

describe('parseTokensFile', () => {
  it('gives every principal its tokens, hashes in either case', () => {
    const entries = parseTokensFile(
      JSON.stringify({ alice: [hash('a1'), hash('a2').toUpperCase()], 'bob@team.example': [hash('b1')] }),
      't.json',
    );
    expect(entries.map((entry) => [entry.principal, entry.sha256.toString('hex')])).toEqual([
      ['alice', hash('a1')],
      ['alice', hash('a2')],
      ['bob@team.example', hash('b1')],
    ]);
  });

  it('keeps a hash listed twice for one principal once', () => {
    expect(parseTokensFile(JSON.stringify({ alice: [hash('a'), hash('a')] }), 't.json')).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{alice:', /t\.json is not JSON .*expected \{"<principal>"/],
    ['an array', '[]', /t\.json is invalid: the file: .*Expected \{"<principal>"/],
    ['no principal', '{}', /the file: names no principal/],
    [
      'a plain token instead of its hash',
      '{"alice":["my-secret-token"]}',
      /"alice"\[0\]: must be the hex SHA-256 of a token/,
    ],
    ['a principal without tokens', '{"alice":[]}', /"alice": needs at least one token hash/],
    ['a string instead of a list', `{"alice":"${'a'.repeat(64)}"}`, /"alice": /],
    ['a principal with a space', `{"al ice":["${'a'.repeat(64)}"]}`, /a principal is 1–128 letters/],
  ])('refuses %s, saying where', (_case, text, message) => {
    expect(() => parseTokensFile(text, 't.json')).toThrow(message);
  });

  it('says a principal named __proto__ is not allowed, alone or next to others (never drops it)', () => {
    const alone = `{"__proto__":["${'a'.repeat(64)}"]}`;
    const withBob = `{"__proto__":["${'a'.repeat(64)}"],"bob":["${'b'.repeat(64)}"]}`;
    for (const text of [alone, withBob]) {
      expect(() => parseTokensFile(text, 't.json')).toThrow(
        /principal "__proto__" is not allowed \(a principal is 1–128/,
      );
    }
    expect(parseTokensFile(`{"constructor":["${'a'.repeat(64)}"]}`, 't.json')).toEqual([
      { principal: 'constructor', sha256: Buffer.from('a'.repeat(64), 'hex') },
    ]);
  });

  it('never echoes a plain token it was given by mistake', () => {
    expect(() => parseTokensFile('{"alice":["my-secret-token"]}', 't.json')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('my-secret-token') }),
    );
  });

  it('refuses a hash shared by two principals', () => {
    expect(() => parseTokensFile(JSON.stringify({ alice: [hash('x')], bob: [hash('x')] }), 't.json')).toThrow(
      'lists the same token hash for "alice" and "bob"',
    );
  });
});

describe('checkTokensFileMode', () => {
  it('accepts 0600 and 0400 silently', () => {
    expect(checkTokensFileMode(0o100600, 'f')).toEqual([]);
    expect(checkTokensFileMode(0o100400, 'f')).toEqual([]);
  });

  it('warns when group or others can read it', () => {
    expect(checkTokensFileMode(0o100640, 'f')).toEqual([
      expect.stringMatching(/readable by its group.*chmod 600 f/),
    ]);
    expect(checkTokensFileMode(0o100644, 'f')).toEqual([expect.stringMatching(/readable by anyone/)]);
  });

  it('refuses a file group or others can write', () => {
    expect(() => checkTokensFileMode(0o100620, 'f')).toThrow(/writable by its group.*chmod 600 f/);
    expect(() => checkTokensFileMode(0o100666, 'f')).toThrow(/writable by anyone/);
  });
});

describe('checkTokensFileDirectories', () => {
  function inDirectory(name: string, mode: number): string {
    const sub = join(dir, name);
    mkdirSync(sub);
    chmodSync(sub, mode);
    return file(`${name}/tokens.json`, '{}');
  }

  it('refuses a file in a directory others can write without the sticky bit, naming it', () => {
    expect(() => checkTokensFileDirectories(inDirectory('open', 0o777))).toThrow(
      new RegExp(`is in ${join(dir, 'open')}, which anyone can write .*chmod go-w`),
    );
    expect(() => checkTokensFileDirectories(inDirectory('group', 0o775))).toThrow(
      /which its group can write/,
    );
  });

  it('accepts a sticky shared directory (like /tmp) and one only its owner writes', () => {
    expect(() => checkTokensFileDirectories(inDirectory('sticky', 0o1777))).not.toThrow();
    expect(() => checkTokensFileDirectories(inDirectory('private', 0o755))).not.toThrow();
  });

  it('checks every directory up to /, and where a symlink leads', () => {
    const nested = join(dir, 'parent-open');
    mkdirSync(join(nested, 'child'), { recursive: true });
    chmodSync(nested, 0o777);
    const deep = file('parent-open/child/tokens.json', '{}');
    expect(() => checkTokensFileDirectories(deep)).toThrow(/parent-open, which anyone can write/);
    const link = join(dir, 'private', 'link.json');
    symlinkSync(inDirectory('link-target', 0o777), link);
    expect(() => checkTokensFileDirectories(link)).toThrow(/link-target, which anyone can write/);
  });
});

describe('loadTokensFile', () => {
  it('reads a file and reports its mode', () => {
    const path = file('ok.json', JSON.stringify({ alice: [hash('a')] }), 0o644);
    const loaded = loadTokensFile(path);
    expect(loaded.entries).toHaveLength(1);
    expect(loaded.warnings).toEqual([expect.stringContaining('readable by anyone')]);
  });

  it('says when the file is missing, a directory, or too large', () => {
    expect(() => loadTokensFile(join(dir, 'missing.json'))).toThrow(/missing\.json does not exist/);
    expect(() => loadTokensFile(dir)).toThrow(/is not a regular file/);
    const big = file('big.json', ' '.repeat(1_048_577));
    expect(() => loadTokensFile(big)).toThrow(/larger than 1048576 bytes/);
  });

  it('refuses a world-writable file before parsing it', () => {
    const path = file('open.json', 'not even json', 0o666);
    expect(() => loadTokensFile(path)).toThrow(/writable by anyone/);
  });
});
