import type { z } from 'zod';
import { storeCorrupt } from './store-errors.js';

/** Reading back what a store holds: anything that does not parse is STORE_CORRUPT naming where. */

export function parseStoredJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw storeCorrupt(where, error);
  }
}

export function checkedStored<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw storeCorrupt(where, parsed.error);
  return parsed.data;
}
