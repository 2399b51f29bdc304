import { randomBytes } from 'node:crypto';
import { constants as osConstants } from 'node:os';
import { HELP_TEXT, parseArgv, UsageError } from './cli/parse-argv.js';
import {
  commaList,
  ENV,
  type HttpLimits,
  loadHttpLimits,
  loadServerConfig,
  ServerConfigError,
} from './config/server-config.js';
import { FILE_ROOTS_ENV, loadFileAccess } from './files/file-roots.js';
import { fitConnectionCap, readOpenFileLimit } from './http/descriptor-limit.js';
import { DEFAULT_MAX_CONNECTIONS } from './http/http-defaults.js';
import type { LoadedTokens } from './http/tokens-file.js';
import { createStderrLogger } from './stderr-logger.js';
import { VERSION } from './version.js';
import { writeStdoutText } from './write-stdout-text.js';

/** A message and, for bedrock-chat errors, their hint (duck-typed: core is not loaded for --help). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as { hint?: unknown }).hint;
  return typeof hint === 'string' ? `${error.message}\nHint: ${hint}` : error.message;
}

/** Past the chat deadline, for the answer to reach the client. */
const SHUTDOWN_MARGIN_MS = 5_000;

/** After a second signal, how long the stopped calls have to write their answers. */
const STOP_NOW_ANSWER_MS = 2_000;

