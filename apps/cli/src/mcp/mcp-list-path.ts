import { dirname, join } from 'node:path';
import { resolveConfigFilePath } from '@bedrock-chat/core/paths';
import type { Environment } from '../cli-io.js';

/** The CLI's own server list (`mcp add|list|remove`): `mcp.json` beside `config.json`, mode 0600. */
export function mcpListPath(env: Environment): string {
  return join(dirname(resolveConfigFilePath({ env })), 'mcp.json');
}
