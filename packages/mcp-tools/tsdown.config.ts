import { defineConfig } from 'tsdown';
import { nodePackageConfig } from '../../tsdown.shared.ts';

export default defineConfig(nodePackageConfig({ entry: ['src/index.ts', 'src/prestart.ts'] }));
