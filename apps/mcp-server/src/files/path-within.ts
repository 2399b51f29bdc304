import { sep } from 'node:path';

/** Whether the normalised absolute `path` is `directory` or lies under it (`/a/bc` is not under `/a/b`). */
export function isWithin(directory: string, path: string): boolean {
  if (path === directory) return true;
  const prefix = directory.endsWith(sep) ? directory : `${directory}${sep}`;
  return path.startsWith(prefix);
}
