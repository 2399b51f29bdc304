/**
 * A small Markdown → ANSI renderer for replies on a terminal. It works one complete line at a
 * time (so streamed text can be shown as each line arrives); the only state between lines is
 * whether we are inside a code fence. Pure: no terminal access, no width.
 */

const ESC = '\x1b[';
const style = (open: number, close: number) => (text: string) => `${ESC}${open}m${text}${ESC}${close}m`;

export const ansi = {
  bold: style(1, 22),
  dim: style(2, 22),
  italic: style(3, 23),
  underline: style(4, 24),
  cyan: style(36, 39),
  magenta: style(35, 39),
  yellow: style(33, 39),
  red: style(31, 39),
  green: style(32, 39),
};

export interface MarkdownState {
  /** The fence that opened the current code block (``` or ~~~), or undefined outside one. */
  fence: string | undefined;
}

export const INITIAL_MARKDOWN_STATE: MarkdownState = { fence: undefined };

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^(\s*)>\s?(.*)$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const TASK = /^\[([ xX])\]\s+(.*)$/;
const NUMBERED = /^(\s*)(\d+)([.)])\s+(.*)$/;

function emphasis(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_match, label: string, url: string) =>
      label === url ? ansi.underline(url) : `${ansi.underline(label)}${ansi.dim(` (${url})`)}`,
    )
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, (_match, inner: string) => ansi.bold(inner))
    .replace(/(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])/g, (_match, inner: string) => ansi.bold(inner))
    .replace(/(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])/g, (_match, inner: string) =>
      ansi.italic(inner),
    )
    .replace(/(?<![_\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![_\w])/g, (_match, inner: string) =>
      ansi.italic(inner),
    );
}

/** Inline Markdown: `code` first (nothing inside it is styled), then links, bold, italics. */
export function renderInline(text: string): string {
  return text
    .split(/(`+[^`]+?`+)/)
    .map((part, index) => {
      if (index % 2 === 0) return emphasis(part);
      return ansi.cyan(part.replace(/^`+\s?|\s?`+$/g, ''));
    })
    .join('');
}

/** Renders one line (without its newline). Returns the text and the state for the next line. */
export function renderMarkdownLine(
  line: string,
  state: MarkdownState,
): { text: string; state: MarkdownState } {
  const fence = FENCE.exec(line);
  if (state.fence !== undefined) {
    if (
      fence &&
      fence[1]?.[0] === state.fence[0] &&
      (fence[1]?.length ?? 0) >= state.fence.length &&
      !fence[2]
    ) {
      return { text: ansi.dim(line), state: { fence: undefined } };
    }
    return { text: ansi.cyan(line), state };
  }
  if (fence) return { text: ansi.dim(line), state: { fence: fence[1] } };

  const heading = HEADING.exec(line);
  if (heading) {
    const level = heading[1]?.length ?? 1;
    const title = ansi.bold(renderInline(heading[2] ?? ''));
    return { text: level <= 2 ? ansi.magenta(level === 1 ? ansi.underline(title) : title) : title, state };
  }
  if (RULE.test(line)) return { text: ansi.dim('─'.repeat(40)), state };
  const quote = QUOTE.exec(line);
  if (quote)
    return { text: `${quote[1]}${ansi.dim('│')} ${ansi.italic(renderInline(quote[2] ?? ''))}`, state };
  const bullet = BULLET.exec(line);
  if (bullet) {
    const task = TASK.exec(bullet[2] ?? '');
    const marker = task ? (task[1] === ' ' ? '☐' : '☑') : '•';
    const body = task ? (task[2] ?? '') : (bullet[2] ?? '');
    return { text: `${bullet[1]}${ansi.yellow(marker)} ${renderInline(body)}`, state };
  }
  const numbered = NUMBERED.exec(line);
  if (numbered) {
    return {
      text: `${numbered[1]}${ansi.yellow(`${numbered[2]}${numbered[3]}`)} ${renderInline(numbered[4] ?? '')}`,
      state,
    };
  }
  return { text: renderInline(line), state };
}

/** Renders a whole document (used for `conversations show` on a terminal). */
export function renderMarkdown(text: string): string {
  let state = INITIAL_MARKDOWN_STATE;
  return text
    .split('\n')
    .map((line) => {
      const rendered = renderMarkdownLine(line.replace(/\r$/, ''), state);
      state = rendered.state;
      return rendered.text;
    })
    .join('\n');
}
