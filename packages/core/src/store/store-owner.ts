import { z } from 'zod';
import { invalidInput } from './store-errors.js';

/**
 * The principal the CLI and the stdio MCP server act as, and the owner of every conversation
 * stored before conversations had owners (SQLite schema version 1, export version 1). Stored in
 * databases and tables: never change it.
 */
export const LOCAL_PRINCIPAL = 'local';

/**
 * Who a conversation belongs to: a principal name (the MCP HTTP server's tokens file names them).
 * Printable, no surrounding spaces, at most 200 characters: it is part of SQLite index keys and
 * DynamoDB partition keys.
 */
export const PrincipalSchema = z
  .string()
  .min(1, 'a principal cannot be empty')
  .max(200, 'a principal has at most 200 characters')
  .refine((value) => value.trim() === value, 'a principal has no leading or trailing spaces')
  .refine((value) => !/\p{Cc}/u.test(value), 'a principal has no control characters')
  .refine((value) => value.isWellFormed(), 'a principal is well-formed Unicode');

/**
 * A principal as an operator names it in the MCP HTTP server's tokens file: stricter than
 * {@link PrincipalSchema}, because these names are typed into a config file and appear in logs.
 * The tokens file can name no other, so `import --keep-owners` refuses owners outside it too (a
 * conversation no token could ever reach).
 */
export const NamedPrincipalSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/,
    'a principal is 1–128 letters, digits and . _ @ + - (starting with a letter or digit)',
  );

/** The principal, or INVALID_INPUT saying what is wrong with it. */
export function parsePrincipal(principal: string): string {
  const parsed = PrincipalSchema.safeParse(principal);
  if (!parsed.success) throw invalidInput('principal', parsed.error);
  return parsed.data;
}
