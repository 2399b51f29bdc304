import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from './cli-io.js';
import type {
  ConnectionFlags,
  ExportOptions,
  ImportOptions,
  ListOptions,
  RawTurnFlags,
  TurnOptions,
} from './cli-options.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { addSchemaOption } from './structured/schema-option.js';
import { VERSION } from './version.js';

/**
 * What each command does once its argv is parsed and checked. `createProgram` only maps argv to
 * these calls (tested on its own); the real handlers live in `commands/`. Each returns the exit code.
 */
export interface CommandHandlers {
  ask(prompt: string[], options: TurnOptions): Promise<number>;
  chat(options: TurnOptions): Promise<number>;
  conversationsList(options: ListOptions): Promise<number>;
  conversationsShow(conversationId: string, options: { json: boolean }): Promise<number>;
  conversationsRename(conversationId: string, title: string): Promise<number>;
  conversationsRemove(conversationId: string): Promise<number>;
  conversationsExport(conversationId: string | undefined, options: ExportOptions): Promise<number>;
  conversationsImport(file: string, options: ImportOptions): Promise<number>;
  models(options: ConnectionFlags & { json: boolean }): Promise<number>;
  doctor(options: ConnectionFlags & { json: boolean; model?: string | undefined }): Promise<number>;
  configList(options: { json: boolean }): Promise<number>;
  configGet(key: string): Promise<number>;
  configSet(key: string, value: string): Promise<number>;
  configUnset(key: string): Promise<number>;
  storeInit(options: { json: boolean }): Promise<number>;
  mcpAdd(name: string, target: string, args: string[], options: McpAddFlags): Promise<number>;
  mcpList(options: { json: boolean; configFiles: string[] }): Promise<number>;
  mcpRemove(name: string): Promise<number>;
}

/** `mcp add` flags as commander gives them. */
export interface McpAddFlags {
  transport: 'stdio' | 'http';
  env: string[];
  header: string[];
}

/** A repeatable flag's values, in order. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export interface CliProgram {
  program: Command;
  /** The exit code the action returned; 0 until one ran. */
  exitCode(): number;
  /** Whether the command line asked for --json (so a failure is printed as JSON too). */
  json(): boolean;
}

/** Every command under `command`, itself included. */
function commandTree(command: Command): Command[] {
  return [command, ...command.commands.flatMap(commandTree)];
}

const HELP_WIDTH = 100;

/** core's CONFIG_KEYS, spelled out so --help does not load core (a test keeps them equal). */
export const CONFIG_KEY_NAMES = [
  'model',
  'region',
  'profile',
  'system',
  'temperature',
  'maxTokens',
  'endpointUrl',
  'timeoutMs',
  'maxAttempts',
  'retryMode',
  'store',
  'tier',
  'latency',
  'maxSteps',
] as const;

const ENVIRONMENT_HELP = `Environment:
  AWS_BEARER_TOKEN_BEDROCK   Bedrock API key (else AWS_PROFILE / SSO / AWS_ACCESS_KEY_ID …)
  AWS_REGION, AWS_PROFILE    region and profile (flags win, then env, then the config file)
  ./.env                     read too; its credentials only when you configured none (stderr says)
  BEDROCK_CHAT_MODEL         default model      BEDROCK_CHAT_HOME  data and config directory
  BEDROCK_CHAT_STORE         sqlite (default) or dynamodb://<table>[?region=…] (like --store)
  BEDROCK_CHAT_MCP_START_TIMEOUT_MS  default for --mcp-start-timeout
  BEDROCK_CHAT_DEBUG=1       stack traces       NO_COLOR           plain output`;

function addConnectionOptions(command: Command): Command {
  return command
    .option('-r, --region <region>', 'AWS region, e.g. us-east-1')
    .option('--profile <name>', 'AWS profile from ~/.aws/config (SSO included)')
    .option('--endpoint-url <url>', 'Bedrock Runtime endpoint, e.g. a local emulator');
}

