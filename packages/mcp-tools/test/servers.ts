import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Real servers from npm and our fixtures, started with `node` (never npx). */
export const FILESYSTEM_SERVER = here(
  '../node_modules/@modelcontextprotocol/server-filesystem/dist/index.js',
);
export const EVERYTHING_SERVER = here(
  '../node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
export const V2_SERVER = here('./fixtures/v2-server.mjs');
/** Writes its pid, then never starts (--slow-start) or never returns from its tool `block`. */
export const BLOCKING_SERVER = here('./fixtures/blocking-server.mjs');
