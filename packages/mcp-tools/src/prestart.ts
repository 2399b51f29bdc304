/**
 * `@bedrock-chat/mcp-tools/prestart`: starting stdio servers before the MCP client loads. A
 * subpath of its own that depends on Node alone (no MCP SDK, zod or core), so that a CLI can
 * spawn its servers first thing and hand them to `openMcpTools({ prestarted })` later.
 */
export { type PrestartedServers, type PrestartOptions, prestartServers } from './prestart-servers.js';
export type { SpawnedServer, SpawnSpec } from './spawned-server.js';
