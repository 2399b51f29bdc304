import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from './bench-config.mjs';

/**
 * Where an app's bin and build output live, and why it cannot be benchmarked yet (undefined when
 * it can): its bin shim loads dist/bin.js (the CLI's CommonJS build: dist/bin.cjs), so both must exist.
 */
export function appBin(app, binName) {
  const dir = join(REPO_DIR, 'apps', app);
  const bin = join(dir, 'bin', binName);
  const dist = ['bin.js', 'bin.cjs'].map((name) => join(dir, 'dist', name)).find(existsSync);
  let missing;
  if (!existsSync(bin)) missing = `apps/${app}/bin/${binName} not found`;
  else if (dist === undefined)
    missing = `apps/${app} is not built (apps/${app}/dist/bin.js missing; run pnpm build)`;
  return { bin, dist, missing };
}
