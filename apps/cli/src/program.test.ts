import { BedrockChatError, CONFIG_KEYS } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../test/capture-io.js';
import type { CliDeps } from './cli-deps.js';
import type { TurnOptions } from './cli-options.js';
import { CONFIG_KEY_NAMES, type CommandHandlers } from './program.js';
import { runCli } from './run-cli.js';

const unusedDeps: CliDeps = {
  createChatClient: () => Promise.reject(new Error('not in argv tests')),
  openStore: () => Promise.reject(new Error('not in argv tests')),
  listModels: () => Promise.reject(new Error('not in argv tests')),
  onInterrupt: () => () => {},
};

function recordingHandlers() {
  const calls: [string, ...unknown[]][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return 0;
    };
  const handlers: CommandHandlers = {
    ask: record('ask'),
    chat: record('chat'),
    conversationsList: record('conversationsList'),
    conversationsShow: record('conversationsShow'),
    conversationsRename: record('conversationsRename'),
    conversationsRemove: record('conversationsRemove'),
    conversationsExport: record('conversationsExport'),
    conversationsImport: record('conversationsImport'),
    models: record('models'),
    doctor: record('doctor'),
    configList: record('configList'),
    configGet: record('configGet'),
    configSet: record('configSet'),
    configUnset: record('configUnset'),
    storeInit: record('storeInit'),
    mcpAdd: record('mcpAdd'),
    mcpList: record('mcpList'),
    mcpRemove: record('mcpRemove'),
  };
  return { handlers, calls };
}

