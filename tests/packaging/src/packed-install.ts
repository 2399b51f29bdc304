import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The packages published together (one version, .changeset/config.json's `fixed` group). */
export const PUBLIC_PACKAGES = {
  '@bedrock-chat/core': 'packages/core',
  '@bedrock-chat/cli': 'apps/cli',
  '@bedrock-chat/mcp-server': 'apps/mcp-server',
  '@bedrock-chat/bedrock-emulator': 'packages/bedrock-emulator',
  '@bedrock-chat/mcp-tools': 'packages/mcp-tools',
} as const;

export type PublicPackage = keyof typeof PUBLIC_PACKAGES;

export interface PackedInstall {
  /** The project the tarballs were installed into, outside the repository. */
  projectDir: string;
  /** Its node_modules/.bin, where the three binaries are. */
  binDir: string;
  tarballs: Record<PublicPackage, string>;
  packMs: number;
  installMs: number;
  /** PATH with the running Node first, so the installed binaries run on the Node running the test. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/**
 * The pnpm that runs this test (npm_execpath under `pnpm test`), on the Node that runs it;
 * otherwise the pnpm on PATH.
 */
function pnpm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const execPath = process.env.npm_execpath;
  const viaNode = execPath !== undefined && basename(execPath).startsWith('pnpm');
  return run(viaNode ? process.execPath : 'pnpm', viaNode ? [execPath, ...args] : args, {
    cwd,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The environment of a user's shell: without the npm_package_* / npm_lifecycle_* of the outer `pnpm test`. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_(package|lifecycle)_/.test(key) && key !== 'PNPM_PACKAGE_NAME') env[key] = value;
  }
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  return env;
}

async function pack(name: PublicPackage, destination: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await pnpm(
    ['pack', '--pack-destination', destination],
    join(REPO_ROOT, PUBLIC_PACKAGES[name]),
    env,
  );
  const tarball = stdout.trim().split('\n').at(-1);
  if (tarball === undefined || !tarball.endsWith('.tgz'))
    throw new Error(`pnpm pack of ${name} printed:\n${stdout}`);
  return tarball;
}

/**
 * `pnpm pack` of every public package (workspace: ranges become the real versions), then a plain
 * install of the tarballs into an empty project in the temp directory, as a user installs from the
 * registry. Third-party dependencies come from pnpm's store when it has them (--prefer-offline), and
 * so does better-sqlite3's addon once it was built for this Node; otherwise from the npm registry.
 */
export async function packAndInstall(): Promise<PackedInstall> {
  const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-packaging-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    const env = userEnv();
    const tarballDir = join(root, 'tarballs');
    const projectDir = join(root, 'project');
    mkdirSync(tarballDir);
    mkdirSync(projectDir);

    let started = performance.now();
    const names = Object.keys(PUBLIC_PACKAGES) as PublicPackage[];
    const paths = await Promise.all(names.map((name) => pack(name, tarballDir, env)));
    const tarballs = Object.fromEntries(names.map((name, index) => [name, paths[index]])) as Record<
      PublicPackage,
      string
    >;
    const packMs = performance.now() - started;

    writeFileSync(
      join(projectDir, 'package.json'),
      `${JSON.stringify(
        {
          name: 'bedrock-chat-user',
          private: true,
          pnpm: {
            // pnpm 10 runs no dependency's build script unless allowed; npm runs them all.
            onlyBuiltDependencies: ['better-sqlite3'],
            // Stands in for the registry: @bedrock-chat/mcp-server's dependency on the core
            // version published beside it resolves to that tarball.
            overrides: { '@bedrock-chat/core': `file:${tarballs['@bedrock-chat/core']}` },
          },
        },
        null,
        2,
      )}\n`,
    );
    started = performance.now();
    try {
      await pnpm(['add', '--prefer-offline', '--reporter=append-only', ...paths], projectDir, env);
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`installing the tarballs failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
    const installMs = performance.now() - started;

    return {
      projectDir,
      binDir: join(projectDir, 'node_modules', '.bin'),
      tarballs,
      packMs,
      installMs,
      env,
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The package.json of an installed package, as the registry would show it. */
export function installedManifest(install: PackedInstall, name: PublicPackage): Record<string, unknown> {
  return JSON.parse(readFileSync(join(install.projectDir, 'node_modules', name, 'package.json'), 'utf8'));
}
