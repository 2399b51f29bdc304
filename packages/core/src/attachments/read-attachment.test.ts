import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runNodeAsNobody } from '../files/__fixtures__/run-as-nobody.js';
import { failure } from '../store/__fixtures__/expect-failure.js';
import { pdf, png } from './__fixtures__/sample-files.js';
import type { AttachmentBlock } from './attachment-block.js';
import { MAX_DOCUMENT_BYTES } from './attachment-limits.js';
import { readAttachment, readAttachmentBytes } from './read-attachment.js';

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-attach-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer | string) => {
  const path = join(root, name);
  writeFileSync(path, bytes);
  return path;
};

/** The file's bytes as the block carries them. */
const bytesOf = (block: AttachmentBlock) => {
  const { source } = 'document' in block ? block.document : block.image;
  return Buffer.from('bytes' in source ? source.bytes : '', 'base64');
};

describe('readAttachment', () => {
  it('reads a file into its block, following a symlink', async () => {
    const path = file('chart.png', png(5, 5));
    const link = join(root, 'link.png');
    symlinkSync(path, link);
    expect(await readAttachment(link)).toMatchObject({ image: { format: 'png', name: 'link.png' } });
    expect(await readAttachment(file('paper', pdf()))).toMatchObject({
      document: { name: 'paper', format: 'pdf' },
    });
    expect(await readAttachment(file('notes', '# hi'), { type: 'md' })).toMatchObject({
      document: { format: 'md' },
    });
  });

  it('reads every byte of a file, and of one holding more than its size says (/proc)', async () => {
    const report = Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024 + 17, 0xa5)]);
    // Buffer.equals: vitest's toEqual compares a 3 MB buffer byte by byte, for seconds.
    expect(bytesOf(await readAttachment(file('report.pdf', report))).equals(report)).toBe(true);
    // Linux gives /proc files a size of 0: what follows what fstat said is read too.
    if (process.platform !== 'linux') return;
    const status = bytesOf(await readAttachment('/proc/self/status', { type: 'txt' }));
    expect(status.toString()).toContain(`Pid:\t${process.pid}\n`);
  });

  it('names a missing file, a directory and a file too big to read, each with its code', async () => {
    const missing = join(root, 'nope.pdf');
    expect(await failure(readAttachment(missing))).toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
      message: `${missing}: no such file.`,
    });
    expect((await failure(readAttachment(join(root, 'chart.png', 'x')))).code).toBe('ATTACHMENT_NOT_FOUND');
    const directory = join(root, 'folder');
    mkdirSync(directory);
    expect(await failure(readAttachment(directory))).toMatchObject({
      code: 'ATTACHMENT_NOT_A_FILE',
      message: `${directory}: is a directory, not a file.`,
    });
    const huge = file('huge.txt', Buffer.alloc(MAX_DOCUMENT_BYTES + 10, 'a'));
    expect(await failure(readAttachment(huge))).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      message: `${huge}: 4.5 MB is more than Bedrock takes for any file (4.5 MB for a document, 3.75 MB for an image).`,
    });
  });

  it('says a file it may not read is unreadable (run as nobody: root ignores modes)', async () => {
    const secret = file('secret.txt', 'top secret');
    chmodSync(secret, 0o600);
    chmodSync(root, 0o755);
    const built = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;
    const child = fileURLToPath(new URL('./__fixtures__/read-as-child.mjs', import.meta.url));
    const stdout = await runNodeAsNobody(child, [built, secret]);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      code: 'ATTACHMENT_UNREADABLE',
      message: `${secret}: cannot be read (permission denied).`,
      hint: 'Check that the file is readable by you (ls -l), or attach a readable copy.',
    });
  });
});

describe('readAttachmentBytes', () => {
  it('reads a stream and stops one that passes the largest limit', async () => {
    expect(await readAttachmentBytes(Readable.from([Buffer.from('ab'), 'cd']), 'stdin')).toEqual(
      Buffer.from('abcd'),
    );
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(1024 * 1024);
      })(),
    );
    expect(await failure(readAttachmentBytes(endless, 'stdin'))).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      // Its size is unknown: the message says what it passed.
      message:
        'stdin: is larger than Bedrock takes for any file (4.5 MB for a document, 3.75 MB for an image).',
    });
  });
});

describe('readAttachment with a vetted file', () => {
  it('names the file by fileName: document name, image name and errors', async () => {
    const real = file('real-name.pdf', pdf());
    expect(await readAttachment(real, { fileName: '/shared/Quarterly report.pdf' })).toMatchObject({
      document: { name: 'Quarterly report', format: 'pdf' },
    });
    expect(await readAttachment(file('x.png', png(3, 3)), { fileName: '/shared/chart.png' })).toMatchObject({
      image: { name: 'chart.png' },
    });
    expect(
      await failure(readAttachment(join(root, 'gone.pdf'), { fileName: '/shared/gone.pdf' })),
    ).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', message: '/shared/gone.pdf: no such file.' });
  });

  it('reads the file only if it is still the one that was checked', async () => {
    const { lstatSync, renameSync } = await import('node:fs');
    const path = file('vetted.pdf', pdf());
    const identity = lstatSync(path);
    expect(await readAttachment(path, { expect: identity })).toMatchObject({ document: { name: 'vetted' } });
    // Replaced by another file after the check: refused, not read.
    renameSync(file('other.pdf', pdf()), path);
    expect(await failure(readAttachment(path, { expect: identity }))).toMatchObject({
      code: 'ATTACHMENT_NOT_ALLOWED',
      message: `${path}: changed while it was being read (it is no longer the file that was checked).`,
    });
    // Replaced by a symlink: not followed.
    const swapped = join(root, 'swapped.pdf');
    symlinkSync(file('target.pdf', pdf()), swapped);
    expect((await failure(readAttachment(swapped, { expect: identity }))).code).toBe(
      'ATTACHMENT_NOT_ALLOWED',
    );
  });
});
