import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-io.js';
import { createReplyWriter } from './reply-writer.js';

describe('createReplyWriter', () => {
  it('passes plain text straight through and ends on a newline', () => {
    const output = captureOutput();
    const writer = createReplyWriter(output, { markdown: false });
    writer.push('Hel');
    expect(output.text()).toBe('Hel');
    writer.push('lo');
    writer.end();
    expect(output.text()).toBe('Hello\n');
  });

  it('renders complete lines as their newline arrives, and the tail at the end', () => {
    const output = captureOutput(true);
    const writer = createReplyWriter(output, { markdown: true });
    writer.push('# He');
    expect(output.text()).toBe('');
    writer.push('ading\n**bo');
    expect(output.text()).toBe('\x1b[35m\x1b[4m\x1b[1mHeading\x1b[22m\x1b[24m\x1b[39m\n');
    writer.push('ld**');
    writer.end();
    expect(output.text()).toContain('\x1b[1mbold\x1b[22m\n');
  });

  it('shows control sequences in a reply as text on a terminal, and passes them through a pipe', () => {
    const reply = 'Sure.\u001b]52;c;ZXZpbA==\u0007\u001b[2J';
    for (const markdown of [false, true]) {
      const terminal = Object.assign(captureOutput(), { isTTY: true });
      const writer = createReplyWriter(terminal, { markdown });
      writer.push(reply);
      writer.end();
      expect(terminal.text()).toContain('Sure.\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J');
      expect(terminal.text()).not.toContain('\u001b]52');
    }
    const piped = captureOutput();
    const writer = createReplyWriter(piped, { markdown: false });
    writer.push(reply);
    writer.end();
    expect(piped.text()).toBe(`${reply}\n`);
  });

  it('writes nothing for an empty reply', () => {
    const output = captureOutput();
    const writer = createReplyWriter(output, { markdown: false });
    writer.end();
    expect(output.text()).toBe('');
    expect(writer.started).toBe(false);
  });
});
