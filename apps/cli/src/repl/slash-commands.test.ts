import { describe, expect, it } from 'vitest';
import { parseReplLine, slashHelp } from './slash-commands.js';

describe('parseReplLine', () => {
  it('recognises commands, aliases and arguments', () => {
    expect(parseReplLine('/exit')).toEqual({ kind: 'command', name: 'exit', argument: '' });
    expect(parseReplLine('/quit')).toEqual({ kind: 'command', name: 'exit', argument: '' });
    expect(parseReplLine(' /model  haiku ')).toEqual({ kind: 'command', name: 'model', argument: 'haiku' });
    expect(parseReplLine('/system Be terse. Always.')).toEqual({
      kind: 'command',
      name: 'system',
      argument: 'Be terse. Always.',
    });
    expect(parseReplLine('/HELP')).toEqual({ kind: 'command', name: 'help', argument: '' });
  });

  it('treats everything else as a prompt; // escapes a leading slash', () => {
    expect(parseReplLine('hello /exit')).toEqual({ kind: 'prompt', text: 'hello /exit' });
    expect(parseReplLine('//etc/hosts is?')).toEqual({ kind: 'prompt', text: '/etc/hosts is?' });
    expect(parseReplLine('/model\nsecond line')).toEqual({ kind: 'prompt', text: '/model\nsecond line' });
    expect(parseReplLine('/usr/bin')).toEqual({ kind: 'unknown-command', name: 'usr/bin' });
  });

  it('lists every command in /help', () => {
    for (const name of ['/help', '/exit', '/new', '/model', '/system', '/usage']) {
      expect(slashHelp()).toContain(name);
    }
  });
});
