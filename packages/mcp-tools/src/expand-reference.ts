/** A variable lookup: `process.env` or a copy of it. */
export type Environment = Readonly<Record<string, string | undefined>>;

// Claude Code's two forms (code.claude.com/docs/en/mcp, "Environment variable expansion in
// .mcp.json"): `${VAR}` and `${VAR:-default}`; a bare `$VAR` stays literal, as there.
export const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `value` with `${VAR}` and `${VAR:-default}` expanded, or the name of the first variable that is
 * unset with no default. The default applies when VAR is unset or empty (the shell's `:-`). One
 * pass: an expanded value is not expanded again. Pure and dependency-free, so the CLI's early
 * server start can use it before core loads.
 */
export function expandReferences(value: string, env: Environment): { value: string } | { missing: string } {
  let missing: string | undefined;
  const expanded = value.replace(REFERENCE, (match, name: string, fallback: string | undefined) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (fallback !== undefined) return fallback;
    if (set !== undefined) return set;
    missing ??= name;
    return match;
  });
  return missing === undefined ? { value: expanded } : { missing };
}
