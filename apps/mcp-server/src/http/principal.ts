import { z } from 'zod';

/**
 * Who a request acts for. Conversations belong to principals, not tokens, so a token can be
 * replaced without losing them. Names are short and printable: they are stored with every
 * conversation and appear in the server's log.
 */
export const PrincipalSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/,
    'a principal is 1–128 letters, digits and . _ @ + - (starting with a letter or digit)',
  );

/**
 * The principal the CLI and the stdio server act as. Without `--tokens` every accepted HTTP token
 * is this one, so a single-user server shares the CLI's conversations.
 */
export const LOCAL_PRINCIPAL = 'local';
