import { defineConfig } from 'tsdown';
import { nodePackageConfig } from '../../tsdown.shared.ts';

export default defineConfig(
  nodePackageConfig({
    entry: ['src/index.ts', 'src/sqlite.ts', 'src/dynamodb.ts', 'src/testing.ts', 'src/paths.ts'],
  }),
);
