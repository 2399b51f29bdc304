import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { lastMessages, latestId, runtimeRequests, setup } from './e2e-harness.js';
import { PDF_BYTES, pngBytes, sha16 } from './sample-files.js';

describe.concurrent('bedrock-chat --attach (built binary against the emulator)', () => {
  it('sends images and documents before the prompt, and the model sees them', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const png = pngBytes(640, 480);
    writeFileSync(join(home, 'chart.png'), png);
    writeFileSync(join(home, 'Q3 report_final.pdf'), PDF_BYTES);
    const result = await run(['-a', 'chart.png', '--attach', 'Q3 report_final.pdf', 'what changed?']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Echo: what changed?',
        `[message 1: image png, ${png.length} bytes, 640x480, sha256 ${sha16(png)}]`,
        `[message 1: document "Q3 report final" pdf, ${PDF_BYTES.length} bytes, sha256 ${sha16(PDF_BYTES)}]`,
        '',
      ].join('\n'),
    );
    const [prompt] = lastMessages(emulator) as { content: object[] }[];
    expect(prompt?.content.at(-1)).toEqual({ text: 'what changed?' });
    // The image's file name is ours: Converse images have none, so it never reaches the wire.
    expect(JSON.stringify(prompt)).not.toContain('chart.png');

    const id = await latestId(run);
    const shown = await run(['conversations', 'show', id ?? '']);
    expect(shown.stdout).toContain(`*[attachment: chart.png (png image, ${png.length} bytes)]*`);
    expect(shown.stdout).toContain(
      `*[attachment: Q3 report final (pdf document, ${PDF_BYTES.length} bytes)]*`,
    );

    // The files stay in the history: a continued conversation sends them again.
    const next = await run(['-c', 'and now?']);
    expect(next.stdout).toContain(
      `[message 1: image png, ${png.length} bytes, 640x480, sha256 ${sha16(png)}]`,
    );
  });

  it('reads a file from stdin with -a -, typed by --attach-type when content cannot tell', async ({
    expect,
    onTestFinished,
  }) => {
    const { run } = await setup(onTestFinished);
    const notes = Buffer.from('# Notes\n- tea\n');
    const typed = await run(['--no-save', '-a', '-', '--attach-type', 'md', 'sum up'], { stdin: notes });
    expect(typed).toMatchObject({
      code: 0,
      stdout: `Echo: sum up\n[message 1: document "stdin" md, ${notes.length} bytes, sha256 ${sha16(notes)}]\n`,
    });
    const sniffed = await run(['--no-save', '-a', '-', 'describe'], { stdin: pngBytes(2, 3) });
    expect(sniffed.stdout).toContain('image png, 33 bytes, 2x3');
  });

  it.for([
    [['-a', '-'], 'error: With --attach -, stdin is the file: give the prompt as arguments.'],
    [['-a', 'missing.pdf', 'hi'], 'missing.pdf: no such file.'],
    [['-a', 'folder', 'hi'], 'folder: is a directory, not a file.'],
    [['-a', 'big.txt', 'hi'], 'big.txt: 5 MB is more than Bedrock takes for any file'],
    [['-a', 'tool.bin', 'hi'], 'tool.bin: not a supported type.'],
    [['-a', 'fake.pdf', 'hi'], 'fake.pdf: the content is plain text, not pdf.'],
    [['-a', 'huge.png', 'hi'], 'huge.png: 9000×10 px is more than Bedrock takes (8000 px a side).'],
    [['-a', 'doc.pdf'], 'doc: Bedrock needs a text prompt beside documents.'],
    [['chat', '-a', '-'], 'error: --attach - cannot be used with chat'],
    [['chat', '-a', 'missing.pdf'], 'missing.pdf: no such file.'],
  ] as const)(
    'refuses %j with exit 2, sending and storing nothing',
    async ([args, message], { expect, onTestFinished }) => {
      const { emulator, home, run } = await setup(onTestFinished);
      mkdirSync(join(home, 'folder'));
      writeFileSync(join(home, 'big.txt'), Buffer.alloc(5 * 1024 * 1024, 'a'));
      writeFileSync(join(home, 'tool.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]));
      writeFileSync(join(home, 'fake.pdf'), 'not a pdf');
      writeFileSync(join(home, 'huge.png'), pngBytes(9000, 10));
      writeFileSync(join(home, 'doc.pdf'), PDF_BYTES);
      const result = await run([...args], { stdin: '' });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
      expect(runtimeRequests(emulator)).toEqual([]);
      expect(await latestId(run)).toBeUndefined();
    },
  );

  it('refuses a file it may not read (as nobody: root ignores modes), naming it', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    chmodSync(home, 0o777);
    const secret = join(home, 'secret.pdf');
    writeFileSync(secret, PDF_BYTES, { mode: 0o600 });
    const result = await run(['--no-save', '-a', secret, 'read it'], { asNobody: true });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`error: ${secret}: cannot be read (permission denied).`);
    expect(runtimeRequests(emulator)).toEqual([]);
  });

  it('in the chat: -a for the first prompt, /attach for the next, /files lists them all', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    writeFileSync(join(home, 'a.png'), pngBytes(10, 10));
    writeFileSync(join(home, 'notes.md'), '# hi\n');
    const lines = ['first', '/attach notes.md', '/attach nope.txt', '/files', 'second', 'third', '/files'];
    const result = await run(['chat', '-a', 'a.png'], { stdin: `${lines.join('\n')}\n` });
    expect(result.code).toBe(0);
    const requests = runtimeRequests(emulator).map(
      (request) => (request.body as { messages: { content: object[] }[] }).messages.at(-1)?.content.length,
    );
    // The image with the first prompt, the notes with the second, nothing with the third.
    expect(requests).toEqual([2, 2, 1]);
    expect(result.stderr).toContain('(attached notes (md document, 5 bytes): sent with your next prompt)');
    expect(result.stderr).toContain('nope.txt: no such file.');
    expect(result.stderr).toContain(
      'Files:\n  message 1: a.png (png image, 33 bytes)\n  next prompt: notes (md document, 5 bytes)',
    );
    expect(result.stderr).toContain(
      'Files:\n  message 1: a.png (png image, 33 bytes)\n  message 3: notes (md document, 5 bytes)\n',
    );
  });
});
