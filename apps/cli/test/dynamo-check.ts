import type { DynamoLocal } from '@bedrock-chat/core/testing';

type Items = Awaited<ReturnType<DynamoLocal['items']>>;

/** What a table holds, read item by item (not through the store, which would hide a stray item). */
export interface TableLayout {
  /** Per conversation: its message count per META, and the problems found in its partition. */
  conversations: Map<string, { messageCount: number; owner: string }>;
  /** Chunks no message lists: left by a writer that died between its chunks and its transaction. */
  orphanChunks: number;
  /** Per file (`<owner>#<sha256>`): its `refCount` and the messages that refer to it. */
  files: Map<string, { refCount: number; references: number }>;
  /** Every way the table breaks the store's layout rules; empty when consistent. */
  problems: string[];
}

/**
 * Checks the DynamoDB store's invariants on the raw items: each conversation partition has META and
 * exactly the messages 0…messageCount-1 (no half-written turn: a message beyond the count, or a
 * missing one), every chunk a message lists exists, each owner partition lists each of its
 * conversations once, with META's summary, and each file a message refers to exists whole with a
 * `refCount` of exactly the messages that refer to it (a file at 0 with no reference is a killed
 * writer's leftover: allowed, reused if the same file comes again).
 */
export function tableLayout(items: Items): TableLayout {
  const partitions = new Map<string, Items>();
  for (const item of items) {
    const pk = item.pk?.S ?? '';
    partitions.set(pk, [...(partitions.get(pk) ?? []), item]);
  }
  const problems: string[] = [];
  const conversations = new Map<string, { messageCount: number; owner: string }>();
  const summaries = new Map<string, string>();
  let orphanChunks = 0;
  const references = new Map<string, number>();
  for (const [pk, partition] of partitions) {
    if (!pk.startsWith('C#')) continue;
    const id = pk.slice(2);
    const meta = partition.find((item) => item.sk?.S === 'META');
    if (meta === undefined) {
      // Messages without META are invisible (a long import cut short); report them all the same.
      problems.push(`${id}: items without META`);
      continue;
    }
    const messageCount = Number(meta.messageCount?.N);
    conversations.set(id, { messageCount, owner: meta.owner?.S ?? '' });
    summaries.set(id, meta.summary?.S ?? '');
    const messages = partition.filter((item) => item.sk?.S?.startsWith('M#'));
    const positions = messages.map((item) => Number(item.sk?.S?.slice(2))).sort((a, b) => a - b);
    const expected = Array.from({ length: messageCount }, (_, position) => position);
    if (JSON.stringify(positions) !== JSON.stringify(expected)) {
      problems.push(`${id}: messages at ${positions.join(',')} for messageCount ${messageCount}`);
    }
    const listed = new Set(messages.flatMap((item) => (item.chunks?.L ?? []).map((entry) => entry.S)));
    const chunks = partition.filter((item) => item.sk?.S?.startsWith('B#')).map((item) => item.sk?.S);
    for (const chunk of listed) if (!chunks.includes(chunk)) problems.push(`${id}: chunk ${chunk} missing`);
    orphanChunks += chunks.filter((chunk) => !listed.has(chunk)).length;
    for (const message of messages) {
      for (const sha256 of message.files?.SS ?? []) {
        const key = `${meta.owner?.S ?? ''}#${sha256}`;
        references.set(key, (references.get(key) ?? 0) + 1);
      }
    }
  }
  const files = new Map<string, { refCount: number; references: number }>();
  for (const [pk, partition] of partitions) {
    if (!pk.startsWith('F#')) continue;
    const key = pk.slice(2);
    const meta = partition.find((item) => item.sk?.S === 'META');
    if (meta === undefined) continue; // chunks of a writer that lost the race for META: never read
    const refCount = Number(meta.refCount?.N);
    files.set(key, { refCount, references: references.get(key) ?? 0 });
    const parts = new Set(partition.map((item) => item.sk?.S));
    for (const chunk of meta.chunkKeys?.L ?? []) {
      if (!parts.has(chunk.S)) problems.push(`file ${key}: chunk ${chunk.S} missing`);
    }
  }
  for (const [key, count] of references) {
    const file = files.get(key);
    if (file === undefined) problems.push(`file ${key}: referred to ${count} times, missing`);
    else if (file.refCount !== count)
      problems.push(`file ${key}: refCount ${file.refCount}, ${count} references`);
  }
  for (const [key, file] of files) {
    if (file.references === 0 && file.refCount !== 0)
      problems.push(`file ${key}: refCount ${file.refCount}, no reference`);
  }
  const entries = new Map<string, number>();
  for (const [pk, partition] of partitions) {
    if (!pk.startsWith('O#')) continue;
    for (const item of partition) {
      const id = item.sk?.S?.split('#')[2] ?? '';
      entries.set(id, (entries.get(id) ?? 0) + 1);
      if (summaries.get(id) !== item.summary?.S) problems.push(`${id}: list entry differs from META`);
      if (conversations.get(id)?.owner !== pk.slice(2)) problems.push(`${id}: listed under ${pk}`);
    }
  }
  for (const id of conversations.keys()) {
    if (entries.get(id) !== 1) problems.push(`${id}: ${entries.get(id) ?? 0} list entries`);
  }
  return { conversations, orphanChunks, files, problems };
}
