import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { toStoreError } from './sqlite-errors.js';

const PATH = '/data/conversations.db';

/** The error SQLite itself raises when a write needs a page the database may not grow to. */
function realDiskFullError(): unknown {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE filler (body TEXT)');
  db.pragma('max_page_count = 4');
  try {
    db.prepare('INSERT INTO filler VALUES (?)').run('x'.repeat(100_000));
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('expected SQLITE_FULL');
}

function mapped(error: unknown): BedrockChatError {
  const result = toStoreError(error, PATH);
  if (!BedrockChatError.isInstance(result)) throw new Error('expected a BedrockChatError');
  return result;
}

describe('toStoreError', () => {
  it('says the disk is full for SQLITE_FULL, not that the directory may be unwritable', () => {
    const error = mapped(realDiskFullError());
    expect(error.code).toBe('STORE_UNWRITABLE');
    expect(error.message).toBe(`The disk holding the conversation store at ${PATH} is full (SQLITE_FULL).`);
    expect(error.hint).toMatch(/^Free some space on that disk/);
    expect(error.hint).not.toMatch(/writable|permission/);
    expect(error.details).toMatchObject({ reason: 'disk-full', errorCode: 'SQLITE_FULL' });
  });

  it('says the disk is full for ENOSPC from the file system', () => {
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    expect(mapped(enospc).message).toContain('is full (ENOSPC)');
  });

  it('calls SQLITE_CORRUPT damage, and a file that is no database not ours', () => {
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    expect(mapped(corrupt)).toMatchObject({
      code: 'STORE_CORRUPT',
      message: `The conversation store at ${PATH} is damaged (SQLITE_CORRUPT).`,
    });
    const notADatabase = Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' });
    expect(mapped(notADatabase).message).toBe(
      `${PATH} is not a bedrock-chat conversation database (or it is damaged).`,
    );
  });
});
