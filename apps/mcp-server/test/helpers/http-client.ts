import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** A real SDK client over Streamable HTTP with a bearer token. */
export async function connectHttpClient(url: string, token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

/** Headers of a raw MCP POST. */
export const mcpHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

/**
 * One SDK client whose HTTP requests go to `urls` in turn, as behind a round-robin load balancer;
 * `served` lists where each request went.
 */
export async function alternatingHttpClient(urls: readonly string[], token: string) {
  let next = 0;
  const served: string[] = [];
  const transport = new StreamableHTTPClientTransport(new URL(urls[0] ?? ''), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: (_input, init) => {
      const url = urls[next % urls.length] ?? '';
      next += 1;
      served.push(url);
      return fetch(new URL(url), init);
    },
  });
  const client = new Client({ name: 'round-robin', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, served };
}
