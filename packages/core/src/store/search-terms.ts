/**
 * Search splits what a person typed into words the way SQLite's `unicode61 remove_diacritics 2`
 * tokenizer does (letters and digits; case and accents ignored), and matches a message holding
 * every word. Quoting each word keeps FTS5 operators (`OR`, `NEAR`, `*`, `-`, `"`) in user input
 * from being interpreted as query syntax.
 */
export function searchWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  return [...new Set(words)];
}

/** The FTS5 MATCH expression for a search, or undefined when it has no words. */
export function toFtsQuery(search: string): string | undefined {
  const words = searchWords(search);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word}"`).join(' ');
}

/** The in-memory equivalent of the FTS5 match. */
export function textMatches(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const present = new Set(searchWords(text));
  return words.every((word) => present.has(word));
}
