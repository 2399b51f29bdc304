import { type CliIo, readAll } from './cli-io.js';
import { invalidInput } from './option-values.js';

/**
 * The prompt from arguments and stdin. Piped stdin with no arguments is the prompt; with
 * arguments, stdin is the context and the arguments the instruction (`cat notes.md | bedrock-chat
 * "summarise"`). Pure apart from reading stdin when it is not a terminal.
 */
export function combinePrompt(words: readonly string[], stdinText: string | undefined): string {
  const instruction = words.join(' ').trim();
  const context = stdinText?.replace(/\s+$/, '') ?? '';
  if (context.trim() !== '' && instruction !== '') return `${context}\n\n${instruction}`;
  const prompt = instruction !== '' ? instruction : context;
  if (prompt.trim() === '') {
    throw invalidInput(
      'No prompt given.',
      'Pass it as arguments (bedrock-chat "…"), pipe it on stdin, or start a chat with `bedrock-chat chat`.',
    );
  }
  return prompt;
}

export async function readPrompt(io: CliIo, words: readonly string[]): Promise<string> {
  const stdinText = io.stdin.isTTY ? undefined : await readAll(io.stdin);
  return combinePrompt(words, stdinText);
}