async function parse(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env });
  const { handlers, calls } = recordingHandlers();
  const code = await runCli(argv, io, unusedDeps, () => handlers);
  return { code, calls, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

const defaults: TurnOptions = {
  region: undefined,
  profile: undefined,
  endpointUrl: undefined,
  model: undefined,
  system: undefined,
  temperature: undefined,
  maxTokens: undefined,
  continueLast: false,
  conversationId: undefined,
  stream: true,
  cache: true,
  citations: false,
  json: false,
  save: true,
  usage: false,
  attach: [],
  attachType: undefined,
};

describe('argv → options', () => {
  it('treats bare words as an ask prompt', async () => {
    const { code, calls } = await parse(['hello', 'world']);
    expect(code).toBe(0);
    expect(calls).toEqual([['ask', ['hello', 'world'], defaults]]);
  });

  it('maps every ask flag, before or after the prompt', async () => {
    const { calls } = await parse([
      '-m',
      'haiku',
      '-s',
      'Be brief.',
      '-t',
      '0.3',
      '--max-tokens',
      '100',
      '-c',
      '--no-stream',
      '--json',
      '--no-save',
      '-u',
      '-r',
      'eu-west-1',
      '--profile',
      'work',
      '--endpoint-url',
      'http://127.0.0.1:4000',
      '-a',
      'chart.png',
      '--attach',
      '-',
      '--attach-type',
      'md',
      '--mcp',
      'fs',
      '--mcp',
      'web',
      '--mcp-config',
      '.mcp.json',
      '--allow-tool',
      'fs:*',
      '--yes',
      '--max-steps',
      '5',
      '--mcp-start-timeout',
      '20000',
      'hi',
    ]);
    expect(calls).toEqual([
      [
        'ask',
        ['hi'],
        {
          ...defaults,
          model: 'haiku',
          system: 'Be brief.',
          temperature: 0.3,
          maxTokens: 100,
          continueLast: true,
          stream: false,
          json: true,
          save: false,
          usage: true,
          region: 'eu-west-1',
          profile: 'work',
          endpointUrl: 'http://127.0.0.1:4000',
          attach: ['chart.png', '-'],
          attachType: 'md',
          maxSteps: 5,
          tools: {
            servers: ['fs', 'web'],
            configFiles: ['.mcp.json'],
            allowTools: ['fs:*'],
            yes: true,
            startTimeoutMs: 20_000,
          },
        },
      ],
    ]);
    const explicit = await parse(['ask', 'why', '--conversation', '01JDQ5Z8M3X4B2N7K9P0R6S1TV', '-t', '1']);
    expect(explicit.calls).toEqual([
      ['ask', ['why'], { ...defaults, conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV', temperature: 1 }],
    ]);
  });

  it('maps --think (a switch: the prompt after it stays the prompt), --think-budget and --effort', async () => {
    expect((await parse(['--think', 'why', 'not'])).calls).toEqual([
      ['ask', ['why', 'not'], { ...defaults, thinking: true }],
    ]);
    expect((await parse(['--think-budget', '2048', '--effort', 'MAX', 'hi'])).calls).toEqual([
      ['ask', ['hi'], { ...defaults, thinking: { budgetTokens: 2048 }, effort: 'max' }],
    ]);
    expect((await parse(['chat', '--think', '--effort', 'low'])).calls).toEqual([
      ['chat', { ...defaults, thinking: true, effort: 'low' }],
    ]);
    const badEffort = await parse(['--effort', 'extreme', 'hi']);
    expect(badEffort.calls).toEqual([]);
    expect(badEffort.code).toBe(2);
    expect((await parse(['--think-budget', '100', 'hi'])).code).toBe(2);
  });

  it('maps --schema on ask only, as given (read later), and refuses it empty or beside --mcp', async () => {
    expect((await parse(['--schema', 'plan.schema.json', 'plan', 'it'])).calls).toEqual([
      ['ask', ['plan', 'it'], { ...defaults, schema: 'plan.schema.json' }],
    ]);
    const inline = '{"type":"object"}';
    expect((await parse(['ask', '--json', '--schema', inline, 'hi'])).calls).toEqual([
      ['ask', ['hi'], { ...defaults, json: true, schema: inline }],
    ]);
    const empty = await parse(['--schema', ' ', 'hi']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('error: --schema needs a JSON Schema: a file, or the schema inline.');
    const withTools = await parse(['--schema', inline, '--mcp', 'fs', 'hi']);
    expect(withTools.calls).toEqual([]);
    expect(withTools.stderr).toContain('error: --schema cannot be combined with --mcp');
    const chat = await parse(['chat', '--schema', inline]);
    expect(chat.code).toBe(2);
    expect(chat.stderr).toContain("error: unknown option '--schema'");
  });

  it('maps --tier and --latency, checked as the config keys are', async () => {
    expect((await parse(['--tier', 'flex', '--latency', 'optimized', 'hi'])).calls).toEqual([
      ['ask', ['hi'], { ...defaults, serviceTier: 'flex', latency: 'optimized' }],
    ]);
    expect((await parse(['chat', '--tier', 'priority'])).calls).toEqual([
      ['chat', { ...defaults, serviceTier: 'priority' }],
    ]);
    const bad = await parse(['--latency', 'fast', 'hi']);
    expect(bad.calls).toEqual([]);
    expect(bad.code).toBe(2);
  });

  it('passes chat the same options', async () => {
    const { calls } = await parse(['chat', '-m', 'opus', '--no-save', '-a', 'a.pdf', '-a', 'b.png']);
    expect(calls).toEqual([
      ['chat', { ...defaults, model: 'opus', save: false, attach: ['a.pdf', 'b.png'] }],
    ]);
  });

  it('maps the conversations, models, doctor and config commands', async () => {
    const id = '01JDQ5Z8M3X4B2N7K9P0R6S1TV';
    expect((await parse(['conversations', 'list'])).calls).toEqual([
      ['conversationsList', { limit: 20, search: undefined, json: false }],
    ]);
    expect(
      (await parse(['conversations', 'list', '--limit', '5', '--search', 'tea', '--json'])).calls,
    ).toEqual([['conversationsList', { limit: 5, search: 'tea', json: true }]]);
    expect((await parse(['conversations', 'show', id, '--json'])).calls).toEqual([
      ['conversationsShow', id, { json: true }],
    ]);
    expect((await parse(['conversations', 'rename', id, 'New title'])).calls).toEqual([
      ['conversationsRename', id, 'New title'],
    ]);
    expect((await parse(['conversations', 'rm', id])).calls).toEqual([['conversationsRemove', id]]);
    expect(
      (await parse(['mcp', 'add', '-t', 'http', '-H', 'A: b', 'web', 'http://127.0.0.1:1/mcp'])).calls,
    ).toEqual([
      ['mcpAdd', 'web', 'http://127.0.0.1:1/mcp', [], { transport: 'http', env: [], header: ['A: b'] }],
    ]);
    expect((await parse(['mcp', 'add', '-e', 'K=v', 'fs', '--', 'node', 'fs.js', '-x'])).calls).toEqual([
      ['mcpAdd', 'fs', 'node', ['fs.js', '-x'], { transport: 'stdio', env: ['K=v'], header: [] }],
    ]);
    expect((await parse(['mcp', 'list', '--json'])).calls).toEqual([
      ['mcpList', { json: true, configFiles: [] }],
    ]);
    expect((await parse(['mcp', 'remove', 'fs'])).calls).toEqual([['mcpRemove', 'fs']]);
    expect(
      (await parse(['conversations', 'export', id, '--format', 'json', '-o', 'out.json'])).calls,
    ).toEqual([['conversationsExport', id, { format: 'json', output: 'out.json', all: false }]]);
    expect((await parse(['conversations', 'import', '-', '--new-id'])).calls).toEqual([
      ['conversationsImport', '-', { newId: true, json: false, keepOwners: false }],
    ]);
    expect((await parse(['conversations', 'import', 'chat.json', '--json'])).calls).toEqual([
      ['conversationsImport', 'chat.json', { newId: false, json: true, keepOwners: false }],
    ]);
    expect((await parse(['models', '--json', '-r', 'us-west-2'])).calls).toEqual([
      ['models', { region: 'us-west-2', profile: undefined, endpointUrl: undefined, json: true }],
    ]);
    expect((await parse(['doctor', '-m', 'haiku'])).calls).toEqual([
      [
        'doctor',
        { region: undefined, profile: undefined, endpointUrl: undefined, model: 'haiku', json: false },
      ],
    ]);
    expect((await parse(['config', 'set', 'temperature', '0.2'])).calls).toEqual([
      ['configSet', 'temperature', '0.2'],
    ]);
    expect((await parse(['config', 'get', 'model'])).calls).toEqual([['configGet', 'model']]);
    expect((await parse(['config', 'unset', 'model'])).calls).toEqual([['configUnset', 'model']]);
    expect((await parse(['config', 'list'])).calls).toEqual([['configList', { json: false }]]);
  });

  it.each([
    [['-t', '2', 'hi'], '--temperature must be a number from 0 to 1 (got "2").'],
    [['-t', 'hot', 'hi'], '--temperature must be a number from 0 to 1 (got "hot").'],
    [['--max-tokens', '0', 'hi'], '--max-tokens must be a positive whole number (got "0").'],
    [['--max-tokens', '1.5', 'hi'], '--max-tokens must be a positive whole number (got "1.5").'],
    [
      ['--mcp', 'fs', '--max-steps', '0', 'hi'],
      '--max-steps must be a whole number of model calls from 1 to 100 (got "0").',
    ],
    [
      ['--mcp', 'fs', '--max-steps', '1e3', 'hi'],
      '--max-steps must be a whole number of model calls from 1 to 100 (got "1e3").',
    ],
    [
      ['--mcp', 'fs', '--max-steps', ' 3', 'hi'],
      '--max-steps must be a whole number of model calls from 1 to 100 (got " 3").',
    ],
    [
      ['--mcp', 'fs', '--max-steps', '101', 'hi'],
      '--max-steps must be a whole number of model calls from 1 to 100 (got "101").',
    ],

    [['chat', '--max-steps', '3'], '--max-steps needs --mcp <name>: no MCP server is enabled.'],
    [
      ['--mcp', 'fs', '--mcp-start-timeout', '15s', 'hi'],
      '--mcp-start-timeout must be a whole number from 1 to 600000 (got "15s").',
    ],
    [['-r', 'mars', 'hi'], '--region must be an AWS region such as us-east-1 (got "mars").'],
    [
      ['--endpoint-url', 'nope', 'hi'],
      '--endpoint-url must be an http(s) URL such as http://127.0.0.1:4000 (got "nope").',
    ],
    [
      ['-c', '--conversation', '01JDQ5Z8M3X4B2N7K9P0R6S1TV', 'hi'],
      'Use either --continue or --conversation <id>, not both.',
    ],
    [['conversations', 'list', '--limit', '0'], '--limit must be a whole number from 1 to 500 (got "0").'],
    [['-a', '', 'hi'], '--attach needs a path.'],
    [['-a', '-', '-a', '-', 'hi'], '--attach - can be given once: stdin holds one file.'],
    [
      ['-a', 'x.png', '--attach-type', 'md', 'hi'],
      '--attach-type names the type of the file read from stdin (--attach -).',
    ],
  ])('rejects %j with exit 2 and one clear line', async (argv, message) => {
    const { code, calls, stderr } = await parse(argv);
    expect(code).toBe(2);
    expect(calls).toEqual([]);
    expect(stderr.split('\n')[0]).toBe(`error: ${message}`);
    expect(stderr).not.toContain('    at ');
  });

  it('rejects unknown flags, bad choices and extra arguments with exit 2', async () => {
    const unknown = await parse(['ask', '--nope', 'hi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--nope'");
    const choice = await parse(['conversations', 'export', '01JDQ5Z8M3X4B2N7K9P0R6S1TV', '--format', 'pdf']);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain('Allowed choices are markdown, json');
    const extra = await parse(['models', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('too many arguments');
    expect((await parse(['conversations', 'show'])).code).toBe(2);
  });

  it('prints stack traces only with --debug or BEDROCK_CHAT_DEBUG', async () => {
    expect((await parse(['--debug', '-t', '9', 'hi'])).stderr).toContain('    at ');
    expect((await parse(['-t', '9', 'hi'], { BEDROCK_CHAT_DEBUG: '1' })).stderr).toContain('    at ');
  });

  it('prints the version with --version, -V and -v (the MCP server spells it -v)', async () => {
    for (const flag of ['--version', '-V', '-v']) {
      const { code, stdout, calls } = await parse([flag]);
      expect(code, flag).toBe(0);
      expect(stdout, flag).toMatch(/^\d+\.\d+\.\d+\n$/);
      expect(calls, flag).toEqual([]);
    }
  });

  it('with --json, also prints a failure as one JSON object on stdout; the exit code is the same', async () => {
    const invalid = await parse(['--json', '-t', '2', 'hi']);
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stdout)).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: '--temperature must be a number from 0 to 1 (got "2").',
        hint: null,
      },
    });
    expect(invalid.stderr).toBe('error: --temperature must be a number from 0 to 1 (got "2").\n');
    const usage = await parse(['ask', '--json', '--nope', 'hi']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error).toMatchObject({
      code: 'INVALID_INPUT',
      message: "unknown option '--nope'",
    });
    const listing = await parse(['conversations', 'list', '--json', '--limit', '0']);
    expect(JSON.parse(listing.stdout).error.code).toBe('INVALID_INPUT');
    expect((await parse(['-t', '2', 'hi'])).stdout).toBe('');
  });

  it('with --json, a failing command prints its error code and hint as JSON', async () => {
    const io = captureIo();
    const { handlers } = recordingHandlers();
    handlers.ask = async () => {
      throw new BedrockChatError({
        code: 'MODEL_NOT_IN_REGION',
        message: 'nosuch is not a model Bedrock offers in us-east-1.',
        hint: 'Check the id.',
      });
    };
    expect(await runCli(['--json', '-m', 'nosuch', 'hi'], io, unusedDeps, () => handlers)).toBe(4);
    expect(JSON.parse(io.stdout.text())).toEqual({
      error: {
        code: 'MODEL_NOT_IN_REGION',
        message: 'nosuch is not a model Bedrock offers in us-east-1.',
        hint: 'Check the id.',
      },
    });
    expect(io.stderr.text()).toBe(
      'error: nosuch is not a model Bedrock offers in us-east-1.\nhint: Check the id.\n',
    );
  });
});

describe('--help', () => {
  const commands = [
    [],
    ['ask'],
    ['chat'],
    ['conversations'],
    ['conversations', 'list'],
    ['conversations', 'show'],
    ['conversations', 'rename'],
    ['conversations', 'rm'],
    ['conversations', 'export'],
    ['conversations', 'import'],
    ['models'],
    ['doctor'],
    ['config'],
    ['config', 'list'],
    ['config', 'get'],
    ['config', 'set'],
    ['config', 'unset'],
    ['mcp'],
    ['mcp', 'add'],
    ['mcp', 'list'],
    ['mcp', 'remove'],
  ];
  it.each(commands.map((command) => [command.join(' ') || '(root)', command]))(
    'is pinned for %s',
    async (_name, command) => {
      const { code, stdout, calls } = await parse([...command, '--help']);
      expect(code).toBe(0);
      expect(calls).toEqual([]);
      expect(stdout).toMatchSnapshot();
    },
  );

  it('lists the config keys core knows', () => {
    expect([...CONFIG_KEY_NAMES]).toEqual(CONFIG_KEYS);
  });

  it('documents the exit codes', async () => {
    const { stdout } = await parse(['--help']);
    for (const code of ['0 ', '1 ', '2 ', '3 ', '4 ', '5 ', '129 ', '130 ', '143 '])
      expect(stdout).toContain(`  ${code}`);
  });
});
