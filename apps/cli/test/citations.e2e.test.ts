import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { lastMessages, setup } from './e2e-harness.js';
import { PDF_BYTES } from './sample-files.js';

const REPORT = 'Revenue rose 12% in the third quarter. Costs fell by 3%.\n';

describe.concurrent('bedrock-chat --citations (built binary against the emulator)', () => {
  it('sends the documents with citations on; stdout is the reply alone, the sources go to stderr', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    writeFileSync(join(home, 'q3 report.md'), REPORT);
    writeFileSync(join(home, 'annex.pdf'), PDF_BYTES);
    const result = await run([
      '--no-save',
      '--citations',
      '-a',
      'q3 report.md',
      '-a',
      'annex.pdf',
      'What happened to revenue?',
    ]);
    expect(result.code).toBe(0);
    const [prompt] = lastMessages(emulator) as { content: { document?: { citations?: unknown } }[] }[];
    expect(
      prompt?.content.filter((block) => block.document).map((block) => block.document?.citations),
    ).toEqual([{ enabled: true }, { enabled: true }]);
    // The reply as the model wrote it, cited passages included; no source list in it.
    expect(result.stdout).toContain('q3 report says: Revenue rose 12% in the third quarter.');
    expect(result.stdout).not.toContain('sources:');
    expect(result.stderr).toContain(
      [
        'sources:',
        '  [1] q3 report (characters 0–38): "Revenue rose 12% in the third quarter."',
        '  [2] annex (characters 0–5): "annex"',
      ].join('\n'),
    );
  });

  it('lists the citations in --json, and stdout is that one JSON object', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    writeFileSync(join(home, 'q3 report.md'), REPORT);
    const result = await run(['--json', '--citations', '-a', 'q3 report.md', 'What happened to revenue?']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { text: string; citations: unknown[] };
    expect(json.citations).toEqual([
      {
        text: expect.stringContaining('Revenue rose 12% in the third quarter.'),
        citedText: 'Revenue rose 12% in the third quarter.',
        documentTitle: 'q3 report',
        location: { documentChar: { documentIndex: 0, start: 0, end: 38 } },
      },
    ]);
    expect(json.text).toContain('q3 report says: Revenue rose 12% in the third quarter.');
    // stderr keeps its notes (as without --json): the sources too.
    expect(result.stderr).toContain(
      '  [1] q3 report (characters 0–38): "Revenue rose 12% in the third quarter."',
    );
  });

  it('without --citations asks for none and prints no sources', async ({ expect, onTestFinished }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    writeFileSync(join(home, 'q3 report.md'), REPORT);
    const result = await run(['--no-save', '-a', 'q3 report.md', 'What happened to revenue?']);
    expect(result.code).toBe(0);
    expect(JSON.stringify(lastMessages(emulator))).not.toContain('citations');
    expect(result.stderr).not.toContain('sources:');
  });
});
