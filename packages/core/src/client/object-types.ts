import type { z } from 'zod';
import type { JsonSchemaObject } from '../agent/tool-definition.js';
import type { ChatOptions, ChatResult, ChatStreamEvent } from './chat-types.js';

/** `chatObject`'s options: a chat call's, with the schema required. */
export interface ObjectOptions<Value = unknown> extends Omit<ChatOptions, 'schema' | 'tools' | 'toolChoice'> {
  /** A zod schema (the result's `object` is its output type) or a JSON Schema object. */
  schema: z.ZodType<Value> | JsonSchemaObject;
}

/** A call's result with the reply parsed and checked against the schema. */
export interface ObjectResult<Value = unknown> extends ChatResult {
  object: Value;
}

/** `streamObject`'s events: the JSON text as it arrives, then the result with its `object`. */
export type ObjectStreamEvent<Value = unknown> =
  | Exclude<ChatStreamEvent, { type: 'result' }>
  | { type: 'result'; result: ObjectResult<Value> };
