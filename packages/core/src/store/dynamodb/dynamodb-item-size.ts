import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from './dynamodb-items.js';

/**
 * DynamoDB's item size limit: "The maximum item size in DynamoDB is 400 KB, which includes both
 * attribute name binary length (UTF-8 length) and attribute value lengths", with 1 KB = 1024
 * bytes (DynamoDB Developer Guide, "Constraints in Amazon DynamoDB", Items).
 */
export const MAX_ITEM_BYTES = 400 * 1024;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Numbers: about one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text
    .replace(/^[-+]|[eE].*$/g, '')
    .replace('.', '')
    .replace(/^0+|0+$/g, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.SS !== undefined) return value.SS.reduce((sum, entry) => sum + utf8(entry), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, entry) => sum + numberSize(entry), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, entry) => sum + entry.length, 0);
  // Lists and maps: 3 bytes, plus 1 per element.
  if (value.L !== undefined) return 3 + value.L.reduce((sum, entry) => sum + 1 + valueSize(entry), 0);
  if (value.M !== undefined) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  return 1; // BOOL, NULL
}

/**
 * The size DynamoDB counts for an item: the UTF-8 length of each attribute name plus its value's
 * (DynamoDB Developer Guide, "DynamoDB item sizes and formats").
 */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}
