/**
 * C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F, which many terminals
 * read as ESC-prefixed sequences). Stored text can come from an imported file or a model's reply:
 * written raw, `ESC ] 0;…` retitles the window, `ESC ] 52;…` writes the clipboard, `ESC [2J` wipes
 * the screen. A carriage return is kept only before a newline (Windows line ends).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, without tab and newline.
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/g;

const visible = (character: string) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * Text for a terminal: every control character but tab and newline (and a CR before a newline)
 * shown as a visible `\xNN`, so stored or generated text cannot drive the terminal.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (character, offset: number) =>
    character === '\r' && text[offset + 1] === '\n' ? character : visible(character),
  );
}

/** One line of metadata (a title, a name): tabs and newlines are shown escaped too. */
export function terminalSafeLine(text: string): string {
  return text.replace(CONTROL_IN_LINE, visible);
}
