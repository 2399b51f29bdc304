// Prints how long importing the given modules takes in this fresh process (ms). A specifier
// `app:<dir>:<name>` resolves <name> from apps/<dir> (for the apps' own dependencies).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_DIR } from '../lib/bench-config.mjs';

const started = performance.now();
for (const specifier of process.argv.slice(2)) {
  const [, app, name] = specifier.match(/^app:([^:]+):(.+)$/) ?? [];
  if (app) {
    const path = createRequire(join(REPO_DIR, 'apps', app, 'package.json')).resolve(name);
    await import(pathToFileURL(path).href);
  } else {
    await import(specifier);
  }
}
process.stdout.write(`${performance.now() - started}\n`);
