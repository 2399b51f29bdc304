import { describe, expect, it } from 'vitest';
import { INITIAL_MARKDOWN_STATE, renderInline, renderMarkdown, renderMarkdownLine } from './markdown-ansi.js';

/** Shows escape codes as readable tags: \x1b[1m → <1>. */
const tags = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[(\\d+)m`, 'g'), '<$1>');
const line = (text: string) => tags(renderMarkdownLine(text, INITIAL_MARKDOWN_STATE).text);

describe('renderInline', () => {
  it('styles bold, italics, inline code and links', () => {
    expect(tags(renderInline('a **bold** and *it* and _it2_ and __b2__'))).toBe(
      'a <1>bold<22> and <3>it<23> and <3>it2<23> and <1>b2<22>',
    );
    expect(tags(renderInline('run `npm i **x**` now'))).toBe('run <36>npm i **x**<39> now');
    expect(tags(renderInline('see [docs](https://x.dev) or [https://y.dev](https://y.dev)'))).toBe(
      'see <4>docs<24><2> (https://x.dev)<22> or <4>https://y.dev<24>',
    );
  });

  it('leaves snake_case, lone stars and arithmetic alone', () => {
    expect(renderInline('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
  });
});

describe('renderMarkdownLine', () => {
  it('renders headings, lists, quotes and rules', () => {
    expect(line('# Title')).toBe('<35><4><1>Title<22><24><39>');
    expect(line('### Small **one**')).toBe('<1>Small <1>one<22><22>');
    expect(line('- item with `code`')).toBe('<33>•<39> item with <36>code<39>');
    expect(line('  * nested')).toBe('  <33>•<39> nested');
    expect(line('- [x] done')).toBe('<33>☑<39> done');
    expect(line('12. twelfth')).toBe('<33>12.<39> twelfth');
    expect(line('> quoted')).toBe('<2>│<22> <3>quoted<23>');
    expect(line('---')).toBe(`<2>${'─'.repeat(40)}<22>`);
  });

  it('keeps code fences verbatim and tracks them across lines', () => {
    const opened = renderMarkdownLine('```ts', INITIAL_MARKDOWN_STATE);
    expect(opened.state.fence).toBe('```');
    const inside = renderMarkdownLine('# not a heading **x**', opened.state);
    expect(tags(inside.text)).toBe('<36># not a heading **x**<39>');
    expect(renderMarkdownLine('~~~', inside.state).state.fence).toBe('```');
    expect(renderMarkdownLine('```', inside.state).state.fence).toBeUndefined();
  });
});

describe('renderMarkdown', () => {
  it('renders a document line by line', () => {
    expect(tags(renderMarkdown('**a**\n```\n*b*\n```\n*c*'))).toBe(
      '<1>a<22>\n<2>```<22>\n<36>*b*<39>\n<2>```<22>\n<3>c<23>',
    );
  });
});
