import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONVERSATION_EXPORT_VERSION } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { lastMessages, runtimeRequests, setup } from './e2e-harness.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Real servers from npm, started with node (never npx), and the SDK v2 fixture of mcp-tools.
const FILESYSTEM = here('../node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');
const EVERYTHING = here('../node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const V2_FIXTURE = here('../../../packages/mcp-tools/test/fixtures/v2-server.mjs');

/** A home with ./notes and a .mcp.json naming the servers. */
function workspace(home: string, servers: Record<string, unknown>): string {
  mkdirSync(join(home, 'notes'));
  writeFileSync(join(home, 'notes', 'groceries.md'), '- milk\n');
  writeFileSync(join(home, 'notes', 'todo.txt'), 'call Ann\n');
  const file = join(home, '.mcp.json');
  writeFileSync(file, JSON.stringify({ mcpServers: servers }));
  return file;
}

// The allowed directory is the project (the CLI's working directory), so ./notes is inside it.
/** `--mcp-config <file> --mcp <servers>`. */
const using = (config: string, servers: string) => ['--mcp-config', config, '--mcp', servers];

const fs = (home: string) => ({ command: process.execPath, args: [FILESYSTEM, home] });

describe.concurrent('bedrock-chat --mcp', () => {
  it('Done when: the model lists ./notes with server-filesystem and answers from the result', async ({
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    // The model's side, scripted: list the directory, then (the echo rule) quote the result.
    emulator.enqueue({
      toolUse: { toolUseId: 'tooluse_ls', name: 'fs__list_directory', input: { path: './notes' } },
    });
    const result = await run([...using(config, 'fs'), '--allow-tool', 'fs:*', 'what is in ./notes?']);
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Tool results:\nfs__list_directory: [FILE] groceries.md\n[FILE] todo.txt',
    );
    expect(result.stderr).toContain('tool: fs:list_directory {"path":"./notes"}');
    expect(result.stderr).toMatch(/ {2}→ \[FILE\] groceries\.md \[FILE\] todo\.txt/);
    // The result went back to the model as a toolResult for the call.
    expect(JSON.stringify(lastMessages(emulator))).toContain('"toolUseId":"tooluse_ls"');
    // The turn is stored with its tool step and exports as such.
    const list = JSON.parse((await run(['conversations', 'list', '--json'])).stdout);
    const exported = JSON.parse(
      (await run(['conversations', 'export', list[0].id, '--format', 'json'])).stdout,
    );
    expect(exported.version).toBe(CONVERSATION_EXPORT_VERSION);
    const messages = exported.conversation.messages;
    expect(messages.map((message: { role: string }) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(JSON.stringify(messages[1])).toContain('"name":"fs__list_directory"');
    expect(JSON.stringify(messages[2])).toContain('[FILE] groceries.md');
  });

  it('follows the emulator convention "use <tool> <json>", several steps, over stdio', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    const prompt = `use fs__list_directory {"path":"${join(home, 'notes')}"} then use fs__read_text_file {"path":"${join(home, 'notes', 'todo.txt')}"}`;
    const result = await run([...using(config, 'fs'), '--allow-tool', 'fs:*', prompt]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fs__read_text_file: call Ann');
    expect(result.stderr.match(/^tool: /gm)).toHaveLength(2);
  });

  it('refuses a tool that is not allowed and tells the model', async ({ onTestFinished }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    const path = join(home, 'notes', 'new.txt');
    const result = await run([
      ...using(config, 'fs'),
      '--allow-tool',
      'fs:list_directory',
      `use fs__write_file {"path":"${path}","content":"x"}`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "fs__write_file failed: The user did not allow this call of the tool: fs:write_file is not allowed in this non-interactive run (the user can allow it with --allow-tool 'fs:write_file')",
    );
    expect(result.stderr).toContain('  → refused: ');
    expect(JSON.stringify(lastMessages(emulator))).toContain('"status":"error"');
    const { existsSync } = await import('node:fs');
    expect(existsSync(path)).toBe(false);
  });

  it('--yes runs everything, loudly', async ({ onTestFinished }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    const path = join(home, 'notes', 'new.txt');
    const result = await run([
      ...using(config, 'all'),
      '--yes',
      `use fs__write_file {"path":"${path}","content":"x"}`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: --yes: every call of the tools of fs runs without asking');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path, 'utf8')).toBe('x');
  });

  it("--allow-tool '*' warns as loudly as --yes; a server's stderr cannot drive the terminal", async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, {
      fs: fs(home),
      rude: {
        command: process.execPath,
        args: ['-e', 'process.stderr.write("boom \\x1b]0;PWNED\\x07\\x1b[2J"); process.exit(1)'],
      },
    });
    const result = await run([...using(config, 'all'), '--allow-tool', '*', 'hello']);
    expect(result.code).toBe(0);
    // Only the server that connected is named: rude failed, and its own warning says so.
    expect(result.stderr).toMatch(
      /^warning: --allow-tool '\*': every call of the tools of fs runs without asking, including/m,
    );
    expect(result.stderr).toMatch(/^warning: MCP server "rude" is not available/m);
    expect(result.stderr).toContain('boom \\x1b]0;PWNED\\x07\\x1b[2J');
    expect(result.stderr).not.toContain('\x1b');
  });

  it('--yes with only a server that failed to start names no server as running tools', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, {
      broken: { command: process.execPath, args: ['-e', 'process.exit(3)'] },
    });
    const result = await run([...using(config, 'broken'), '--yes', 'hello']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Echo: hello\n');
    expect(result.stderr).toMatch(/^warning: MCP server "broken" is not available/m);
    expect(result.stderr).toContain('warning: no MCP tools are available: the model answers without tools.');
    expect(result.stderr).not.toContain('runs without asking');
  });

  it('reports tool errors, unknown tools and the step limit to the model and the user', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, {
      fs: fs(home),
      everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] },
    });
    const errors = await run([
      ...using(config, 'fs,everything'),
      '--allow-tool',
      'fs:*',
      '--allow-tool',
      'everything:*',
      'use fs__read_text_file {"path":"/etc/passwd"} and use nosuch {} and use everything__echo {"message":"hi"}',
    ]);
    expect(errors.code).toBe(0);
    expect(errors.stdout).toMatch(/fs__read_text_file failed: The tool failed: .*Access denied/);
    expect(errors.stdout).toContain('nosuch failed: There is no tool named nosuch.');
    expect(errors.stdout).toContain('everything__echo: Echo: hi');
    expect(errors.stderr).toContain('tool: nosuch');
    const loop = await run([
      ...using(config, 'fs'),
      '--allow-tool',
      'fs:*',
      `keep using fs__list_directory {"path":"${join(home, 'notes')}"}`,
    ]);
    expect(loop.code).toBe(0);
    expect(loop.stderr.match(/^tool: fs:list_directory/gm)).toHaveLength(9);
    expect(loop.stderr).toContain(
      'warning: the model still asked for tools after 10 model calls (the limit); those calls were not run.',
    );
    // --json says why the loop stopped (verifier s6 #8: was only "stopReason":"tool_use").
    const json = await run([
      '--json',
      ...using(config, 'fs'),
      '--allow-tool',
      'fs:*',
      `keep using fs__list_directory {"path":"${join(home, 'notes')}"}`,
    ]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ stopReason: 'tool_use', stoppedBy: 'max-steps' });
    const ended = await run(['--json', ...using(config, 'fs'), 'hello']);
    expect(JSON.parse(ended.stdout)).toMatchObject({ text: 'Echo: hello', stoppedBy: 'model' });
  });

  it('--max-steps and the maxSteps config key set the limit; a bad value is exit 2', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    const looping = [
      ...using(config, 'fs'),
      '--allow-tool',
      'fs:*',
      `keep using fs__list_directory {"path":"${join(home, 'notes')}"}`,
    ];
    const flagged = await run(['--max-steps', '3', ...looping]);
    expect(flagged.code).toBe(0);
    expect(flagged.stderr.match(/^tool: fs:list_directory/gm)).toHaveLength(2);
    expect(flagged.stderr).toContain(
      'warning: the model still asked for tools after 3 model calls (the limit)',
    );
    expect((await run(['config', 'set', 'max-steps', '2'])).code).toBe(0);
    const configured = await run(looping);
    expect(configured.stderr.match(/^tool: fs:list_directory/gm)).toHaveLength(1);
    expect(configured.stderr).toContain('after 2 model calls (the limit)');
    // The flag beats the config file.
    const both = await run(['--max-steps', '4', ...looping]);
    expect(both.stderr.match(/^tool: fs:list_directory/gm)).toHaveLength(3);
    for (const bad of ['0', '2.5', 'many', '1e3', ' 3', '101']) {
      const refused = await run(['--max-steps', bad, ...looping]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        `error: --max-steps must be a whole number of model calls from 1 to 100 (got "${bad}").`,
      );
    }
    for (const bad of ['-1', '1e3', ' 3', '101']) {
      const refused = await run(['config', 'set', 'maxSteps', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        `maxSteps must be a whole number of model calls from 1 to 100 (got "${bad}").`,
      );
    }
    // A config file edited by hand is held to the same rule, named by file and key.
    const configPath = join(home, 'config.json');
    writeFileSync(configPath, '{"maxSteps": 1e3}');
    const fromFile = await run(looping);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain(
      `error: The config file ${configPath} is invalid: maxSteps must be a whole number of model calls from 1 to 100 (got 1000).`,
    );
  });

  it('a command refused after argv is parsed never spawns its servers (verifier s7 #13)', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const marker = join(home, 'spawned');
    // The shell writes the marker the moment it is spawned, before anything could end it.
    const config = workspace(home, {
      m: { command: 'sh', args: ['-c', `echo "$0" >> '${marker}'; exit 1`, 'spawned'] },
    });
    const { existsSync, readFileSync, rmSync } = await import('node:fs');
    const refused: [string[], string][] = [
      [['-t', '5', 'hi'], '--temperature must be a number from 0 to 1'],
      [['--max-steps', '1e3', 'hi'], '--max-steps must be a whole number'],
      [['--allow-tool', ' ', 'hi'], '--allow-tool needs a value'],
      [
        ['-c', '--conversation', '01JDQ5Z8M3X4B2N7K9P0R6S1TV', 'hi'],
        'Use either --continue or --conversation',
      ],
      [['--schema', '{"type":"object"}', 'hi'], '--schema cannot be combined with --mcp'],
      [['-a', join(home, 'missing.pdf'), 'hi'], 'missing.pdf'],
      [['chat', '-a', '-'], '--attach - cannot be used with chat'],
    ];
    for (const [argv, message] of refused) {
      const [first, ...rest] = argv;
      const line =
        first === 'chat' ? ['chat', ...using(config, 'm'), ...rest] : [...using(config, 'm'), ...argv];
      const result = await run(line);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(existsSync(marker), `${argv.join(' ')} spawned the server`).toBe(false);
    }
    // The same server does start for a command that goes on to use it.
    const used = await run([...using(config, 'm'), '-t', '0.5', 'hi']);
    expect(used.code).toBe(0);
    expect(used.stderr).toMatch(/^warning: MCP server "m" is not available/m);
    expect(readFileSync(marker, 'utf8')).toBe('spawned\n');
    rmSync(marker);
  });

  it('--mcp-start-timeout (or BEDROCK_CHAT_MCP_START_TIMEOUT_MS) bounds a server that never answers', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    // Starts and then says nothing: no handshake ever comes back.
    const config = workspace(home, {
      mute: { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
    });
    const flagged = await run([...using(config, 'mute'), '--mcp-start-timeout', '300', 'hi']);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toBe('Echo: hi\n');
    expect(flagged.stderr).toMatch(
      /^warning: MCP server "mute" is not available, its tools are left out: it did not start within 300 ms$/m,
    );
    const fromEnv = await run([...using(config, 'mute'), 'hi'], {
      env: { BEDROCK_CHAT_MCP_START_TIMEOUT_MS: '250' },
    });
    expect(fromEnv.stderr).toContain('it did not start within 250 ms');
    const bad = await run([...using(config, 'mute'), 'hi'], {
      env: { BEDROCK_CHAT_MCP_START_TIMEOUT_MS: '15s' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'error: BEDROCK_CHAT_MCP_START_TIMEOUT_MS must be a whole number from 1 to 600000 (got "15s").',
    );
    expect((await run([...using(config, 'mute'), '--mcp-start-timeout', '0', 'hi'])).code).toBe(2);
  });

  it('a server that fails to start is a warning and the model answers without it', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, {
      fs: fs(home),
      broken: {
        command: process.execPath,
        args: ['-e', 'console.error("cannot start: no licence"); process.exit(1)'],
      },
    });
    const result = await run([...using(config, 'all'), '--allow-tool', 'fs:*', 'hello']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: MCP server "broken" is not available, its tools are left out: .*cannot start: no licence/m,
    );
    expect(result.stdout).toContain('Echo: hello');
  });

  it('a server whose command does not exist is a warning naming the command (spawn … ENOENT)', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const missing = join(home, 'no-such-server');
    const config = workspace(home, { fs: fs(home), missing: { command: missing, args: ['--stdio'] } });
    const result = await run([...using(config, 'all'), '--allow-tool', 'fs:*', 'hello']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: MCP server "missing" is not available, its tools are left out: spawn ${missing} ENOENT`,
    );
    expect(result.stdout).toContain('Echo: hello');
  });

  it('when every server fails to start, the model answers without tools (verifier: was INVALID_INPUT)', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, {
      broken: { command: process.execPath, args: ['-e', 'process.exit(1)'] },
    });
    const result = await run([...using(config, 'broken'), 'hello']);
    expect(result.stderr).toMatch(/^warning: MCP server "broken" is not available/m);
    expect(result.stderr).toContain('warning: no MCP tools are available: the model answers without tools.');
    expect(result.stdout).toContain('Echo: hello');
    expect(result.code).toBe(0);
  });

  it('--mcp all with no server configured warns (verifier s6 #10: was silent)', async ({
    onTestFinished,
  }) => {
    const { run } = await setup(onTestFinished);
    const result = await run(['--mcp', 'all', 'hello']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning: --mcp all: no MCP servers are configured (bedrock-chat mcp add, or --mcp-config <file>): the model answers without tools.',
    );
    expect(result.stdout).toContain('Echo: hello');
  });

  it('a server that crashes mid-call is a tool error the model sees', async ({ onTestFinished }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, { v2: { command: process.execPath, args: [V2_FIXTURE] } });
    const result = await run([
      ...using(config, 'v2'),
      '--yes',
      'use v2__crash {} then use v2__shout {"text":"still there?"}',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'v2__shout failed: The tool failed: the MCP server "v2" is no longer running (stderr: fixture: crashing now).',
    );
  });

  it('Ctrl-C mid-loop cancels, stores the completed steps and leaves no server running', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, {
      everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] },
    });
    // Echoes `message`, then Ctrl-C while the long operation runs.
    const interrupted = (message: string, flags: string[] = []) =>
      run(
        [
          ...flags,
          ...using(config, 'everything'),
          '--yes',
          `use everything__echo {"message":"${message}"} then use everything__trigger-long-running-operation {"duration":60,"steps":2}`,
        ],
        {
          untilStderr: {
            pattern: /tool: everything:trigger-long-running-operation/,
            act: (child) => child.kill('SIGINT'),
          },
        },
      );
    const result = await interrupted('one');
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.stderr).toContain(
      '  → error: Interrupted: the user cancelled the turn before the tool finished.',
    );
    const list = JSON.parse((await run(['conversations', 'list', '--json'])).stdout);
    // Where the steps went, as after a normal turn (verifier s6 #8).
    expect(result.stderr).toContain(`conversation: ${list[0].id}\n`);
    const json = await interrupted('two', ['--json']);
    expect(json.code).toBe(130);
    const failed = JSON.parse(json.stdout).error;
    expect(failed.code).toBe('ABORTED');
    expect(failed.conversationId).toMatch(/^[0-9A-Za-z_-]+$/);
    const saved = JSON.parse((await run(['conversations', 'show', '--json', failed.conversationId])).stdout);
    expect(JSON.stringify(saved.messages)).toContain('Echo: two');
    const shown = JSON.parse((await run(['conversations', 'show', '--json', list[0].id])).stdout);
    expect(JSON.stringify(shown.messages)).toContain('Echo: one');
    const { execFileSync } = await import('node:child_process');
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes).not.toContain(`${EVERYTHING} stdio`);
  });

  it('a bad --mcp-config fails first: no model resolved, no store created (was reported after both)', async ({
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const config = join(home, 'broken.json');
    writeFileSync(config, '{"mcpServers": {"fs": {"command": 42}}}');
    const result = await run(['--mcp-config', config, '--mcp', 'fs', '-m', 'sonnet', 'hi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).not.toContain('model:');
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(home, 'conversations.db'))).toBe(false);
    expect(runtimeRequests(emulator)).toEqual([]);
  });

  it('names the flags that need --mcp, and an unknown server', async ({ onTestFinished }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    const lonely = await run(['--allow-tool', 'fs:*', 'hi']);
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toContain('error: --allow-tool needs --mcp <name>: no MCP server is enabled.');
    const unknown = await run([...using(config, 'nope'), 'hi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'error: No MCP server named "nope" is configured.\nhint: Configured: fs.',
    );
  });
});

describe.concurrent('bedrock-chat mcp add|list|remove', () => {
  it('keeps its own list (0600, secrets never printed) and lists status and tools', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    mkdirSync(join(home, 'notes'));
    const add = await run([
      'mcp',
      'add',
      '-e',
      'API_KEY=sk-very-secret',
      'fs',
      '--',
      process.execPath,
      FILESYSTEM,
      join(home, 'notes'),
    ]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added MCP server "fs" (stdio)');
    await run(['mcp', 'add', 'broken', '--', join(home, 'no-such-server')]);
    const { statSync, readFileSync } = await import('node:fs');
    const file = join(home, 'mcp.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).mcpServers.fs.env).toEqual({ API_KEY: 'sk-very-secret' });
    const list = await run(['mcp', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('fs: stdio ');
    expect(list.stdout).toContain('(env: API_KEY)');
    expect(list.stdout).toMatch(/ {2}connected · \d+ tools\n {2}fs:read_file, /);
    expect(list.stdout).toMatch(/broken: stdio .*\n {2}failed: /);
    expect(list.stdout + list.stderr).not.toContain('sk-very-secret');
    const json = JSON.parse((await run(['mcp', 'list', '--json'])).stdout);
    expect(
      json.servers.map((server: { name: string; status: string }) => [server.name, server.status]),
    ).toEqual([
      ['fs', 'connected'],
      ['broken', 'failed'],
    ]);
    const used = await run([
      '--mcp',
      'fs',
      '--allow-tool',
      'fs:*',
      `use fs__list_directory {"path":"${join(home, 'notes')}"}`,
    ]);
    expect(used.code).toBe(0);
    expect((await run(['mcp', 'remove', 'broken'])).code).toBe(0);
    const again = await run(['mcp', 'remove', 'broken']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('No MCP server named "broken"');
    const all = await run(['mcp', 'add', 'all', '--', process.execPath, FILESYSTEM]);
    expect(all.code).toBe(2);
    expect(all.stderr).toContain(
      'error: "all" cannot name a server: --mcp all means every configured server.',
    );
  });
  it('never prints a server secret: URL userinfo and query keys, literal env values, secret flags (verifier #3)', async ({
    onTestFinished,
  }) => {
    const { run } = await setup(onTestFinished);
    const secrets = [
      'pa55word',
      'QUERYSECRET',
      'xsecrettoken',
      'envsecretVALUE42',
      'sk-abc123',
      'correcthorse',
      '9f8e7d6c5b4a3921',
      's3cr3tValue99',
      'ghp_abcdef123456',
      'ghp_zzzz99999',
    ];
    await run([
      'mcp',
      'add',
      '-t',
      'http',
      '-H',
      'Authorization: Bearer xsecrettoken',
      'web',
      '--',
      'http://user:pa55word@127.0.0.1:1/mcp?api_key=QUERYSECRET',
    ]);
    // A server that quotes its literal env value, and one that quotes its own secret flags, on stderr.
    await run([
      'mcp',
      'add',
      '-e',
      'API_KEY=envsecretVALUE42',
      'leak',
      '--',
      process.execPath,
      '-e',
      "console.error('auth failed with key '+process.env.API_KEY);process.exit(1)",
    ]);
    await run([
      'mcp',
      'add',
      'flags',
      '--',
      process.execPath,
      '-e',
      "console.error('bad key '+process.argv.slice(1).join(' '));process.exit(1)",
      '--',
      '--api-key',
      'sk-abc123',
      '--password',
      'correcthorse',
    ]);
    // A server that prints secret-named variables whose names go on past the secret word (verifier s7 #11).
    await run([
      'mcp',
      'add',
      'boot',
      '--',
      process.execPath,
      '-e',
      "console.error('boot: SECRET_KEY_BASE=9f8e7d6c5b4a3921 DB_PASSWORD_PROD=s3cr3tValue99 GITHUB_TOKEN_RO=ghp_abcdef123456 GITHUB_TOKEN=ghp_zzzz99999');process.exit(1)",
    ]);
    const list = await run(['mcp', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^web: http http:\/\/\[redacted\]@127\.0\.0\.1:1\/mcp\?api_key=\[redacted\]/m,
    );
    expect(list.stdout).toMatch(/^ {2}failed: .*stderr: auth failed with key \[redacted\]/m);
    expect(list.stdout).toContain('--api-key [redacted] --password [redacted]');
    const json = await run(['mcp', 'list', '--json']);
    const errors = JSON.parse(json.stdout).servers.map((server: { error: string }) => server.error);
    expect(errors).toHaveLength(4);
    const turn = await run(['--mcp', 'all', 'hi']);
    expect(turn.code).toBe(0);
    expect(turn.stderr).toMatch(/^warning: MCP server "web" is not available/m);
    expect(turn.stderr).toMatch(/^warning: MCP server "leak" is not available.*\[redacted\]/m);
    expect(turn.stderr).toMatch(
      /^warning: MCP server "boot" is not available.*SECRET_KEY_BASE=\[redacted\] DB_PASSWORD_PROD=\[redacted\] GITHUB_TOKEN_RO=\[redacted\] GITHUB_TOKEN=\[redacted\]/m,
    );
    for (const output of [list.stdout, list.stderr, json.stdout, json.stderr, turn.stdout, turn.stderr]) {
      for (const secret of secrets) expect(output).not.toContain(secret);
    }
  });
});

describe.concurrent('bedrock-chat chat --mcp', () => {
  it('keeps the servers for the whole session; piped input cannot answer, so only allowed tools run', async ({
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const config = workspace(home, { fs: fs(home) });
    const notes = join(home, 'notes');
    const result = await run(['chat', ...using(config, 'fs'), '--allow-tool', 'fs:list_directory'], {
      stdin: `use fs__list_directory {"path":"${notes}"}\nuse fs__write_file {"path":"${join(notes, 'x.txt')}","content":"x"}\n`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fs__list_directory: [FILE] groceries.md');
    expect(result.stdout).toContain('fs__write_file failed: The user did not allow this call of the tool');
    expect(result.stderr.match(/^tool: /gm)).toHaveLength(2);
  });
});
