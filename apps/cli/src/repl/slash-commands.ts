/** REPL commands: a line starting with `/`. `//text` sends `/text` as a prompt. */
export const SLASH_COMMANDS = [
  { name: 'help', usage: '/help', description: 'show this help' },
  { name: 'exit', usage: '/exit', description: 'quit (also /quit, Ctrl-D)' },
  { name: 'new', usage: '/new', description: 'start a new conversation' },
  { name: 'model', usage: '/model [id|alias]', description: 'show or change the model' },
  { name: 'system', usage: '/system [text|clear]', description: 'show, set or clear the system prompt' },
  {
    name: 'think',
    usage: '/think [on|off]',
    description: 'turn thinking on or off (reasoning shown dimmed)',
  },
  { name: 'usage', usage: '/usage', description: 'tokens and cost of this session and conversation' },
  { name: 'id', usage: '/id', description: 'show the conversation id (none with --no-save)' },
  {
    name: 'attach',
    usage: '/attach <path>',
    description: 'send a file (image or document) with the next prompt',
  },
  {
    name: 'files',
    usage: '/files',
    description: 'list the files of the conversation and of the next prompt',
  },
] as const;

export type SlashCommandName = (typeof SLASH_COMMANDS)[number]['name'];

const ALIASES: Readonly<Record<string, SlashCommandName>> = { quit: 'exit', q: 'exit', '?': 'help' };

export type ParsedLine =
  | { kind: 'prompt'; text: string }
  | { kind: 'command'; name: SlashCommandName; argument: string }
  | { kind: 'unknown-command'; name: string };

export function parseReplLine(text: string): ParsedLine {
  const trimmed = text.trim();
  if (trimmed.startsWith('//')) return { kind: 'prompt', text: text.replace(/^\s*\//, '') };
  if (!trimmed.startsWith('/') || trimmed.includes('\n')) return { kind: 'prompt', text };
  const match = /^\/(\S+)\s*(.*)$/s.exec(trimmed);
  const word = (match?.[1] ?? '').toLowerCase();
  const name = ALIASES[word] ?? SLASH_COMMANDS.find((command) => command.name === word)?.name;
  if (name === undefined) return { kind: 'unknown-command', name: word };
  return { kind: 'command', name, argument: match?.[2]?.trim() ?? '' };
}

export function slashHelp(): string {
  const width = Math.max(...SLASH_COMMANDS.map((command) => command.usage.length));
  const lines = SLASH_COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.description}`);
  return [
    'Commands:',
    ...lines,
    'Input: end a line with \\ to continue it; """ on its own line starts and ends a block.',
    'Ctrl-C cancels a reply (nothing is saved) or clears the line; Ctrl-D quits.',
  ].join('\n');
}
