import { homedir } from 'node:os';
import type { CommandContext } from '../cli-deps.js';
import { EXIT_CODES } from '../exit-codes.js';

/**
 * `bedrock-chat store init`: creates the DynamoDB table the store setting names (on-demand
 * billing) unless it exists, and prints the IAM policy the store needs. SQLite needs no setup.
 */
export async function runStoreInit(context: CommandContext, options: { json: boolean }): Promise<number> {
  const { io } = context;
  const { resolveConfiguredStore, resolveDatabasePath } = await import('@bedrock-chat/core');
  const setting = await resolveConfiguredStore({ flag: context.store, env: io.env });
  if (setting.kind === 'sqlite') {
    const path = resolveDatabasePath(io.env, process.platform, io.env.HOME ?? homedir());
    if (options.json) io.stdout.write(`${JSON.stringify({ store: 'sqlite', path }, null, 2)}\n`);
    else io.stderr.write(`The SQLite store needs no setup: it is created on first use (${path}).\n`);
    return EXIT_CODES.success;
  }
  const { createStoreTable, openDynamoTableClient, storeIamPolicy } = await import(
    '@bedrock-chat/core/dynamodb'
  );
  const { client, table, region } = openDynamoTableClient({ url: setting.location, env: io.env });
  try {
    const outcome = await createStoreTable({ client, table, region });
    const policy = storeIamPolicy({ table, region });
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ store: 'dynamodb', table, region, outcome, policy: JSON.parse(policy) }, null, 2)}\n`,
      );
      return EXIT_CODES.success;
    }
    io.stderr.write(
      outcome === 'created'
        ? `Created the DynamoDB table ${table} in ${region} (on-demand billing).\n`
        : `The DynamoDB table ${table} in ${region} already exists; nothing changed.\n`,
    );
    io.stderr.write('The store needs this IAM policy (CreateTable only for `store init`):\n');
    io.stdout.write(`${policy}\n`);
    return EXIT_CODES.success;
  } finally {
    client.destroy();
  }
}
