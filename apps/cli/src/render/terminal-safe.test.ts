import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeLine } from './terminal-safe.js';

describe('terminalSafe', () => {
  it('shows escape sequences as text, so stored text cannot retitle, recolour or wipe the terminal', () => {
    expect(terminalSafe('\u001b]0;pwned\u0007\u001b[31mRED\u001b[2J')).toBe(
      '\\x1b]0;pwned\\x07\\x1b[31mRED\\x1b[2J',
    );
    expect(terminalSafe('a\u009b31mb\u007f')).toBe('a\\x9b31mb\\x7f');
  });

  it('keeps text, tabs, newlines and Windows line ends as they are', () => {
    const text = 'Résumé\tcolumns\nline two ✓ 日本\r\nline three';
    expect(terminalSafe(text)).toBe(text);
    expect(terminalSafe('over\rwrite')).toBe('over\\x0dwrite');
  });
});

describe('terminalSafeLine', () => {
  it('also escapes tabs and newlines in one-line metadata such as a title', () => {
    expect(terminalSafeLine('a\tb\nc\u001b[1m')).toBe('a\\x09b\\x0ac\\x1b[1m');
    expect(terminalSafeLine('Plain title (v2) — ok')).toBe('Plain title (v2) — ok');
  });
});
