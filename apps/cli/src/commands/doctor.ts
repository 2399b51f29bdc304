import type {
  BedrockChatError,
  ListedModel,
  ListModelsOptions,
  ResolvedConfig,
  Sourced,
} from '@bedrock-chat/core';
import type { CommandContext, OpenedStore } from '../cli-deps.js';
import { useColor } from '../cli-io.js';
import type { ConnectionFlags } from '../cli-options.js';
import { clientOptions } from '../client-options.js';
import { EXIT_CODES, exitCodeFor, exitCodeForCategory } from '../exit-codes.js';
import { checkModel } from '../model-check.js';
import { formatDuration } from '../render/format-usage.js';
import { ansi } from '../render/markdown-ansi.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  /** What was found; never a secret. */
  summary: string;
  /** Where the value came from (flag, env VAR, .env, AWS profile, config file, default). */
  source?: string | undefined;
  /** What to do when the check did not pass. */
  fix?: string | undefined;
  /** The error code behind a failure. */
  code?: string | undefined;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

const SUPPORTED_NODE_MAJOR = 22;

export function describeSource(value: Pick<Sourced<unknown>, 'source' | 'detail'>): string {
  switch (value.source) {
    case 'option':
      return 'flag';
    case 'env':
      return `env ${value.detail ?? ''}`.trim();
    case 'dotenv':
      return `.env ${value.detail ?? ''}`.trim();
    case 'aws-profile':
      return `AWS profile ${value.detail ?? 'default'}`;
    case 'config-file':
      return `config file ${value.detail ?? ''}`.trim();
    case 'default':
      return 'default';
  }
}

function credentialsCheck(
  config: ResolvedConfig,
  missingProfile: BedrockChatError | undefined,
  chainRoleName: (variable: string | undefined) => string | undefined,
): DoctorCheck {
  const { credentials } = config;
  const source = describeSource(credentials);
  switch (credentials.kind) {
    case 'api-key':
      return { name: 'credentials', status: 'ok', summary: 'Bedrock API key', source };
    case 'env-keys':
      return {
        name: 'credentials',
        status: 'ok',
        summary: 'access keys (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)',
        source,
      };
    case 'sso':
    case 'profile': {
      if (missingProfile) return { ...failure('credentials', missingProfile), source };
      const kind = credentials.kind === 'sso' ? 'SSO profile' : 'AWS profile';
      return {
        name: 'credentials',
        status: 'ok',
        summary: `${kind} ${credentials.profile ?? 'default'}`,
        source,
      };
    }
    case 'default-chain': {
      // A web identity token or a container endpoint in the environment: a role the SDK's chain
      // signs with, which beats .env like a key would (core's chooseCredentials).
      const role = credentials.source === 'env' ? chainRoleName(credentials.detail) : undefined;
      if (role) return { name: 'credentials', status: 'ok', summary: `${role} (AWS SDK chain)`, source };
      return {
        name: 'credentials',
        status: 'warn',
        summary: 'none configured; the AWS SDK default chain will be tried (instance or container role …)',
        source,
        fix: 'Set AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key, also read from .env), or AWS_PROFILE after `aws configure` / `aws sso login`.',
      };
    }
  }
}

/** Every resolved connection setting with its source (credentials and model have their own checks). */
function settingChecks(config: ResolvedConfig): DoctorCheck[] {
  const region = config.region.value;
  const setting = (name: string, summary: string, from: Sourced<unknown> | undefined): DoctorCheck => ({
    name,
    status: 'ok',
    summary,
    source: from ? describeSource(from) : 'default',
  });
  return [
    setting('region', region, config.region),
    setting(
      'endpoint',
      config.endpointUrl?.value ?? `https://bedrock-runtime.${region}.amazonaws.com`,
      config.endpointUrl,
    ),
    setting(
      'control plane',
      config.controlPlaneEndpointUrl?.value ?? `https://bedrock.${region}.amazonaws.com`,
      config.controlPlaneEndpointUrl,
    ),
    setting('timeout', `${config.timeoutMs.value} ms`, config.timeoutMs),
    setting('max attempts', String(config.maxAttempts.value), config.maxAttempts),
    setting('retry mode', config.retryMode.value, config.retryMode),
    ...chatDefaultsCheck(config),
  ];
}

/** The chat defaults of the config file, when it sets any (flags override them per call). */
function chatDefaultsCheck(config: ResolvedConfig): DoctorCheck[] {
  const { system, temperature, maxTokens, serviceTier, latency, maxSteps } = config.defaults;
  const parts = [
    system === undefined ? undefined : `system prompt (${system.length} characters)`,
    temperature === undefined ? undefined : `temperature ${temperature}`,
    maxTokens === undefined ? undefined : `maxTokens ${maxTokens}`,
    serviceTier === undefined ? undefined : `tier ${serviceTier}`,
    latency === undefined ? undefined : `latency ${latency}`,
    maxSteps === undefined ? undefined : `maxSteps ${maxSteps}`,
  ].filter((part) => part !== undefined);
  if (parts.length === 0) return [];
  return [
    {
      name: 'chat defaults',
      status: 'ok',
      summary: parts.join(', '),
      source: `config file ${config.configFilePath ?? ''}`.trim(),
    },
  ];
}

