/**
 * `@bedrock-chat/core/paths`: where the config file lives, without loading the rest of core (zod,
 * the AWS SDK). The CLI's early MCP server start reads its server list (beside `config.json`)
 * before core loads.
 */
export { type PathEnvironment, resolveConfigFilePath } from './config/config-paths.js';
