import type { UserConfig } from 'tsdown';

/** The one build config every package starts from: ESM for Node 20.19+, `.js` files, types, source maps. */
export function nodePackageConfig(overrides: UserConfig): UserConfig {
  return {
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    dts: true,
    sourcemap: true,
    clean: true,
    fixedExtension: false,
    ...overrides,
  };
}
