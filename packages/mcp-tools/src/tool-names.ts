import { createHash } from 'node:crypto';

// Bedrock's ToolSpecification.name: [a-zA-Z0-9_-]+, 1 to 64 characters
// (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html).
const MAX_NAME = 64;
const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const SEPARATOR = '__';
const HASH_LENGTH = 8;

function hashOf(server: string, tool: string): string {
  return createHash('sha256').update(`${server}\0${tool}`).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * The name the model sees for `tool` of `server`: `<server>__<tool>`. When that is longer than
 * 64 characters or holds characters Bedrock refuses, the characters become `_` and the name is
 * cut to leave room for `_` and 8 hex digits of the SHA-256 of the original pair: deterministic
 * (the same server and tool give the same name on every run) and distinct for distinct pairs.
 */
export function wireToolName(server: string, tool: string): string {
  const plain = `${server}${SEPARATOR}${tool}`;
  if (VALID_NAME.test(plain)) return plain;
  return hashedToolName(server, tool);
}

/** The shortened form, also used when two pairs would otherwise share a name. */
export function hashedToolName(server: string, tool: string): string {
  const cleaned = `${server}${SEPARATOR}${tool}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  const suffix = `_${hashOf(server, tool)}`;
  return `${cleaned.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}

/** How people write a tool: `server:tool` (what `--allow-tool` takes). */
export function displayToolName(server: string, tool: string): string {
  return `${server}:${tool}`;
}

export interface NamedTool {
  readonly server: string;
  readonly tool: string;
  readonly wireName: string;
}

/**
 * Whether an allowlist entry covers a tool: `server:*` (every tool of the server), `server:tool`,
 * the wire name, or `*` (everything, what `--yes` means).
 */
export function allowlistCovers(pattern: string, named: NamedTool): boolean {
  const entry = pattern.trim();
  if (entry === '*') return true;
  if (entry === named.wireName) return true;
  const colon = entry.indexOf(':');
  if (colon < 0) return false;
  const server = entry.slice(0, colon);
  const tool = entry.slice(colon + 1);
  return server === named.server && (tool === '*' || tool === named.tool);
}
