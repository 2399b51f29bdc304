import { STDIN_PATH } from './attach-files.js';
import { type CliIo, readAll } from './cli-io.js';
import { invalidInput } from './option-values.js';

/**
 * The prompt from arguments and stdin. Piped stdin with no arguments is the prompt; with
 * arguments, stdin is the context and the arguments the instruction (`cat notes.md | bedrock-chat
 * "summarise"`). Pure apart from reading stdin when it is not a terminal.
 */
export function combinePrompt(
  words: readonly string[],
  stdinText: string | undefined,
  options: { allowEmpty?: boolean } = {},
): string {
  const instruction = words.join(' ').trim();
  const context = stdinText?.replace(/\s+$/, '') ?? '';
  if (context.trim() !== '' && instruction !== '') return `${context}\n\n${instruction}`;
  const prompt = instruction !== '' ? instruction : context;
  if (prompt.trim() === '' && !options.allowEmpty) {
    throw invalidInput(
      'No prompt given.',
      'Pass it as arguments (bedrock-chat "…"), pipe it on stdin, or start a chat with `bedrock-chat chat`.',
    );
  }
  return prompt;
}

/**
 * With `-a -` stdin is the file, so the prompt comes from the arguments alone; with other
 * attachments the prompt may be empty (an image alone; core asks for text beside a document).
 */
export async function readPrompt(
  io: CliIo,
  words: readonly string[],
  attach: readonly string[] = [],
): Promise<string> {
  if (attach.includes(STDIN_PATH)) {
    if (words.join('').trim() === '') {
      throw invalidInput(
        'With --attach -, stdin is the file: give the prompt as arguments.',
        'bedrock-chat -a - "describe it" < photo.png',
      );
    }
    return combinePrompt(words, undefined);
  }
  const stdinText = io.stdin.isTTY ? undefined : await readAll(io.stdin);
  return combinePrompt(words, stdinText, { allowEmpty: attach.length > 0 });
}
