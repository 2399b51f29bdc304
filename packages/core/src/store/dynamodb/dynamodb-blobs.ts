import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ReturnValue,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { type BlobStore, blobNotFound, blobRefOf, checkedBlob } from '../blob-store.js';
import { storeCorrupt } from '../store-errors.js';
import { checkedStored } from '../stored-values.js';
import { batchWrite, type DynamoSender } from './dynamodb-client.js';
import type { Item } from './dynamodb-items.js';
import { CHUNK_BYTES } from './dynamodb-messages.js';

/**
 * Files in the table, one partition per owner and hash (`F#<owner>#<sha256>`, the hash last and
 * of fixed length, so no two owners' keys meet): `META` (`fileSize`, `refCount`, `chunkKeys`) and the
 * bytes in chunks `P#<write id>#<n>` of at most 300 KiB (items stay under 400 KB). A file is
 * written before the turn's transaction, idempotently: nothing when META exists, else the chunks
 * under a write id of its own and then META on condition that it is still absent (a writer that
 * loses that race deletes only its own chunks). The turn's transaction adds to `refCount` on
 * condition that META exists, so a committed message never refers to a missing file; a writer
 * whose transaction loses deletes the files it created unless `refCount` has gone above 0 meanwhile
 * (`refCount` at 0 is the condition of that delete). Deleting a conversation takes its references
 * off in the transaction that deletes it, and the META of files left at none with them
 * (`releaseReferences`); their chunks follow, unreadable already. A writer that dies between its file and its transaction
 * leaves a file at 0 references: never read, and reused if the file comes again.
 */

export const blobKey = (owner: string, sha256: string): Item => ({
  pk: { S: `F#${owner}#${sha256}` },
  sk: { S: 'META' },
});
const partKey = (owner: string, sha256: string, writeId: string, index: number): Item => ({
  pk: { S: `F#${owner}#${sha256}` },
  sk: { S: `P#${writeId}#${String(index).padStart(4, '0')}` },
});

// Attribute names clear of DynamoDB's reserved words (SIZE is one), so no expression needs aliases.
const BlobMetaSchema = z.object({
  fileSize: z.object({ N: z.string() }),
  chunkKeys: z.object({ L: z.array(z.object({ S: z.string() })) }),
});

export interface DynamoBlobTarget {
  client: DynamoSender;
  table: string;
  owner: string;
}

/** Adds `count` to a file's references in the turn's transaction; cancelled if it is gone. */
export function addReferences(target: DynamoBlobTarget, sha256: string, count: number): TransactWriteItem {
  return {
    Update: {
      TableName: target.table,
      Key: blobKey(target.owner, sha256),
      UpdateExpression: 'ADD refCount :count',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':count': { N: String(count) } },
    },
  };
}

/** Whether the owner holds the file (a strongly consistent read of META). */
export async function blobExists(target: DynamoBlobTarget, sha256: string): Promise<boolean> {
  const { Item: item } = await target.client.send(
    new GetItemCommand({
      TableName: target.table,
      Key: blobKey(target.owner, sha256),
      ConsistentRead: true,
      ProjectionExpression: 'pk',
    }),
  );
  return item !== undefined;
}

