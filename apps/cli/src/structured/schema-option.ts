import type { Command } from 'commander';

/**
 * `--schema <file|json>` on `ask`: the reply is JSON matching a JSON Schema, and stdout is that
 * JSON alone, on one line. Not on `chat`: a REPL is read by a person, turn after turn, and one
 * schema for every turn of a conversation is a script's need (`ask -c --schema …` continues one).
 * No config key: a schema belongs to one call, not to every call.
 */
export function addSchemaOption(command: Command): Command {
  return command.option(
    '--schema <file|json>',
    'a JSON reply matching this JSON Schema (file or inline), alone on stdout',
  );
}

/** What commander hands the action for it. */
export interface RawSchemaFlags {
  schema?: string | undefined;
}