function failure(name: string, error: unknown): DoctorCheck {
  const known = error as { code?: string; message?: string; hint?: string };
  return {
    name,
    status: 'fail',
    summary: known.message ?? String(error),
    fix: known.hint,
    code: known.code,
  };
}

/**
 * The store opens for writing, and `PRAGMA quick_check` reads every page of it: a turn only
 * rehearses the pages it writes, so damage elsewhere is found here.
 */
async function storeCheck(store: OpenedStore): Promise<DoctorCheck> {
  const check = await storeState(store);
  return { ...check, source: storeSourceOf(store.storeSource) };
}

/** Where the store setting came from, worded as the other settings' sources. */
function storeSourceOf(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (source === '--store') return 'flag';
  if (source === 'store in the config file') return 'config file';
  return source === 'default' ? 'default' : `env ${source}`;
}

async function storeState(store: OpenedStore): Promise<DoctorCheck> {
  if (store.storeUrl !== undefined) {
    // A store without a file (DynamoDB, SigV4 from the AWS chain: a Bedrock API key cannot call
    // it): a strongly consistent read and a write rehearsal (a write whose condition cannot
    // hold) reach the table with the store's own credentials; a missing table or credentials
    // throw the store's coded error, with the `store init` hint.
    await store.list({ limit: 1 });
    await store.rehearseWrite({
      kind: 'create',
      input: { title: 'doctor', messages: [{ role: 'user', content: [{ text: 'doctor' }] }] },
    });
    return { name: 'conversation store', status: 'ok', summary: `readable and writable: ${store.storeUrl}` };
  }
  const path = store.path ?? '(in memory)';
  const problems = (await store.quickCheck?.()) ?? ['ok'];
  if (problems.length === 1 && problems[0] === 'ok') {
    return { name: 'conversation store', status: 'ok', summary: `writable, every page sound: ${path}` };
  }
  const lines = problems.flatMap((problem) => problem.split('\n')).filter((line) => !line.startsWith('***'));
  return {
    name: 'conversation store',
    status: 'fail',
    summary: `damaged: ${path} (quick_check: ${lines.slice(0, 2).join('; ')}${lines.length > 2 ? ` … ${lines.length} problems` : ''})`,
    fix: `Nothing was changed. Export the conversations you still need (\`bedrock-chat conversations export <id> --format json -o <file>\`; one on a damaged page fails), keep a copy of the file and move it aside: the next run starts a new store, and \`bedrock-chat conversations import <file>\` brings each back.`,
    code: 'STORE_CORRUPT',
  };
}

/** Runs every check; a failing check does not stop the others unless they depend on it. */
export async function diagnose(
  context: CommandContext,
  options: ConnectionFlags & { model?: string | undefined },
): Promise<{ report: DoctorReport; exitCode: number }> {
  const { io, deps } = context;
  const core = await import('@bedrock-chat/core');
  const checks: DoctorCheck[] = [];
  let exitCode: number = EXIT_CODES.success;
  const fail = (check: DoctorCheck, error: unknown) => {
    checks.push(check);
    if (exitCode === EXIT_CODES.success) exitCode = exitCodeFor(error);
  };

  const nodeVersion = process.versions.node;
  const nodeMajor = Number(nodeVersion.split('.')[0]);
  checks.push(
    nodeMajor < SUPPORTED_NODE_MAJOR
      ? {
          name: 'node',
          status: 'warn',
          summary: `Node ${nodeVersion}: AWS SDK releases after January 2027 need Node ${SUPPORTED_NODE_MAJOR}+`,
          fix: `Upgrade to Node ${SUPPORTED_NODE_MAJOR} or later.`,
        }
      : { name: 'node', status: 'ok', summary: `Node ${nodeVersion}` },
  );

  const connection = clientOptions(io, options);
  let config: ResolvedConfig | undefined;
  try {
    config = await core.resolveConfig({ ...connection, model: options.model });
    for (const notice of config.notices) io.stderr.write(`${notice}\n`);
    checks.push({
      name: 'config file',
      status: 'ok',
      summary: config.configFilePath ?? '(none)',
      source: config.dotenvPath ? `also .env ${config.dotenvPath}` : undefined,
    });
  } catch (error) {
    // A bad variable or flag is not the config file's fault: name the check for what failed.
    const inConfigFile = core.BedrockChatError.isInstance(error) && error.details.path !== undefined;
    fail(failure(inConfigFile ? 'config file' : 'settings', error), error);
  }

  if (config) {
    const region = config.region.value;
    checks.push(credentialsCheck(config, core.missingProfileError(config), core.chainRoleName));
    checks.push(...settingChecks(config));
    const listing = await modelListCheck(context, { ...connection, timeoutMs: config.timeoutMs.value }, core);
    checks.push(listing.check);
    // The model is judged by what Bedrock just listed for the region, when it answered.
    const served = listing.models && core.servedModelsOf(region, listing.models, new Date());
    const model = checkModel(core.resolveModel(config.model.value, region, served), region);
    checks.push({ name: 'model', ...model, source: describeSource(config.model) });
    if (model.status === 'fail' && exitCode === EXIT_CODES.success) exitCode = exitCodeForCategory('model');

    const client = await deps.createChatClient({ ...connection, model: options.model });
    const controller = new AbortController();
    // As in ask: the first Ctrl-C cancels the call, a second one ends the process.
    const stopListening = deps.onInterrupt(() => {
      stopListening();
      controller.abort();
    });
    try {
      const started = performance.now();
      const result = await client.complete('Reply with OK.', { maxTokens: 1, signal: controller.signal });
      checks.push({
        name: 'model access',
        status: 'ok',
        summary: `${result.modelId} answered in ${formatDuration(performance.now() - started)}`,
      });
    } catch (error) {
      fail(failure('model access', error), error);
    } finally {
      stopListening();
      client.close();
    }
  }

  try {
    const store = await deps.openStore();
    try {
      const check = await storeCheck(store);
      checks.push(check);
      if (check.status === 'fail' && exitCode === EXIT_CODES.success)
        exitCode = exitCodeForCategory('storage');
    } finally {
      await store.close();
    }
  } catch (error) {
    fail(failure('conversation store', error), error);
  }

  return { report: { ok: checks.every((check) => check.status !== 'fail'), checks }, exitCode };
}