/** `ask` has --json and --schema (see structured/schema-option.ts for why `chat` has no schema). */
function addTurnOptions(command: Command, isAsk: boolean): Command {
  command
    .option('-m, --model <id|alias>', 'sonnet, haiku, opus …, a model id, inference profile id or ARN')
    .option('-s, --system <text>', 'system prompt')
    .option('-t, --temperature <0..1>', 'sampling temperature')
    .option('--max-tokens <n>', 'longest reply, in tokens')
    .option('-c, --continue', 'continue the most recent conversation')
    .option('--conversation <id>', 'continue this conversation')
    .option('--no-stream', 'wait for the whole reply')
    .option('--no-cache', 'send no prompt-cache points (caching is on by default)')
    .option('--citations', "have the reply cite the prompt's documents; sources go to stderr")
    .option('--think', 'let the model think first; its reasoning goes to stderr, dimmed')
    .option('--think-budget <n>', 'think within this many tokens (1024 or more; models that take a budget)')
    .option('--effort <level>', 'low, medium, high, xhigh or max (the last two with --think)')
    .option('--tier <tier>', 'Bedrock service tier: priority (dearer), default or flex (cheaper)')
    .option('--latency <mode>', 'standard or optimized (latency-optimized models only)');
  if (isAsk)
    addSchemaOption(command.option('--json', 'print one JSON object instead of text (also on failure)'));
  command
    .option('--no-save', 'do not store the exchange')
    .option('-u, --usage', 'print token usage and cost on stderr')
    .option(
      '-a, --attach <path>',
      'send a file with the prompt: an image or document (repeatable; - is stdin)',
      (path: string, paths: string[] | undefined) => [...(paths ?? []), path],
    )
    .option('--attach-type <type>', 'type of the stdin file (-a -) when its content cannot tell: md, csv …')
    .option(
      '--mcp <name>',
      'let the model use the tools of this MCP server (repeatable; all: every one)',
      collect,
    )
    .option('--mcp-config <file>', 'MCP servers from a Claude Desktop / Claude Code config file', collect)
    .option(
      '--allow-tool <tool>',
      "run an MCP tool without asking: server:tool or 'server:*' (repeatable)",
      collect,
    )
    .option('-y, --yes', 'run every MCP tool call without asking (warns loudly)')
    .option('--max-steps <n>', 'with --mcp: model calls the tool loop may make, 1 to 100 (default 10)')
    .option('--mcp-start-timeout <ms>', 'with --mcp: how long each server may take to start (default 15000)');
  return addConnectionOptions(command);
}

