import { createHash } from 'node:crypto';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { BlobRef } from './stored-content-schemas.js';

/**
 * The files of one owner's conversations, stored once each by content (SHA-256). Every
 * `ConversationStore` has one, scoped like the store (`store.forOwner(p).blobs` is `p`'s): blobs
 * are per owner, so knowing a hash never gives another owner's bytes, and dedup never tells one
 * user whether another holds a file (a shared pool would answer "already stored" to a probe).
 * Stores write the blobs of the messages they are given themselves; `put` is for callers that
 * write reference blocks (`{ image: { source: { blob } } }`) of their own.
 */
export interface BlobStore {
  /** Stores `bytes` unless this owner already holds them; the same reference either way. */
  put(bytes: Uint8Array): Promise<BlobRef>;
  /** The bytes; INVALID_INPUT (`details.sha256`) when this owner holds no such blob. */
  get(sha256: string): Promise<Uint8Array>;
  /** The reference when this owner holds the blob, else undefined. Never reads the bytes. */
  stat(sha256: string): Promise<BlobRef | undefined>;
}

export function blobRefOf(bytes: Uint8Array): BlobRef {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

export function blobNotFound(sha256: string): BedrockChatError {
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `This store holds no file with SHA-256 ${sha256}.`,
    hint: 'A message can refer only to files stored for the same owner: store it with blobs.put, or send its bytes.',
    details: { sha256 },
  });
}

/** The blob's bytes as read back; STORE_CORRUPT when they are not the bytes the hash names. */
export function checkedBlob(ref: BlobRef, bytes: Uint8Array, where: string): Uint8Array {
  const actual = blobRefOf(bytes);
  if (actual.sha256 !== ref.sha256 || actual.size !== ref.size) {
    throw new BedrockChatError({
      code: 'STORE_CORRUPT',
      message: `The conversation store holds data it cannot read (${where}: the file's bytes do not match its hash).`,
      hint: 'The store was changed by another program or is damaged. Export what you can and start a new store.',
      details: { where, sha256: ref.sha256 },
    });
  }
  return bytes;
}
