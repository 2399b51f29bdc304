import packageJson from '../package.json' with { type: 'json' };

/** Inlined into the bundle at build time, so `--version` reads no file. */
export const VERSION: string = packageJson.version;
