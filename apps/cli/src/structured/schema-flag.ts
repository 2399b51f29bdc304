import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { BedrockChatError, JsonSchemaObject } from '@bedrock-chat/core';
import type { CliIo, OutputStream } from '../cli-io.js';
import type { ToolFlags } from '../mcp/tool-flags.js';
import { invalidInput } from '../option-values.js';
import { terminalSafe } from '../render/terminal-safe.js';
import type { RawSchemaFlags } from './schema-option.js';

/** The flag as given (a path or the schema's text), checked for what needs no file. */
export function parseSchemaFlag(raw: RawSchemaFlags, tools: ToolFlags | undefined): string | undefined {
  if (raw.schema === undefined) return undefined;
  if (raw.schema.trim() === '') {
    throw invalidInput(
      '--schema needs a JSON Schema: a file, or the schema inline.',
      `E.g. --schema plan.schema.json, or --schema '{"type":"object","properties":{"answer":{"type":"string"}}}'.`,
    );
  }
  if (tools !== undefined) {
    throw invalidInput(
      '--schema cannot be combined with --mcp: a structured reply takes no tools.',
      'Drop --mcp for this prompt, or --schema.',
    );
  }
  return raw.schema;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidInput(
      `--schema: ${where} is not JSON (${error instanceof Error ? error.message : String(error)}).`,
      `Give a JSON Schema object, inline (--schema '{"type":"object",…}') or as a file (--schema plan.schema.json).`,
    );
  }
}

async function readSchemaFile(io: CliIo, path: string): Promise<string> {
  try {
    return await readFile(isAbsolute(path) ? path : resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw invalidInput(
      `--schema: cannot read ${path}${why ? ` (${why})` : ''}.`,
      'Give the path of a JSON Schema file, or the schema inline, starting with {.',
    );
  }
}

/**
 * Reads the schema before the client or the store opens: text starting with `{` is the schema
 * itself, anything else a file's path. A missing or unreadable file, text that is not JSON, or a
 * schema no path can send (core's SCHEMA_INVALID: not an object at the top level) is exit 2 here,
 * with nothing sent or stored. What only the model decides (native structured output refuses
 * numeric bounds, say) fails in core before the call, equally with nothing sent or stored.
 */
export async function loadSchema(io: CliIo, value: string): Promise<JsonSchemaObject> {
  const inline = value.trimStart().startsWith('{');
  const text = inline ? value : await readSchemaFile(io, value);
  const schema = parseJson(text, inline ? 'the schema' : value);
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw invalidInput('--schema must be a JSON Schema object ({"type": "object", …}).');
  }
  const { compileOutputSchema } = await import('@bedrock-chat/core');
  compileOutputSchema(schema as JsonSchemaObject);
  return schema as JsonSchemaObject;
}

/** The checked value, as stdout gets it: one line of JSON (pipe it to `jq .` to read it). */
export function writeObject(stdout: OutputStream, object: unknown): void {
  stdout.write(`${JSON.stringify(object)}\n`);
}

/**
 * A reply that does not match the schema (OUTPUT_INVALID) was billed but is not stored: its raw
 * text goes to stderr before the error line (terminal-safe on a terminal), so it is not lost.
 * With --json it is the error object's `rawText` instead (exit-codes.ts).
 */
export function writeRejectedReply(stderr: OutputStream, error: unknown): void {
  const rawText = (error as Partial<BedrockChatError> | undefined)?.details?.rawText;
  if ((error as Partial<BedrockChatError> | undefined)?.code !== 'OUTPUT_INVALID') return;
  if (typeof rawText !== 'string') return;
  const text = stderr.isTTY ? terminalSafe(rawText) : rawText;
  stderr.write(`reply (does not match --schema; not saved):\n${text}${text.endsWith('\n') ? '' : '\n'}`);
}