/**
 * Asks the control plane what the region serves, which also refreshes the cached list `ask` and
 * `chat` resolve models by. A failure is a warning: the built-in table still answers.
 */
async function modelListCheck(
  context: CommandContext,
  options: ListModelsOptions,
  core: typeof import('@bedrock-chat/core'),
): Promise<{ check: DoctorCheck; models: ListedModel[] | undefined }> {
  try {
    const listing = await context.deps.listModels(options);
    if (listing.source !== 'bedrock') {
      const reason = listing.fallbackReason?.message ?? 'no reason given';
      return {
        check: {
          name: 'model list',
          status: 'warn',
          summary: `could not list models from Bedrock (${reason}); the built-in table is used`,
          fix: listing.fallbackReason?.hint,
        },
        models: undefined,
      };
    }
    const claude = listing.models.filter((model) => model.provider === 'Anthropic');
    const missing = [
      ...new Set(core.modelsMissingFromTable(listing).map((model) => model.baseModelId ?? model.modelId)),
    ];
    const lacking =
      missing.length > 0 ? `; not in the built-in table (cost unknown): ${missing.join(', ')}` : '';
    return {
      check: {
        name: 'model list',
        status: 'ok',
        summary: `Bedrock lists ${claude.length} Claude model ids in ${listing.region}${lacking}`,
        source: 'ListFoundationModels, ListInferenceProfiles (cached for a day)',
      },
      models: listing.models,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      check: { name: 'model list', status: 'warn', summary: `could not list models (${message})` },
      models: undefined,
    };
  }
}

const SYMBOLS: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

export function formatDoctorReport(report: DoctorReport, color: boolean): string {
  const paint: Record<CheckStatus, (text: string) => string> = color
    ? { ok: ansi.green, warn: ansi.yellow, fail: ansi.red }
    : { ok: (text) => text, warn: (text) => text, fail: (text) => text };
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = report.checks.flatMap((check) => {
    const source = check.source ? `  (${check.source})` : '';
    const head = `${paint[check.status](SYMBOLS[check.status])} ${check.name.padEnd(width)}  ${check.summary}${source}`;
    return check.fix && check.status !== 'ok' ? [head, `  ${' '.repeat(width)}  fix: ${check.fix}`] : [head];
  });
  return `${lines.join('\n')}\n`;
}

/** `bedrock-chat doctor`: exits 0 when nothing failed, else with the first failure's exit code. */
export async function runDoctor(
  context: CommandContext,
  options: ConnectionFlags & { json: boolean; model?: string | undefined },
): Promise<number> {
  const { report, exitCode } = await diagnose(context, options);
  const { io } = context;
  // Through the same redaction as every error: an endpoint may carry user:password@.
  const { redactSecrets } = await import('@bedrock-chat/core');
  const safe = redactReport(report, redactSecrets);
  if (options.json) io.stdout.write(`${JSON.stringify(safe, null, 2)}\n`);
  else io.stdout.write(formatDoctorReport(safe, useColor(io.stdout, io.env)));
  return exitCode;
}

/** The report with every text passed through `redact`. */
export function redactReport(report: DoctorReport, redact: (text: string) => string): DoctorReport {
  const text = (value: string | undefined) => (value === undefined ? undefined : redact(value));
  return {
    ok: report.ok,
    checks: report.checks.map((check) => ({
      ...check,
      summary: redact(check.summary),
      source: text(check.source),
      fix: text(check.fix),
    })),
  };
}
