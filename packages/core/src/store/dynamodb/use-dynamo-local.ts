import { afterAll, beforeAll } from 'vitest';
import { type DynamoLocal, startDynamoLocal } from './dynamodb-local.js';

/**
 * DynamoDB Local for the calling test file: started before its first test, stopped after its
 * last. The object returned reaches the running instance from inside tests and hooks.
 *
 * ```ts
 * const local = useDynamoLocal();
 * it('…', async () => { const table = await local.createTable(); … });
 * ```
 */
export function useDynamoLocal(): DynamoLocal {
  let running: DynamoLocal | undefined;
  beforeAll(async () => {
    running = await startDynamoLocal();
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  const current = (): DynamoLocal => {
    if (running === undefined)
      throw new Error('DynamoDB Local runs only inside the tests and hooks of this file.');
    return running;
  };
  return {
    get endpoint() {
      return current().endpoint;
    },
    get env() {
      return current().env;
    },
    get client() {
      return current().client;
    },
    createTable: () => current().createTable(),
    items: (table) => current().items(table),
    stop: () => current().stop(),
  };
}
