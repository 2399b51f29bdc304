import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonUnloadable, rebuildCommand } from './sqlite-addon.js';

/** What Node 24 threw for an addon built under Node 20, recorded from a real run. */
function recordedAbiError(path: string): Error {
  return Object.assign(
    new Error(
      `The module '${path}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
    ),
    { code: 'ERR_DLOPEN_FAILED' },
  );
}

const ADDON = join('build', 'Release', 'better_sqlite3.node');

describe('rebuildCommand', () => {
  it('rebuilds from the pnpm project that holds the addon', () => {
    const path = join(
      '/work/app',
      'node_modules',
      '.pnpm',
      'better-sqlite3@12.11.1',
      'node_modules',
      'better-sqlite3',
      ADDON,
    );
    expect(rebuildCommand(path)).toBe('cd /work/app && pnpm rebuild better-sqlite3');
  });

  it('rebuilds from the package whose node_modules holds it (a global npm install of the CLI)', () => {
    const path = join('/usr/lib/node_modules/@bedrock-chat/cli/node_modules/better-sqlite3', ADDON);
    expect(rebuildCommand(path)).toBe(
      'cd /usr/lib/node_modules/@bedrock-chat/cli && npm rebuild better-sqlite3',
    );
  });

  it('quotes a directory with spaces or quotes for the shell', () => {
    const path = join("/home/o'neil/my tools/node_modules/better-sqlite3", ADDON);
    expect(rebuildCommand(path)).toBe("cd '/home/o'\\''neil/my tools' && npm rebuild better-sqlite3");
  });
});

describe('addonUnloadable', () => {
  it('names both Node ABI versions and the exact rebuild command (STORE_UNAVAILABLE)', () => {
    const path = join('/opt/cli/node_modules/better-sqlite3', ADDON);
    const error = addonUnloadable(path, recordedAbiError(path));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toBe(
      `The conversation store cannot open: better-sqlite3's native addon was built for another Node.js version (NODE_MODULE_VERSION 115; Node.js ${process.version} needs 137).`,
    );
    expect(error.hint).toBe(
      'This follows a switch of Node.js version. Rebuild it with the Node.js you run bedrock-chat with: `cd /opt/cli && npm rebuild better-sqlite3`.',
    );
    expect(error.details).toMatchObject({ builtFor: 115, required: 137 });
  });

  it('gives the same rebuild for any other load failure, with the first line of the reason', () => {
    const path = join('/opt/cli/node_modules/better-sqlite3', ADDON);
    const error = addonUnloadable(path, new Error(`${path}: wrong ELF class: ELFCLASS32\nmore`));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain(
      'does not load (/opt/cli/node_modules/better-sqlite3/build/Release/better_sqlite3.node: wrong ELF class: ELFCLASS32).',
    );
    expect(error.hint).toContain('`cd /opt/cli && npm rebuild better-sqlite3`');
  });
});
