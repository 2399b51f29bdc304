import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_SIZE, loadHistory, saveHistory } from './chat-history.js';

describe('chat history', () => {
  it('round-trips newest first, oldest first on disk, private to the user', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-history-')), 'nested', 'chat-history');
    await saveHistory(path, ['newest', 'older', 'oldest']);
    expect(readFileSync(path, 'utf8')).toBe('oldest\nolder\nnewest\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await loadHistory(path)).toEqual(['newest', 'older', 'oldest']);
  });

  it('keeps the newest entries only, and treats a missing file as empty', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bc-history-')), 'chat-history');
    expect(await loadHistory(path)).toEqual([]);
    const many = Array.from({ length: HISTORY_SIZE + 10 }, (_, index) => `line ${index}`);
    await saveHistory(path, many);
    const loaded = await loadHistory(path);
    expect(loaded).toHaveLength(HISTORY_SIZE);
    expect(loaded[0]).toBe('line 0');
  });
});
