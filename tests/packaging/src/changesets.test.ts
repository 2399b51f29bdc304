import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The repository root, two levels above this package.
const root = join(import.meta.dirname, '..', '..', '..');

/** Every package of the workspace (pnpm-workspace.yaml: packages/*, apps/*, tests/*, bench). */
function workspacePackageNames(): Set<string> {
  const directories = ['packages', 'apps', 'tests'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(root, group, name)),
  );
  directories.push(join(root, 'bench'));
  const names = new Set<string>();
  for (const directory of directories) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest))
      names.add((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name);
  }
  return names;
}

/** The `"package": bump` lines of a changeset's front matter (YAML: single or double quotes). */
function releases(text: string): Array<{ name: string; bump: string }> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (match === null) throw new Error('no front matter');
  return (match[1] ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const release = /^(["'])([^"']+)\1:\s*(\S+)\s*$/.exec(line);
      if (release === null) throw new Error(`not a release line: ${line}`);
      return { name: release[2] ?? '', bump: release[3] ?? '' };
    });
}

describe('changesets', () => {
  // `changeset version` refuses the whole release when one file names a package the workspace
  // lacks ("Found changeset … for package bedrock-chat which is not in the workspace"): three did.
  it('name only packages of the workspace, each with a patch, minor or major bump', () => {
    const names = workspacePackageNames();
    const files = readdirSync(join(root, '.changeset')).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    );
    expect(files.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, '.changeset', file), 'utf8');
      let lines: Array<{ name: string; bump: string }>;
      try {
        lines = releases(text);
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message}`);
        continue;
      }
      if (lines.length === 0) problems.push(`${file}: names no package`);
      for (const { name, bump } of lines) {
        if (!names.has(name)) problems.push(`${file}: "${name}" is not a workspace package`);
        if (!['patch', 'minor', 'major'].includes(bump))
          problems.push(`${file}: "${name}" has bump "${bump}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
