import { chmod, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeDirectory } from '@bedrock-chat/core';

export const HISTORY_SIZE = 500;

/** The REPL's input history, newest first as readline wants it; empty when there is none. */
export async function loadHistory(path: string): Promise<string[]> {
  try {
    const text = await readFile(path, 'utf8');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .reverse()
      .slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

/** Saves the history (private to the user); best effort: a failure must not end the REPL badly. */
export async function saveHistory(path: string, history: readonly string[]): Promise<void> {
  try {
    makeDirectory(dirname(path));
    const lines = history.slice(0, HISTORY_SIZE).reverse();
    await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
  } catch {
    // History is a convenience.
  }
}
