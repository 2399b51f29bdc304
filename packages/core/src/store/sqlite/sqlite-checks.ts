import { z } from 'zod';
import type { Statements } from './sqlite-statements.js';

const IntegrityRowsSchema = z.array(z.object({ integrity_check: z.string() }));
const QuickCheckRowsSchema = z.array(z.object({ quick_check: z.string() }));

/** `PRAGMA integrity_check` plus the FTS index check: `['ok']` when healthy. */
export function integrityCheck(statements: Statements): string[] {
  const results = IntegrityRowsSchema.parse(statements.integrityCheck.all()).map(
    (row) => row.integrity_check,
  );
  // FTS5's own check throws SQLITE_CORRUPT_VTAB when the index and the messages disagree.
  try {
    statements.ftsIntegrityCheck.run();
  } catch (error) {
    return [...results.filter((result) => result !== 'ok'), `full-text index: ${String(error)}`];
  }
  return results;
}

/**
 * `PRAGMA quick_check`: every page of the file is read and its structure checked (O(N), unlike
 * integrity_check it does not match indexes to their tables), so it finds damage anywhere, where a
 * turn's rehearsal only meets the pages that turn writes. `['ok']` when healthy; at most 100 lines.
 * https://www.sqlite.org/pragma.html#pragma_quick_check
 */
export function quickCheck(statements: Statements): string[] {
  return QuickCheckRowsSchema.parse(statements.quickCheck.all()).map((row) => row.quick_check);
}
