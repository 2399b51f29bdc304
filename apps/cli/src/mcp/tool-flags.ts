import { invalidInput, parseInteger } from '../option-values.js';

/** The longest start-up deadline a flag or BEDROCK_CHAT_MCP_START_TIMEOUT_MS may set: 10 minutes. */
export const MAX_START_TIMEOUT_MS = 600_000;

/** `--mcp-start-timeout` or BEDROCK_CHAT_MCP_START_TIMEOUT_MS, checked (exit 2). */
export function parseStartTimeout(raw: string, label: string): number {
  return parseInteger(raw, label, 1, MAX_START_TIMEOUT_MS);
}

/** What `--mcp`, `--mcp-config`, `--allow-tool` and `--yes` ask for on `ask` and `chat`. */
export interface ToolFlags {
  /** Server names to enable, in order; `all` enables every configured server. Empty: no tools. */
  servers: string[];
  /** Extra config files (Claude Desktop / Claude Code format), read after the CLI's own list. */
  configFiles: string[];
  /** `server:tool`, `server:*` or a wire name: these run without asking. */
  allowTools: string[];
  /** Every tool runs without asking. */
  yes: boolean;
  /** `--mcp-start-timeout`: how long each server may take to start and list its tools. */
  startTimeoutMs?: number | undefined;
}

export interface RawToolFlags {
  mcp?: string[] | undefined;
  mcpConfig?: string[] | undefined;
  allowTool?: string[] | undefined;
  yes?: boolean | undefined;
  mcpStartTimeout?: string | undefined;
  /** Read only to refuse it without --mcp; cli-options.ts parses it (a config key too). */
  maxSteps?: string | undefined;
}

/** Collects a repeatable flag (commander's option argument parser). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function nonEmpty(values: readonly string[] | undefined, flag: string, example: string): string[] {
  const trimmed = (values ?? []).map((value) => value.trim());
  if (trimmed.some((value) => value === '')) throw invalidInput(`${flag} needs a value, e.g. ${example}.`);
  return trimmed;
}

/** The checked flags; undefined when no server is enabled (the turn has no tools). */
export function parseToolFlags(raw: RawToolFlags): ToolFlags | undefined {
  const servers = nonEmpty(raw.mcp, '--mcp', '--mcp fs or --mcp all').flatMap((value) =>
    value.split(',').map((name) => name.trim()),
  );
  const configFiles = nonEmpty(raw.mcpConfig, '--mcp-config', '--mcp-config .mcp.json');
  const allowTools = nonEmpty(raw.allowTool, '--allow-tool', "--allow-tool 'fs:*'");
  const yes = raw.yes === true;
  const startTimeoutMs =
    raw.mcpStartTimeout === undefined
      ? undefined
      : parseStartTimeout(raw.mcpStartTimeout, '--mcp-start-timeout');
  if (servers.length === 0) {
    const without = [
      configFiles.length > 0 ? '--mcp-config' : undefined,
      allowTools.length > 0 ? '--allow-tool' : undefined,
      yes ? '--yes' : undefined,
      startTimeoutMs === undefined ? undefined : '--mcp-start-timeout',
      raw.maxSteps === undefined ? undefined : '--max-steps',
    ].filter((flag) => flag !== undefined);
    if (without.length > 0) {
      throw invalidInput(
        `${without.join(' and ')} need${without.length === 1 ? 's' : ''} --mcp <name>: no MCP server is enabled.`,
        'Enable servers with --mcp <name> (repeatable) or --mcp all.',
      );
    }
    return undefined;
  }
  return {
    servers,
    configFiles,
    allowTools,
    yes,
    ...(startTimeoutMs === undefined ? {} : { startTimeoutMs }),
  };
}