/** Writes the file unless the owner holds it; true when this call created it. */
export async function ensureBlob(target: DynamoBlobTarget, bytes: Uint8Array): Promise<boolean> {
  const { sha256 } = blobRefOf(bytes);
  if (await blobExists(target, sha256)) return false;
  const writeId = randomUUID();
  const parts: Item[] = [];
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += CHUNK_BYTES) {
    const key = partKey(target.owner, sha256, writeId, parts.length);
    parts.push({ ...key, data: { B: bytes.subarray(offset, offset + CHUNK_BYTES) } });
  }
  await batchWrite(
    target.client,
    target.table,
    parts.map((put) => ({ put })),
  );
  try {
    await target.client.send(
      new PutItemCommand({
        TableName: target.table,
        Item: {
          ...blobKey(target.owner, sha256),
          fileSize: { N: String(bytes.length) },
          refCount: { N: '0' },
          chunkKeys: { L: parts.map((part) => ({ S: part.sk?.S ?? '' })) },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    // Another writer stored the same file first: ours is not needed.
    await batchWrite(
      target.client,
      target.table,
      parts.map(({ pk, sk }) => ({ deleteKey: { pk, sk } as Item })),
    );
    return false;
  }
}

/** Deletes the file if nothing refers to it (`refCount` at or below 0), META first, then its chunks. */
export async function deleteIfUnreferenced(target: DynamoBlobTarget, sha256: string): Promise<void> {
  try {
    const { Attributes: old } = await target.client.send(
      new DeleteItemCommand({
        TableName: target.table,
        Key: blobKey(target.owner, sha256),
        ConditionExpression: 'attribute_not_exists(refCount) OR refCount <= :zero',
        ExpressionAttributeValues: { ':zero': { N: '0' } },
        ReturnValues: ReturnValue.ALL_OLD,
      }),
    );
    const parts = old?.chunkKeys?.L ?? [];
    await batchWrite(
      target.client,
      target.table,
      parts.map((part) => ({
        deleteKey: { pk: blobKey(target.owner, sha256).pk, sk: { S: part.S ?? '' } } as Item,
      })),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** A file whose META a delete's transaction removes: its chunks go after the transaction. */
export interface ReleasedFile {
  sha256: string;
  chunkKeys: string[];
}

/**
 * The transaction actions that take a deleted conversation's references off its files, to run in
 * the same transaction as the conversation's delete: a file left with none loses its META there
 * (unreadable from then on, exactly when the conversation goes; its chunks are deleted after),
 * the others their count. Each action is conditional on the count read here, so a turn that
 * referred to the file meanwhile cancels the transaction and the delete reads again.
 */
export async function releaseReferences(
  target: DynamoBlobTarget,
  counts: ReadonlyMap<string, number>,
): Promise<{ items: TransactWriteItem[]; released: ReleasedFile[] }> {
  const items: TransactWriteItem[] = [];
  const released: ReleasedFile[] = [];
  for (const [sha256, count] of counts) {
    const { Item: meta } = await target.client.send(
      new GetItemCommand({
        TableName: target.table,
        Key: blobKey(target.owner, sha256),
        ConsistentRead: true,
        ProjectionExpression: 'refCount, chunkKeys',
      }),
    );
    // Gone already (a losing writer's cleanup): nothing to take off.
    if (meta === undefined) continue;
    const current = meta.refCount?.N ?? '0';
    const unchanged = {
      TableName: target.table,
      Key: blobKey(target.owner, sha256),
      ConditionExpression: 'refCount = :current',
    };
    if (Number(current) - count <= 0) {
      items.push({ Delete: { ...unchanged, ExpressionAttributeValues: { ':current': { N: current } } } });
      released.push({ sha256, chunkKeys: (meta.chunkKeys?.L ?? []).map((part) => part.S ?? '') });
    } else {
      items.push({
        Update: {
          ...unchanged,
          UpdateExpression: 'ADD refCount :minus',
          ExpressionAttributeValues: { ':current': { N: current }, ':minus': { N: String(-count) } },
        },
      });
    }
  }
  return { items, released };
}

/** The chunks of files whose META is gone (`releaseReferences`): nothing can read them any more. */
export async function deleteChunks(target: DynamoBlobTarget, files: readonly ReleasedFile[]): Promise<void> {
  const keys = files.flatMap(({ sha256, chunkKeys }) =>
    chunkKeys.map((sk) => ({ deleteKey: { pk: blobKey(target.owner, sha256).pk, sk: { S: sk } } as Item })),
  );
  await batchWrite(target.client, target.table, keys);
}

/** Takes `count` references off the file, and deletes it when none are left. */
export async function dropReferences(target: DynamoBlobTarget, sha256: string, count: number): Promise<void> {
  const { Attributes: after } = await target.client
    .send(
      new UpdateItemCommand({
        TableName: target.table,
        Key: blobKey(target.owner, sha256),
        UpdateExpression: 'ADD refCount :minus',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':minus': { N: String(-count) } },
        ReturnValues: ReturnValue.UPDATED_NEW,
      }),
    )
    .catch((error: Error) => {
      if (error.name === 'ConditionalCheckFailedException') return { Attributes: undefined };
      throw error;
    });
  if (after !== undefined && Number(after.refCount?.N ?? '0') <= 0)
    await deleteIfUnreferenced(target, sha256);
}

async function readBlob(target: DynamoBlobTarget, sha256: string): Promise<Uint8Array> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await target.client.send(
      new QueryCommand({
        TableName: target.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `F#${target.owner}#${sha256}` } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  const bySortKey = new Map(items.map((item) => [item.sk?.S ?? '', item]));
  const meta = bySortKey.get('META');
  if (meta === undefined) throw blobNotFound(sha256);
  const where = `file ${sha256}`;
  const { fileSize, chunkKeys } = checkedStored(BlobMetaSchema, meta, where);
  const chunks = chunkKeys.L.map((part) => bySortKey.get(part.S)?.data?.B);
  if (chunks.some((chunk) => chunk === undefined)) throw storeCorrupt(`${where}: a chunk is missing`);
  const bytes = Buffer.concat(chunks as Uint8Array[]);
  return checkedBlob({ sha256, size: Number(fileSize.N) }, bytes, where);
}

export function dynamoBlobStore(
  target: DynamoBlobTarget,
  run: <T>(work: () => Promise<T>) => Promise<T>,
): BlobStore {
  return {
    put: (bytes) =>
      run(async () => {
        await ensureBlob(target, bytes);
        return blobRefOf(bytes);
      }),
    get: (sha256) => run(() => readBlob(target, sha256)),
    stat: (sha256) =>
      run(async () => {
        const { Item: item } = await target.client.send(
          new GetItemCommand({
            TableName: target.table,
            Key: blobKey(target.owner, sha256),
            ConsistentRead: true,
            ProjectionExpression: 'fileSize',
          }),
        );
        return item?.fileSize?.N === undefined ? undefined : { sha256, size: Number(item.fileSize.N) };
      }),
  };
}
