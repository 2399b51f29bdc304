import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import {
  type AttributeValue,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { createStoreTable } from './dynamodb-table.js';

/**
 * DynamoDB Local (AWS's own implementation, the jar in amplify-dynamodb-simulator), in memory, on a
 * free port, one per test file. `-sharedDb`: one database whatever the credentials and region.
 */
export interface DynamoLocal {
  endpoint: string;
  /** Environment for a store pointed at it (fake keys: DynamoDB Local checks none). */
  env: Record<string, string>;
  client: DynamoDBClient;
  /** A new empty table with the store's key schema. */
  createTable(): Promise<string>;
  /** Every item of a table, as stored (a Scan: for checking a test's outcome, never in the store). */
  items(table: string): Promise<Record<string, AttributeValue>[]>;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export function dynamoLocalJarDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let tables = 0;
const STARTUP_TIMEOUT_MS = 60_000;

export async function startDynamoLocal(): Promise<DynamoLocal> {
  const dir = dynamoLocalJarDir();
  const port = await freePort();
  const java: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-port',
      String(port),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  java.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => java.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  // Ready when it answers; the JVM takes a second or two to start, far longer on a loaded machine.
  const giveUpAt = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (java.exitCode !== null) throw new Error(`DynamoDB Local exited: ${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > giveUpAt) {
        java.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer within ${STARTUP_TIMEOUT_MS} ms`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    endpoint,
    env,
    client,
    async createTable() {
      const name = `conversations-${process.pid}-${++tables}`;
      await createStoreTable({ client, table: name, region: 'us-east-1' });
      return name;
    },
    async items(table) {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return items;
    },
    async stop() {
      client.destroy();
      if (java.exitCode === null) java.kill('SIGKILL');
      await exited;
    },
  };
}
