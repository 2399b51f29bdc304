import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { loadServerConfig, type ServerConfig } from '../../src/config/server-config.js';
import { createServer } from '../../src/create-server.js';
import type { ServerDeps } from '../../src/server-deps.js';

type ConfigOverrides = Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<ServerConfig['limits']> };

/** The default configuration with some values replaced. */
export function testConfig(overrides: ConfigOverrides = {}): ServerConfig {
  const base = loadServerConfig({});
  return { ...base, ...overrides, limits: { ...base.limits, ...overrides.limits } };
}

/** A real SDK client talking to `createServer(deps)` over an in-memory transport pair. */
export async function connect(deps: ServerDeps): Promise<{ client: Client; close: () => Promise<void> }> {
  const server = createServer(deps);
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}
