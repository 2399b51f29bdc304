import { isAbsolute, resolve } from 'node:path';
import { type PrestartedServers, prestartServers } from '@bedrock-chat/mcp-tools/prestart';
import type { InterruptSignal } from '../cli-deps.js';
import type { CliIo } from '../cli-io.js';
import { mcpListPath } from './mcp-list-path.js';
import type { RawToolFlags } from './tool-flags.js';

/** The stdio servers of `--mcp`, started as soon as argv is parsed; the command takes them over. */
export interface EarlyServers {
  readonly servers: PrestartedServers;
  /**
   * The command now listens for Ctrl-C itself: the early listener stops. Returns the signal that
   * came before (the servers were ended then), if one did: the command must stop, nothing sent.
   */
  handOver(): InterruptSignal | undefined;
  /** Ends every server the command did not take over; call it when the command is done. */
  discard(): Promise<void>;
}

export interface StartServersEarlyOptions {
  readonly flags: RawToolFlags;
  readonly io: Pick<CliIo, 'env' | 'cwd'>;
  /** The CLI's interrupt registration (it records the signal for the exit code). */
  readonly onInterrupt: (handler: (signal: InterruptSignal) => void) => () => void;
}

/**
 * Spawns the stdio servers `--mcp` names before the CLI loads core, zod and the MCP SDK, so their
 * start-up (~300 ms for server-filesystem) overlaps ours. It reads the config files as
 * `loadTurnConfig` will, and starts nothing when they say anything unexpected: the regular path
 * then starts the servers and reports every problem as before (prestart-servers.ts). A signal
 * before the command listens for Ctrl-C, SIGTERM and SIGHUP itself ends the servers (their whole
 * process groups) at once, and the command then stops as it would for a signal during start-up.
 */
export function startServersEarly(options: StartServersEarlyOptions): EarlyServers | undefined {
  const { flags, io } = options;
  const names = (flags.mcp ?? []).flatMap((value) => value.split(',').map((name) => name.trim()));
  // parseToolFlags refuses an empty name: the command fails, so nothing starts.
  if (names.length === 0 || names.includes('')) return undefined;
  const configFiles = (flags.mcpConfig ?? []).map((file) => file.trim());
  if (configFiles.includes('')) return undefined;
  const servers = prestartServers({
    files: [
      { path: mcpListPath(io.env), missingOk: true },
      ...configFiles.map((file) => ({ path: isAbsolute(file) ? file : resolve(io.cwd, file) })),
    ],
    names,
    env: io.env,
  });
  if (servers === undefined) return undefined;
  let interrupted: InterruptSignal | undefined;
  let ending: Promise<void> | undefined;
  // Until the command listens itself: the first signal ends the servers at once, and the command
  // stops when it comes to take them over (startTools), as if the signal came then. A second one
  // finds no listener and ends the process.
  const stopListening = options.onInterrupt((signal) => {
    stopListening();
    interrupted = signal;
    ending = servers.discard();
  });
  return {
    servers,
    handOver() {
      stopListening();
      return interrupted;
    },
    async discard() {
      stopListening();
      await Promise.all([ending, servers.discard()]);
    },
  };
}