/** Builds the commander program: argv → checked options → one handler call. */
export function createProgram(handlers: CommandHandlers, io: CliIo): CliProgram {
  let exitCode = 0;
  const run =
    <Args extends unknown[]>(action: (...args: Args) => Promise<number>) =>
    async (...args: Args) => {
      exitCode = await action(...args);
    };
  // Option checking loads core (zod); importing it lazily keeps --help and --version fast.
  const options = () => import('./cli-options.js');

  const program = new Command('bedrock-chat');
  program
    .description('Talk to Claude on AWS Bedrock: one-shot prompts, a REPL, stored conversations.')
    .usage('[options] [prompt...]   (same as `ask`; see `bedrock-chat ask --help`)')
    .version(VERSION, '-V, --version', 'print the version (also -v)')
    // The MCP server's spelling, so both binaries answer to both.
    .addOption(new Option('-v').hideHelp())
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print stack traces on errors (also BEDROCK_CHAT_DEBUG=1)')
    .option('--store <url>', 'sqlite or dynamodb://<table> (also BEDROCK_CHAT_STORE)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ helpWidth: HELP_WIDTH, sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText('after', `\n${ENVIRONMENT_HELP}\n\n${EXIT_CODES_HELP}\n`);

  addTurnOptions(
    program
      .command('ask', { isDefault: true })
      .description('send one prompt and print the reply (prompt from arguments and/or stdin)')
      .argument('[prompt...]', 'the prompt; with piped stdin, the instruction and stdin the context')
      .addHelpText(
        'after',
        '\nExamples:\n  bedrock-chat "What is an inference profile?"\n  cat notes.md | bedrock-chat -m haiku "summarise"\n  bedrock-chat -c "and in French?"\n  bedrock-chat -a chart.png -a report.pdf "what changed?"\n  bedrock-chat -a - "describe it" < photo.jpg\n  bedrock-chat --schema plan.schema.json "plan two days in Oslo" | jq .days\n',
      ),
    true,
  ).action(
    run(async (prompt: string[], raw: RawTurnFlags) =>
      handlers.ask(prompt, (await options()).parseTurnOptions(raw)),
    ),
  );

  addTurnOptions(
    program
      .command('chat')
      .description('interactive multi-turn chat (type /help inside)')
      .addHelpText(
        'after',
        '\nIn the chat: a line ending in \\ continues on the next line; """ starts and ends a block.\nCtrl-C cancels a reply, Ctrl-D or /exit quits.\n',
      ),
    false,
  ).action(run(async (raw: RawTurnFlags) => handlers.chat((await options()).parseTurnOptions(raw))));

  const conversations = program
    .command('conversations')
    .description('list, show, rename, delete, export and import stored conversations');
  conversations
    .command('list')
    .description('most recently used first')
    .option('--limit <n>', 'how many to list (1-500)', '20')
    .option('--search <text>', 'only conversations with a message containing every word')
    .option('--json', 'print a JSON array')
    .action(
      run(async (raw: { limit?: string; search?: string; json?: boolean }) =>
        handlers.conversationsList((await options()).parseListOptions(raw)),
      ),
    );
  conversations
    .command('show')
    .description('print a conversation')
    .argument('<id>', 'conversation id')
    .option('--json', 'print the conversation with its messages as JSON')
    .action(
      run(async (id: string, raw: { json?: boolean }) =>
        handlers.conversationsShow(id, { json: raw.json === true }),
      ),
    );
  conversations
    .command('rename')
    .description('change the title of a conversation')
    .argument('<id>', 'conversation id')
    .argument('<title>', 'the new title')
    .action(run(async (id: string, title: string) => handlers.conversationsRename(id, title)));
  conversations
    .command('rm')
    .description('delete a conversation')
    .argument('<id>', 'conversation id')
    .action(run(async (id: string) => handlers.conversationsRemove(id)));
  conversations
    .command('export')
    .description('write a conversation as Markdown, or as JSON that `import` reads back')
    .argument('[id]', 'conversation id (or --all)')
    .addOption(
      new Option('--format <format>', 'output format (default: markdown; --all: json)').choices([
        'markdown',
        'json',
      ]),
    )
    .option('--all', 'every conversation of every owner, one JSON export per line (moving a whole store)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      run(async (id: string | undefined, raw: { format?: string; output?: string; all?: boolean }) =>
        handlers.conversationsExport(id, (await options()).parseExportOptions(raw, id)),
      ),
    );

  conversations
    .command('import')
    .description('store conversations from a JSON export (any version) or an `export --all` file')
    .argument('<file>', 'a file written by `conversations export`, or - to read stdin')
    .option('--new-id', 'if an id is already stored, import a copy under a new id (default: refuse)')
    .option('--keep-owners', 'store each conversation under the owner it names (default: the local user)')
    .option('--json', 'print the imported conversations as JSON')
    .action(
      run(async (file: string, raw: { newId?: boolean; json?: boolean; keepOwners?: boolean }) =>
        handlers.conversationsImport(file, {
          newId: raw.newId === true,
          json: raw.json === true,
          keepOwners: raw.keepOwners === true,
        }),
      ),
    );

  addConnectionOptions(
    program
      .command('models')
      .description('models and inference profiles usable in the region')
      .option('--json', 'print JSON'),
  ).action(
    run(async (raw: ConnectionFlags & { json?: boolean }) =>
      handlers.models({ ...(await options()).parseConnectionFlags(raw), json: raw.json === true }),
    ),
  );

  addConnectionOptions(
    program
      .command('doctor')
      .description('diagnose setup: credentials, region, endpoint, model access, store')
      .option('-m, --model <id|alias>', 'the model to check')
      .option('--json', 'print JSON'),
  ).action(
    run(async (raw: ConnectionFlags & { json?: boolean; model?: string }) => {
      const { parseConnectionFlags } = await options();
      const { optionalConfigValue } = await import('./option-values.js');
      return handlers.doctor({
        ...parseConnectionFlags(raw),
        model: optionalConfigValue('model', raw.model, '--model'),
        json: raw.json === true,
      });
    }),
  );

  const config = program
    .command('config')
    .description('persistent defaults (model, region, profile, system, temperature, maxTokens …)')
    .addHelpText(
      'after',
      `\nKeys: ${CONFIG_KEY_NAMES.join(', ')}\nPrecedence: flags > environment > config file > defaults.\n`,
    );
  config
    .command('list')
    .description('print the values set in the config file')
    .option('--json', 'print JSON')
    .action(run(async (raw: { json?: boolean }) => handlers.configList({ json: raw.json === true })));
  config
    .command('get')
    .description('print one value')
    .argument('<key>', 'a config key')
    .action(run(async (key: string) => handlers.configGet(key)));
  config
    .command('set')
    .description('set a value (checked before it is written)')
    .argument('<key>', 'a config key')
    .argument('<value>', 'the value')
    .action(run(async (key: string, value: string) => handlers.configSet(key, value)));
  config
    .command('unset')
    .description('remove a value')
    .argument('<key>', 'a config key')
    .action(run(async (key: string) => handlers.configUnset(key)));

  program
    .command('store')
    .description('the conversation store (SQLite by default, or a DynamoDB table)')
    .command('init')
    .description('create the DynamoDB table (on-demand billing) and print the IAM policy it needs')
    .option('--json', 'print JSON')
    .action(run(async (raw: { json?: boolean }) => handlers.storeInit({ json: raw.json === true })));

  const mcp = program
    .command('mcp')
    .description('the MCP servers whose tools the model may use with --mcp <name>')
    .addHelpText(
      'after',
      `\nExamples:\n  bedrock-chat mcp add fs -- node /abs/server-filesystem/dist/index.js ~/notes\n  bedrock-chat mcp add -t http -H 'Authorization: Bearer \${TOKEN}' chat http://127.0.0.1:8765/mcp\n  bedrock-chat --mcp fs --allow-tool 'fs:*' "what is in ./notes?"\n`,
    );
  mcp
    .command('add')
    .description("add a server to the CLI's own list (mcp.json beside config.json, mode 0600)")
    .argument('<name>', "the server's name: its tools are name:tool")
    .argument('<command|url>', 'the command that starts it (stdio), or its URL (http); put -- before it')
    .argument('[args...]', "the command's arguments")
    .addOption(
      new Option('-t, --transport <transport>', 'how to reach it')
        .choices(['stdio', 'http'])
        .default('stdio'),
    )
    .option(
      '-e, --env <KEY=value>',
      `a variable for a stdio server (repeatable; \${VAR} expands at start)`,
      collect,
    )
    .option('-H, --header <header>', "a header for an http server, 'Name: value' (repeatable)", collect)
    .action(
      run(
        async (
          name: string,
          target: string,
          args: string[],
          raw: { transport?: string; env?: string[]; header?: string[] },
        ) =>
          handlers.mcpAdd(name, target, args, {
            transport: raw.transport === 'http' ? 'http' : 'stdio',
            env: raw.env ?? [],
            header: raw.header ?? [],
          }),
      ),
    );
  mcp
    .command('list')
    .description('start each configured server and show its status and tools')
    .option('--mcp-config <file>', 'also the servers of this file (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(
      run(async (raw: { mcpConfig?: string[]; json?: boolean }) =>
        handlers.mcpList({ json: raw.json === true, configFiles: raw.mcpConfig ?? [] }),
      ),
    );
  mcp
    .command('remove')
    .description("remove a server from the CLI's list")
    .argument('<name>', "the server's name")
    .action(run(async (name: string) => handlers.mcpRemove(name)));

  program.on('option:v', () => {
    io.stdout.write(`${VERSION}\n`);
    // What commander's own --version ends with: exit 0, nothing run.
    throw new CommanderError(0, 'commander.version', VERSION);
  });

  // Noted while parsing, so even a usage error after --json is reported as JSON.
  let json = false;
  for (const command of commandTree(program)) {
    if (command.options.some((option) => option.long === '--json')) {
      command.on('option:json', () => {
        json = true;
      });
    }
  }

  return { program, exitCode: () => exitCode, json: () => json };
}
