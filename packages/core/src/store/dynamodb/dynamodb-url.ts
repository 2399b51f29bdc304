import { BedrockChatError } from '../../errors/bedrock-chat-error.js';

/** Where a DynamoDB store lives: `dynamodb://<table>[?region=<region>]`. */
export interface DynamoStoreLocation {
  table: string;
  /** From the URL; otherwise AWS_REGION when the store opens. */
  region: string | undefined;
}

export const DYNAMODB_URL_PREFIX = 'dynamodb://';

// Table names: 3–255 of a-z A-Z 0-9 _ - . ("Constraints in Amazon DynamoDB", Naming rules).
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function invalidUrl(url: string, reason: string): BedrockChatError {
  return new BedrockChatError({
    code: 'CONFIG_INVALID',
    message: `Invalid store "${url}": ${reason}.`,
    hint: 'Use dynamodb://<table> or dynamodb://<table>?region=<region> (e.g. dynamodb://bedrock-chat?region=us-east-1), or "sqlite" for the local database.',
    details: { store: url },
  });
}

export function isDynamoStoreUrl(value: string): boolean {
  return value.startsWith(DYNAMODB_URL_PREFIX);
}

/** Parses `dynamodb://<table>[?region=…]`; anything else is CONFIG_INVALID saying what is wrong. */
export function parseDynamoStoreUrl(url: string): DynamoStoreLocation {
  if (!isDynamoStoreUrl(url)) throw invalidUrl(url, `it does not start with ${DYNAMODB_URL_PREFIX}`);
  const rest = url.slice(DYNAMODB_URL_PREFIX.length);
  const [table = '', query, ...extra] = rest.split('?');
  if (extra.length > 0) throw invalidUrl(url, 'it has more than one "?"');
  if (!TABLE_NAME.test(table)) {
    throw invalidUrl(url, 'the table name must be 3–255 letters, digits, "_", "-" or "."');
  }
  let region: string | undefined;
  for (const [name, value] of new URLSearchParams(query ?? '')) {
    if (name !== 'region') throw invalidUrl(url, `unknown parameter "${name}" (only region is known)`);
    if (!REGION.test(value)) throw invalidUrl(url, `"${value}" is not a region name such as us-east-1`);
    region = value;
  }
  return { table, region };
}