/** Aborts on SIGINT or SIGTERM (a second one stops the process at once: no listener is left). */
function untilSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/**
 * The bin; returns the exit code (0 done, 1 failure, 2 usage or configuration mistake). stdout
 * carries JSON-RPC only, or the text of --help / --version. Core, SQLite and the MCP SDK are
 * loaded after argv is understood, so --help and mistakes answer at once.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const log = createStderrLogger();
  let command: ReturnType<typeof parseArgv>;
  let config: ReturnType<typeof loadServerConfig>;
  let httpLimits: HttpLimits | undefined;
  let maxConnections: number | undefined;
  let tokensFile: LoadedTokens | undefined;
  try {
    command = parseArgv(argv);
    if (command.kind === 'help' || command.kind === 'version') {
      const failure = await writeStdoutText(command.kind === 'help' ? HELP_TEXT : `${VERSION}\n`);
      if (failure === undefined) return 0;
      log(`writing to stdout failed: ${failure.message}`);
      return 1;
    }
    config = loadServerConfig(env, { progress: command.progress });
    const transport = command.kind === 'http' ? 'http' : 'stdio';
    config.files = loadFileAccess(env, transport);
    if (config.files.roots.length > 0) {
      log(
        `files: chat may read files under ${config.files.roots.map((root) => root.path).join(', ')} (${config.files.variable})`,
      );
    } else if (transport === 'http' && env[FILE_ROOTS_ENV.stdio]?.trim()) {
      log(
        `files: off over HTTP (${FILE_ROOTS_ENV.stdio} is for stdio; set ${FILE_ROOTS_ENV.http} to let HTTP callers attach files)`,
      );
    }
    if (command.kind === 'http') {
      httpLimits = loadHttpLimits(env);
      const fitted = fitConnectionCap({
        requested: command.maxConnections ?? httpLimits.maxConnections,
        source: command.maxConnections !== undefined ? '--max-connections' : ENV.maxConnections,
        defaultCap: DEFAULT_MAX_CONNECTIONS,
        openFileLimit: readOpenFileLimit(),
      });
      maxConnections = fitted.cap;
      if (fitted.warning !== undefined) log(fitted.warning);
      const tokensPath = command.tokensFile ?? (env[ENV.tokensFile]?.trim() || undefined);
      if (tokensPath !== undefined) {
        if (commaList(env[ENV.token]) !== undefined) {
          throw new ServerConfigError(
            `${ENV.token} and a tokens file are both set; put every token in the file (under its principal).`,
          );
        }
        // zod is loaded only when there is a file to check: --help and mistakes answer at once.
        const { loadTokensFile } = await import('./http/tokens-file.js');
        tokensFile = loadTokensFile(tokensPath);
        for (const warning of tokensFile.warnings) log(warning);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ServerConfigError) {
      log(`${error.message}\nRun bedrock-chat-mcp --help for usage.`);
      return 2;
    }
    throw error;
  }

  const [{ createDefaultDeps }, { createServer }, { redactSecrets }, { allowedModelWarnings }] =
    await Promise.all([
      import('./default-deps.js'),
      import('./create-server.js'),
      import('@bedrock-chat/core'),
      import('./config/allowed-models-check.js'),
    ]);
  // From here on errors may come from Bedrock or the configuration: through core's one redaction.
  const describeSafely = (error: unknown) => redactSecrets(describe(error));
  let deps: Awaited<ReturnType<typeof createDefaultDeps>>;
  try {
    const envFile = command.envFile ?? (env[ENV.envFile]?.trim() || undefined);
    deps = await createDefaultDeps({ config, env, envFile, store: command.store, log });
  } catch (error) {
    log(describeSafely(error));
    return 1;
  }
  try {
    // A bad setting (AWS_REGION=mars, a missing --env-file) stops the server before it serves;
    // the notices say where credentials came from when that was the env file.
    for (const notice of (await deps.client.config()).notices) log(notice);
    const resolve = (name: string) => deps.client.resolveModel(name);
    for (const warning of await allowedModelWarnings(config.limits.allowedModels, resolve)) log(warning);
  } catch (error) {
    log(`${describeSafely(error)}\nRun bedrock-chat-mcp --help for usage.`);
    await deps.close();
    return (error as { category?: string }).category === 'invalid-input' ? 2 : 1;
  }

  const signals = untilSignal();
  try {
    if (command.kind === 'stdio') {
      const { routeConsoleToStderr, serveStdio } = await import('./stdio/stdio-server.js');
      routeConsoleToStderr();
      await serveStdio(createServer(deps), {
        stop: signals.signal,
        callDeadlineMs: config.limits.timeoutMs,
        log,
      });
      return 0;
    }
    const { allowedHostnames, startHttpServer } = await import('./http/http-server.js');
    // Aborted when the shutdown's grace period ends: a chat still running answers "shutting down".
    const stopping = new AbortController();
    const serverDeps = { ...deps, stopping: stopping.signal };
    const configured = tokensFile === undefined ? commaList(env[ENV.token]) : [];
    const tokens = configured ?? [randomBytes(32).toString('base64url')];
    const running = await startHttpServer({
      host: command.host,
      port: command.port,
      ...(tokensFile === undefined ? { tokens } : { principals: tokensFile.entries }),
      allowedHosts: commaList(env[ENV.allowedHosts]),
      allowedOrigins: commaList(env[ENV.allowedOrigins]),
      maxConnections,
      maxSessionsPerToken: command.maxSessionsPerToken ?? httpLimits?.maxSessionsPerToken,
      stateless: command.stateless,
      createServer: () => createServer(serverDeps),
      log,
    });
    const mode = command.stateless ? 'stateless, ' : '';
    log(`listening on ${running.url} (${mode}conversations: ${deps.storeDescription})`);
    if (tokensFile !== undefined) {
      const principals = new Set(tokensFile.entries.map((entry) => entry.principal)).size;
      log(`${principals} principal(s), ${tokensFile.entries.length} token(s) from the tokens file`);
    } else if (configured === undefined) {
      log(
        `${ENV.token} is unset; clients must send this generated token: Authorization: Bearer ${tokens[0]}`,
      );
    }
    if (!['127.0.0.1', 'localhost', '::1'].includes(command.host)) {
      log(`warning: bound to ${command.host}, reachable from other machines; traffic is not encrypted.`);
      if (commaList(env[ENV.allowedHosts]) === undefined) {
        // /healthz skips the Host check, so a balancer would see a healthy instance refusing every call.
        log(
          `warning: ${ENV.allowedHosts} is unset: requests whose Host is another name or address get 403 (${allowedHostnames(command.host, []).join(', ')} pass); list the names and addresses clients use (e.g. ${ENV.allowedHosts}=mcp.team.example,192.0.2.2).`,
        );
      }
    }
    await new Promise((resolve) => signals.signal.addEventListener('abort', resolve, { once: true }));
    // By default a call in flight ends within its deadline (then answers with a timeout error): wait
    // that long. An orchestrator that kills sooner needs a shorter grace: then calls still running
    // are stopped and answer that the server is shutting down.
    const graceMs = httpLimits?.shutdownGraceMs ?? config.limits.timeoutMs + SHUTDOWN_MARGIN_MS;
    log(`shutting down: no new requests; waiting up to ${Math.ceil(graceMs / 1000)} s for calls in flight`);
    // A second signal stops now (exit 128 + signal number), but not silently: the calls in flight
    // are stopped so each answers "shutting down" (nothing saved) at once, instead of their clients
    // waiting for a connection that just vanishes; whatever has not answered in 2 s is cut off.
    let again: NodeJS.Signals | undefined;
    const stopNow = (signal: NodeJS.Signals) => {
      again = signal;
      log(`${signal} again: stopping the calls in flight now`);
      stopping.abort();
      setTimeout(() => process.exit(128 + (osConstants.signals[signal] ?? 15)), STOP_NOW_ANSWER_MS).unref();
    };
    process.once('SIGINT', stopNow);
    process.once('SIGTERM', stopNow);
    const report = await running.shutdown({ graceMs, onGraceEnd: () => stopping.abort() });
    process.off('SIGINT', stopNow);
    process.off('SIGTERM', stopNow);
    log(
      `shut down: ${report.finished} call(s) finished, ${report.stopped} stopped, ${report.aborted} cut off (nothing stored for the last two)`,
    );
    return again === undefined ? 0 : 128 + (osConstants.signals[again] ?? 15);
  } catch (error) {
    log(describeSafely(error));
    return 1;
  } finally {
    signals.dispose();
    await deps.close();
  }
}
