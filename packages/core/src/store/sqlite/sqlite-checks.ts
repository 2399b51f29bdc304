import type { Database, Statement } from 'better-sqlite3';
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

const SchemaTreesSchema = z.array(
  z.object({ type: z.enum(['table', 'index']), name: z.string(), tbl_name: z.string() }),
);
const TableListSchema = z.array(z.object({ wr: z.number() }));
const IndexListSchema = z.array(z.object({ name: z.string(), partial: z.number() }));
const PrimaryKeySchema = z.array(z.object({ name: z.string(), pk: z.number() }));
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A root read, or none when SQLite cannot plan it for a sound schema (a tree it will not read this
 * way is not damage): only a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) fails the rehearsal.
 */
function prepareOrSkip(db: Database, sql: string): Statement[] {
  try {
    return [db.prepare(sql)];
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw error;
    return [];
  }
}

/**
 * One query per b-tree of the file (every table and index, the full-text index's own tables
 * too) that reads its root page and the first leaf, a few pages in all. A turn's rehearsal meets
 * only the trees it writes; these find damage at the root of the others (a turn without files
 * never writes the blob tables) before a model call, without quick_check's read of every page.
 */
export function prepareRootReads(db: Database): Statement[] {
  const trees = SchemaTreesSchema.parse(
    db
      .prepare(
        "SELECT type, name, tbl_name FROM sqlite_schema WHERE rootpage > 0 AND type IN ('table', 'index')",
      )
      .all(),
  );
  // SQLite refuses `INDEXED BY` a partial index (`CREATE INDEX … WHERE …`) that the query does not
  // imply ("no query solution"): a user's partial index is sound, and its root is not read.
  const partial = new Set(
    trees
      .filter((tree) => tree.type === 'table')
      .flatMap(({ name }) => IndexListSchema.parse(db.pragma(`index_list(${quote(name)})`)))
      .filter((index) => index.partial)
      .map((index) => index.name),
  );
  return trees.flatMap(({ type, name, tbl_name: table }) => {
    if (type === 'index') {
      if (partial.has(name)) return [];
      return prepareOrSkip(db, `SELECT 1 FROM ${quote(table)} INDEXED BY ${quote(name)} LIMIT 1`);
    }
    // In key order (rowid, or a WITHOUT ROWID table's primary key) the scan reads the table's own
    // tree: neither a smaller covering index nor a sort of the whole table.
    const [listing] = TableListSchema.parse(db.pragma(`table_list(${quote(name)})`));
    const keys = listing?.wr
      ? PrimaryKeySchema.parse(db.pragma(`table_info(${quote(name)})`))
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => quote(column.name))
      : ['rowid'];
    return prepareOrSkip(db, `SELECT 1 FROM ${quote(name)} NOT INDEXED ORDER BY ${keys.join(', ')} LIMIT 1`);
  });
}
