import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { basename, join } from 'node:path';
import { constants, Script } from 'node:vm';
import { describe, it } from 'vitest';
import { compileCacheDir, encodeCacheEntry } from '../src/compile-cache.js';
import {
  CLI_DIR,
  installedCopy,
  lastMessages,
  latestId,
  REJECTED_KEY,
  runtimeRequests,
  setup,
} from './e2e-harness.js';

describe.concurrent('bedrock-chat ask (built binary against the emulator)', () => {
  it('streams the reply to stdout and the conversation id to stderr', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    const result = await run(['hello', 'emulator']);
    expect(result).toMatchObject({ code: 0, stdout: 'Echo: hello emulator\n' });
    expect(result.stderr).toMatch(/^conversation: [0-9A-Z]{26}$/m);
    expect(result.stderr).toContain('model: sonnet → us.anthropic.claude-sonnet-5-5');
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
    expect(runtimeRequests(emulator).map((request) => [request.operation, request.modelId])).toEqual([
      ['ConverseStream', 'us.anthropic.claude-sonnet-5-5'],
    ]);
  });

  it('sends the whole history with -c', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    await run(['first question']);
    const second = await run(['-c', 'second question']);
    expect(second.code).toBe(0);
    expect(lastMessages(emulator)).toEqual([
      { role: 'user', content: [{ text: 'first question' }] },
      { role: 'assistant', content: [{ text: 'Echo: first question' }] },
      { role: 'user', content: [{ text: 'second question' }] },
    ]);
    const list = JSON.parse((await run(['conversations', 'list', '--json'])).stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ title: 'first question', messageCount: 4 });
  });

  it('uses piped stdin as context for the instruction', async ({ expect, onTestFinished }) => {
    const { run } = await setup(onTestFinished);
    const result = await run(['--no-save', 'summarise'], { stdin: 'line one\nline two\n' });
    expect(result.stdout).toBe('Echo: line one\nline two\n\nsummarise\n');
    const alone = await run(['--no-save'], { stdin: 'only stdin\n' });
    expect(alone.stdout).toBe('Echo: only stdin\n');
  });

  it('prints one JSON object with --json, and calls Converse with --no-stream', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.enqueue({ text: 'Four.' });
    const result = await run(['--json', '--no-stream', '-m', 'haiku', '2+2?']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual([
      'text',
      'conversationId',
      'model',
      'stopReason',
      'usage',
      'costUsd',
      'cacheSavedUsd',
      'citations',
      'reasoning',
    ]);
    expect(json).toMatchObject({
      text: 'Four.',
      conversationId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      model: 'us.anthropic.claude-haiku-5-5',
      stopReason: 'end_turn',
      usage: { inputTokens: expect.any(Number), outputTokens: 2, totalTokens: expect.any(Number) },
      costUsd: expect.any(Number),
    });
    expect(runtimeRequests(emulator).map((request) => request.operation)).toEqual(['Converse']);
  });

  it('--think: the reasoning on stderr, the answer alone on stdout; --json carries both; -c sends it back', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const result = await run(['--think', '--effort', 'max', 'why', 'not?']);
    expect(result).toMatchObject({ code: 0, stdout: 'Echo: why not?\n' });
    expect(result.stderr).toContain('Thinking at max effort about: why not?\n');
    const json = JSON.parse((await run(['-c', '--think', '--json', 'and?'])).stdout);
    expect(json).toMatchObject({ text: 'Echo: and?', reasoning: 'Thinking at high effort about: and?' });
    // The first turn's reasoning went back with its signature (the emulator checks it).
    const [firstReply] = (lastMessages(emulator) as { role: string; content: unknown[] }[]).filter(
      (message) => message.role === 'assistant',
    );
    expect(firstReply?.content[0]).toHaveProperty('reasoningContent.reasoningText.signature');
    const refused = await run(['--no-save', '-m', 'haiku-3.5', '--think', 'hi']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Claude 3.5 Haiku has no extended thinking.');
  });

  it('caches a continued conversation by default: -u shows the reads, writes and the saving; --no-cache sends none', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    // Above Haiku 4.5's 4,096-token minimum cacheable prefix.
    const handbook = 'Section: expenses are refunded within 30 days of a receipt. '.repeat(300);
    const first = await run(['-m', 'haiku-4.5', '-s', handbook, '-u', 'What is refunded?']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /usage: .*cache 0 read \/ \d{4,} written · ~\$[\d.]+ · cache write cost ~\$[\d.]+ extra/,
    );
    const second = await run(['-c', '-u', '--json', 'And when?']);
    const json = JSON.parse(second.stdout);
    expect(json.usage.cacheReadInputTokens).toBeGreaterThan(4_096);
    expect(json.cacheSavedUsd).toBeGreaterThan(0);
    const third = await run(['-c', '-u', 'Shorter.']);
    expect(third.stderr).toMatch(
      /usage: .*cache \d{4,} read \/ \d+ written · ~\$[\d.]+ · cache saved ~\$[\d.]+/,
    );

    const off = await run(['-c', '--no-cache', '--json', 'Once more.']);
    expect(JSON.parse(off.stdout)).toMatchObject({
      usage: { cacheReadInputTokens: 0, cacheWriteInputTokens: 0 },
      cacheSavedUsd: null,
    });
    expect(JSON.stringify(runtimeRequests(emulator).at(-1)?.body)).not.toContain('cachePoint');
  });

  it('stores nothing with --no-save', async ({ expect, onTestFinished }) => {
    const { run } = await setup(onTestFinished);
    const result = await run(['--no-save', 'ephemeral']);
    expect(result).toMatchObject({ code: 0, stdout: 'Echo: ephemeral\n' });
    expect(result.stderr).not.toContain('conversation:');
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('uses defaults from config set, below flags', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    expect((await run(['config', 'set', 'model', 'haiku'])).code).toBe(0);
    expect((await run(['config', 'get', 'model'])).stdout).toBe('haiku\n');
    await run(['--no-save', 'hi']);
    await run(['--no-save', '-m', 'opus', 'hi']);
    expect(runtimeRequests(emulator).map((request) => request.modelId)).toEqual([
      'us.anthropic.claude-haiku-5-5',
      'us.anthropic.claude-opus-5-5',
    ]);
  });

  it('a config file an older release wrote (maxSteps 500, timeoutMs past a day): every command names both keys and the repair, and config list/get/set/unset repair it', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    const path = join(home, 'config.json');
    writeFileSync(path, JSON.stringify({ maxSteps: 500, model: 'haiku', timeoutMs: 99999999999999 }));
    const refused = await run(['--no-save', 'hi']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `error: The config file ${path} is invalid: timeoutMs must be a whole number of milliseconds from 1 to 86400000 (a day) (got 99999999999999). maxSteps must be a whole number of model calls from 1 to 100 (got 500).\n` +
        'hint: Repair it with `bedrock-chat config unset timeoutMs` or `bedrock-chat config set timeoutMs 86400000`; `bedrock-chat config unset maxSteps` or `bedrock-chat config set maxSteps 100`',
    );
    expect(runtimeRequests(emulator)).toEqual([]);
    const list = await run(['config', 'list']);
    expect(list).toMatchObject({
      code: 0,
      stdout:
        'model=haiku\n' +
        'timeoutMs=99999999999999  (invalid: timeoutMs must be a whole number of milliseconds from 1 to 86400000 (a day) (got 99999999999999).)\n' +
        'maxSteps=500  (invalid: maxSteps must be a whole number of model calls from 1 to 100 (got 500).)\n',
    });
    expect(list.stderr).toContain(
      `${path}: maxSteps must be a whole number of model calls from 1 to 100 (got 500). Repair: \`bedrock-chat config unset maxSteps\` or \`bedrock-chat config set maxSteps 100\`.`,
    );
    expect(JSON.parse((await run(['config', 'list', '--json'])).stdout)).toEqual({
      model: 'haiku',
      timeoutMs: 99999999999999,
      maxSteps: 500,
    });
    expect(await run(['config', 'get', 'maxSteps'])).toMatchObject({ code: 0, stdout: '500\n' });
    // set checks the key it sets, and leaves the others as written.
    expect((await run(['config', 'set', 'maxSteps', '500'])).code).toBe(2);
    expect((await run(['config', 'set', 'maxSteps', '10'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      model: 'haiku',
      timeoutMs: 99999999999999,
      maxSteps: 10,
    });
    const stillRefused = await run(['--no-save', 'hi']);
    expect(stillRefused.code).toBe(2);
    expect(stillRefused.stderr).toContain(
      'hint: Repair it with `bedrock-chat config unset timeoutMs` or `bedrock-chat config set timeoutMs 86400000`, or fix',
    );
    expect((await run(['config', 'unset', 'timeoutMs'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ model: 'haiku', maxSteps: 10 });
    expect(await run(['--no-save', 'hi'])).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
    expect(runtimeRequests(emulator).map((request) => request.modelId)).toEqual([
      'us.anthropic.claude-haiku-5-5',
    ]);
  });

  it('a config file that is not JSON still refuses every command, config unset too', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const path = join(home, 'config.json');
    writeFileSync(path, '{"maxSteps": 500');
    for (const args of [
      ['config', 'unset', 'maxSteps'],
      ['config', 'list'],
      ['--no-save', 'hi'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`error: The config file ${path} is invalid: not valid JSON`);
    }
    expect(readFileSync(path, 'utf8')).toBe('{"maxSteps": 500');
  });

  it('--tier and --latency: sent to Bedrock, the served tier in -u and --json, the configured tier below the flag; refused before any call where the model lacks them', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const flex = await run(['--no-save', '-m', 'sonnet-4.6', '--tier', 'flex', '-u', 'hi']);
    expect(flex).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
    expect(flex.stderr).toMatch(/^usage: .* · flex tier · /m);
    expect(flex.stderr).toContain('warning: AWS lists no flex tier for Claude Sonnet 4.6');
    expect(runtimeRequests(emulator).at(-1)?.body).toMatchObject({ serviceTier: { type: 'flex' } });
    const json = JSON.parse(
      (await run(['--no-save', '-m', 'haiku-3.5', '--latency', 'optimized', '--json', 'hi'])).stdout,
    );
    expect(json).toMatchObject({
      latency: { mode: 'optimized', source: 'bedrock' },
      costUsd: expect.any(Number),
    });
    expect((await run(['config', 'set', 'tier', 'priority'])).code).toBe(0);
    await run(['--no-save', '-m', 'sonnet-4.6', 'hi']);
    expect(runtimeRequests(emulator).at(-1)?.body).toMatchObject({ serviceTier: { type: 'priority' } });
    await run(['--no-save', '-m', 'sonnet-4.6', '--tier', 'default', 'hi']);
    expect(runtimeRequests(emulator).at(-1)?.body).not.toHaveProperty('serviceTier');
    const before = runtimeRequests(emulator).length;
    const refused = await run(['--no-save', '-m', 'opus-4.6', 'hi']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Claude Opus 4.6 is not served on Bedrock's priority tier.");
    const latency = await run([
      '--no-save',
      '-m',
      'sonnet-4.6',
      '--tier',
      'default',
      '--latency',
      'optimized',
      'hi',
    ]);
    expect(latency.code).toBe(2);
    expect(latency.stderr).toContain('Claude Sonnet 4.6 has no latency-optimized inference on Bedrock.');
    expect(runtimeRequests(emulator)).toHaveLength(before);
    expect((await run(['--tier', 'turbo', 'hi'])).stderr).toContain(
      '--tier must be priority, default or flex (got "turbo")',
    );
  });

  it('leaves out the temperature Opus 4.7 refuses, with a warning, instead of failing', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const opus47 = await run(['-m', 'us.anthropic.claude-opus-4-7', '-t', '0.5', '--no-save', 'hi']);
    expect(opus47).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
    expect(opus47.stderr).toContain(
      'warning: Claude Opus 4.7 does not accept a temperature; it was not sent.',
    );
    // Sonnet 4.6 takes a temperature alone: sent as asked, without a word.
    const sonnet46 = await run(['-m', 'sonnet-4.6', '-t', '0.5', '--no-save', 'hi']);
    expect(sonnet46).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
    expect(sonnet46.stderr).not.toContain('warning:');
    const sent = runtimeRequests(emulator).map((request) => [
      request.modelId,
      (request.body as { inferenceConfig?: unknown } | undefined)?.inferenceConfig,
    ]);
    expect(sent).toEqual([
      ['us.anthropic.claude-opus-4-7', { maxTokens: 4096 }],
      ['us.anthropic.claude-sonnet-4-6', { maxTokens: 4096, temperature: 0.5 }],
    ]);
  });
});

describe.concurrent('version', () => {
  it('answers -V, -v and --version, alone (fast path) or with other flags (commander)', async ({
    expect,
    onTestFinished,
  }) => {
    const { run } = await setup(onTestFinished);
    const { version } = JSON.parse(readFileSync(join(CLI_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const argv of [['-V'], ['-v'], ['--version'], ['--debug', '-v'], ['--debug', '--version']]) {
      expect(await run(argv), argv.join(' ')).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe.concurrent('start-up code cache', () => {
  // Node 22.1+ keeps the compiled code itself (module.enableCompileCache); Node 20 uses ours.
  const ownCache = !('enableCompileCache' in nodeModule);

  it('keeps the compiled chunks in the cache directory; a damaged cache changes nothing but speed', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const first = await run(['hello', 'cache']);
    expect(first).toMatchObject({ code: 0, stdout: 'Echo: hello cache\n' });
    const codeDir = join(home, 'cache', 'code');
    const entries = () =>
      readdirSync(codeDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name));
    if (ownCache) {
      const chunks = new Set(readdirSync(join(CLI_DIR, 'dist')));
      expect(entries().length).toBeGreaterThan(5);
      expect(entries().every((file) => chunks.has(basename(file)))).toBe(true);
      for (const file of entries()) writeFileSync(file, 'damaged');
    } else {
      // Node's own compile cache, in a private directory of ours.
      expect(readdirSync(codeDir, { recursive: true }).length).toBeGreaterThan(0);
    }
    const second = await run(['hello', 'again']);
    expect(second).toMatchObject({ code: 0, stdout: 'Echo: hello again\n' });
    // The same notes as the first run (the model chosen, the conversation id), nothing about a cache.
    const notes = (stderr: string) => stderr.replace(/[0-9A-Z]{26}/, 'ID');
    expect(notes(second.stderr)).toBe(notes(first.stderr));
    if (ownCache) {
      expect(
        entries()
          .map((file) => readFileSync(file, 'utf8'))
          .includes('damaged'),
      ).toBe(false);
    }
  });

  it('a cache directory it may not write changes nothing (as nobody: root ignores modes)', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    chmodSync(home, 0o555);
    onTestFinished(async () => chmodSync(home, 0o700));
    const result = await run(['--no-save', 'hello'], { asNobody: true });
    expect(result).toMatchObject({ code: 0, stdout: 'Echo: hello\n' });
    expect(result.stderr).not.toMatch(/error|warning|cache|EACCES/i);
    expect(existsSync(join(home, 'cache'))).toBe(false);
  });

  /** The code cache directory of this build for `home`, and its `ask` chunk. */
  const codeCache = (home: string) => {
    const dist = join(CLI_DIR, 'dist');
    const ask = readdirSync(dist).find((name) => /^ask-.*\.cjs$/.test(name));
    if (ask === undefined) throw new Error('no ask chunk in dist');
    return { dir: compileCacheDir(dist, { BEDROCK_CHAT_HOME: home }, home), dist, ask };
  };

  /**
   * What whoever can write the cache directory could plant (the verifier's craft): bytecode of a
   * same-length source that starts with `console.error('INJECTED')`, under a valid header (its
   * hashes anyone can compute). V8 checks only the source's length.
   */
  const plantInjected = (home: string) => {
    const { dir, dist, ask } = codeCache(home);
    const filename = join(dist, ask);
    const source = readFileSync(filename, 'utf8');
    const inject = "console.error('INJECTED');";
    const tail = source.lastIndexOf('//# sourceMappingURL=');
    const crafted = `${inject}${source.slice(0, tail)}//${' '.repeat(source.length - inject.length - tail - 2)}`;
    if (crafted.length !== source.length) throw new Error('the crafted source must keep the length');
    const script = new Script(nodeModule.wrap(crafted), {
      filename,
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const sourceHash = createHash('sha256').update(source).digest();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, ask), encodeCacheEntry(sourceHash, script.createCachedData()), { mode: 0o600 });
    return join(dir, ask);
  };

  it.runIf(ownCache)(
    'a cache file damaged in place (same length: V8 11.3 would abort on it) is compiled anew and rewritten',
    async ({ expect, onTestFinished }) => {
      const { home, run } = await setup(onTestFinished);
      expect((await run(['hello'])).code).toBe(0);
      const file = join(codeCache(home).dir, codeCache(home).ask);
      const size = readFileSync(file).length;
      // The verifier's `dd seek=2000 conv=notrunc`, at many places: which bytes make V8 abort
      // depends on the build (here 300, 500, 1500 and 3000 did, 2000 did not).
      const fd = openSync(file, 'r+');
      for (let offset = 200; offset + 8 < size; offset += 997)
        writeSync(fd, Buffer.alloc(8, 0xff), 0, 8, offset);
      closeSync(fd);
      const damaged = readFileSync(file);
      for (const prompt of ['after damage', 'once more']) {
        const result = await run([prompt]);
        expect(result).toMatchObject({ code: 0, stdout: `Echo: ${prompt}\n` });
        expect(result.stderr).not.toMatch(/fatal|error|cache/i);
      }
      expect(readFileSync(file).equals(damaged)).toBe(false);
      expect(readFileSync(file).length).toBe(size);
    },
  );

  it.runIf(ownCache)(
    'never runs bytecode from a cache directory someone else owns or may write (root here, then nobody)',
    async ({ expect, onTestFinished }) => {
      const { home, run } = await setup(onTestFinished);
      const { dir } = codeCache(home);
      // In a directory only we own and may write, the planted entry would run: the check is
      // what stands between the two.
      plantInjected(home);
      expect((await run(['--no-save', 'trusted'])).stderr).toContain('INJECTED');

      // The verifier's case: the tree written by nobody (a world-writable cache parent).
      const planted = plantInjected(home);
      const plantedBytes = readFileSync(planted);
      const listing = readdirSync(dir).sort();
      // Not read, and not written either: the directory is as it was.
      const unchanged = () => {
        expect(readdirSync(dir).sort()).toEqual(listing);
        expect(readFileSync(planted).equals(plantedBytes)).toBe(true);
      };
      for (const path of [join(home, 'cache'), join(home, 'cache', 'code'), join(dir, '..'), dir, planted]) {
        chownSync(path, 65534, 65534);
      }
      const foreign = await run(['--no-save', 'foreign']);
      expect(foreign).toMatchObject({ code: 0, stdout: 'Echo: foreign\n' });
      expect(foreign.stderr).not.toMatch(/INJECTED|cache|error/i);
      unchanged();

      // Ours, but group-writable.
      for (const path of [join(home, 'cache'), join(home, 'cache', 'code'), join(dir, '..'), dir, planted]) {
        chownSync(path, 0, 0);
      }
      chmodSync(dir, 0o770);
      const groupWritable = await run(['--no-save', 'group']);
      expect(groupWritable).toMatchObject({ code: 0, stdout: 'Echo: group\n' });
      expect(groupWritable.stderr).not.toMatch(/INJECTED|cache|error/i);
      unchanged();

      // As nobody (root ignores modes): a root-owned cache in nobody's home is not theirs to trust.
      chmodSync(dir, 0o755);
      chownSync(home, 65534, 65534);
      onTestFinished(() => chownSync(home, 0, 0));
      const asNobody = await run(['--no-save', 'nobody'], { asNobody: true });
      expect(asNobody).toMatchObject({ code: 0, stdout: 'Echo: nobody\n' });
      expect(asNobody.stderr).not.toMatch(/INJECTED|cache|error|EACCES/i);
      unchanged();
    },
  );

  it('Node 22+: its own compile cache goes to a private directory of ours, and never into one others may write', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const { dir } = codeCache(home);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o770);
    expect(await run(['--no-save', 'hello'])).toMatchObject({ code: 0, stdout: 'Echo: hello\n' });
    expect(readdirSync(dir)).toEqual([]);
    chmodSync(dir, 0o700);
    expect(await run(['--no-save', 'hello'])).toMatchObject({ code: 0, stdout: 'Echo: hello\n' });
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  });

  it('runs alternating V8 flags (NODE_OPTIONS) rewrite no cache file: each set keeps its own', async ({
    expect,
    onTestFinished,
  }) => {
    const { home, run } = await setup(onTestFinished);
    const codeDir = join(home, 'cache', 'code');
    /** Every cache file with its inode and modification time: a rewrite (temp + rename) changes both. */
    const files = () =>
      new Map(
        readdirSync(codeDir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const path = join(entry.parentPath, entry.name);
            const stats = statSync(path);
            return [path, `${stats.ino}:${stats.mtimeMs}`] as const;
          }),
      );
    const small = { env: { NODE_OPTIONS: '--max-old-space-size=2048' } };
    const large = { env: { NODE_OPTIONS: '--max-old-space-size=4096' } };
    for (const options of [small, large]) {
      expect(await run(['--no-save', 'warm'], options)).toMatchObject({ code: 0, stdout: 'Echo: warm\n' });
    }
    const warmed = files();
    expect(warmed.size).toBeGreaterThan(0);
    for (const options of [small, large, small]) {
      expect(await run(['--no-save', 'again'], options)).toMatchObject({ code: 0, stdout: 'Echo: again\n' });
    }
    expect(files()).toEqual(warmed);
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 writes none', async ({ expect, onTestFinished }) => {
    const { home, run } = await setup(onTestFinished);
    const result = await run(['hello'], { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(result).toMatchObject({ code: 0, stdout: 'Echo: hello\n' });
    expect(existsSync(join(home, 'cache', 'code'))).toBe(false);
  });
});

describe.concurrent('exit codes', () => {
  it('2: invalid flag value, unknown conversation id', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    const temperature = await run(['-t', '2', 'hi']);
    expect(temperature).toMatchObject({ code: 2, stdout: '' });
    expect(temperature.stderr).toBe('error: --temperature must be a number from 0 to 1 (got "2").\n');
    const unknown = await run(['--conversation', '01JDQ5Z8M3X4B2N7K9P0R6S1TV', 'hi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: No conversation with id 01JDQ5Z8M3X4B2N7K9P0R6S1TV.');
    expect(runtimeRequests(emulator)).toEqual([]);
  });

  it('3: rejected API key, missing credentials', async ({ expect, onTestFinished }) => {
    const { run } = await setup(onTestFinished);
    const rejected = await run(['hi'], { env: { AWS_BEARER_TOKEN_BEDROCK: REJECTED_KEY } });
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toContain('error: Bedrock rejected the credentials');
    expect(rejected.stderr).toContain('hint: Your Bedrock API key was rejected.');
    expect(rejected.stderr).not.toContain(REJECTED_KEY);
    const missing = await run(['hi'], { env: { AWS_BEARER_TOKEN_BEDROCK: undefined } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('error: No AWS credentials were found.');
    const json = await run(['--json', 'hi'], { env: { AWS_BEARER_TOKEN_BEDROCK: REJECTED_KEY } });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'CREDENTIALS_REJECTED',
        message: expect.stringMatching(/^Bedrock rejected the credentials: Authentication failed/),
        hint: expect.stringContaining('Your Bedrock API key was rejected.'),
      },
    });
  });

  it('4: model access denied, unknown model', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.fail({
      kind: 'error',
      error: 'AccessDeniedException',
      message: "You don't have access to the model",
    });
    const denied = await run(['hi']);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain('error: Model access not granted for us.anthropic.claude-sonnet-5-5');
    const unknown = await run(['-m', 'anthropic.claude-nonexistent-v1:0', 'hi']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('is not a model Bedrock offers in us-east-1');
    expect(unknown.stderr.split('\n').filter((line) => line.startsWith('error:'))).toHaveLength(1);
    // Warned before the call, as doctor would have.
    expect(unknown.stderr).toMatch(
      /^warning: model anthropic\.claude-nonexistent-v1:0 is not in the built-in table: Bedrock decides whether it works\.\nhint: .*\nerror: /m,
    );
    // A script reading stdout gets the failure as JSON; stderr keeps the line for a person.
    const json = await run(['--json', '-m', 'anthropic.claude-nonexistent-v1:0', 'hi']);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'MODEL_NOT_IN_REGION',
        message: 'anthropic.claude-nonexistent-v1:0 is not a model Bedrock offers in us-east-1.',
        hint: expect.stringContaining('bedrock-chat models'),
      },
    });
    expect(json.stderr).toContain('error: anthropic.claude-nonexistent-v1:0 is not a model Bedrock offers');
  });

  it('5: throttled, and service unavailable after retries', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    emulator.fail({ kind: 'throttle' });
    const throttled = await run(['hi']);
    expect(throttled.code).toBe(5);
    expect(throttled.stderr).toContain('error: Bedrock throttled the request');
    emulator.fail({ kind: 'throttle' });
    const json = await run(['--json', 'hi']);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'THROTTLED',
        message:
          'Bedrock throttled the request (after 1 attempt): Too many requests, please wait before trying again.',
        hint: expect.stringContaining('Wait and retry'),
      },
    });
    emulator.clearRequests();
    emulator.fail({ kind: 'error', error: 'ServiceUnavailableException', times: 2 });
    const unavailable = await run(['hi'], { env: { AWS_MAX_ATTEMPTS: '2' } });
    expect(unavailable.code).toBe(5);
    expect(unavailable.stderr).toContain('Bedrock is unavailable (after 2 attempts)');
    expect(runtimeRequests(emulator)).toHaveLength(2);
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('5: Bedrock going silent mid-reply for longer than the timeout is TIMEOUT, nothing saved (verifier s7 #3)', async ({
    expect,
    onTestFinished,
  }) => {
    // Over HTTP/2 the stream's own idle timeout used to win and the reply read as cut off (NETWORK_ERROR).
    const { run } = await setup(onTestFinished, { chunkDelayMs: 1_500, chunkTokens: 1 });
    const env = { BEDROCK_CHAT_TIMEOUT_MS: '700' };
    const streamed = await run(['hello there world'], { env });
    expect(streamed.code).toBe(5);
    // The part that came stays printed; the error says what happened.
    expect(streamed.stdout).toMatch(/^Echo/);
    expect(streamed.stderr).toContain('error: Bedrock went silent for 700 ms mid-reply.');
    expect(streamed.stderr).toContain('BEDROCK_CHAT_TIMEOUT_MS');
    expect(streamed.stderr).not.toContain('connection');
    const json = await run(['--json', 'hello there world'], { env });
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'TIMEOUT', message: 'Bedrock went silent for 700 ms mid-reply.' },
    });
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('1: a store whose native addon was never built fails before the call, with a fix; --no-save works', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    // The CLI as installed with its dependencies' build scripts skipped: no better-sqlite3 addon.
    const { bin } = installedCopy('no-addon', onTestFinished);
    const saving = await run(['hi'], { bin });
    expect(saving).toMatchObject({ code: 1, stdout: '' });
    expect(saving.stderr).toContain("better-sqlite3's native addon is not built");
    expect(saving.stderr).toContain('npm rebuild better-sqlite3');
    expect(runtimeRequests(emulator)).toEqual([]);
    expect(await run(['--no-save', 'hi'], { bin })).toMatchObject({ code: 0, stdout: 'Echo: hi\n' });
  });

  it('130: Ctrl-C mid-stream cancels the reply and leaves the store unchanged', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    await run(['remember this']);
    const before = (await run(['conversations', 'show', '--json', (await latestId(run)) ?? ''])).stdout;
    emulator.setDefaults({ chunkDelayMs: 100, chunkTokens: 1 });
    emulator.enqueue({ generate: { tokens: 400 } });
    const interrupted = await run(['-c', 'a long answer please'], {
      onOutput: (child) => child.kill('SIGINT'),
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout.length).toBeGreaterThan(0);
    // The user's own cancel is not reported as an error.
    expect(interrupted.stderr).toMatch(
      /^The request was cancelled\. Nothing was saved; the conversation is as it was\.$/m,
    );
    expect(interrupted.stderr).not.toContain('error:');
    emulator.enqueue({ generate: { tokens: 400 } });
    // --json prints nothing on stdout until the reply is complete: press Ctrl-C once stderr has
    // named the model (the Ctrl-C handler is in place by then).
    const json = await run(['-c', '--json', '-m', 'haiku', 'again please'], {
      onStderr: (child) => child.kill('SIGINT'),
    });
    expect(json.code).toBe(130);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'ABORTED',
        message: 'The request was cancelled.',
        hint: 'Nothing was saved; the conversation is as it was.',
      },
    });
    const after = (await run(['conversations', 'show', '--json', (await latestId(run)) ?? ''])).stdout;
    expect(after).toBe(before);
    expect(JSON.parse(after).messageCount).toBe(2);
  });
});

describe.concurrent('conversations, models, doctor, chat', () => {
  it('lists, shows, renames, exports and deletes', async ({ expect, onTestFinished }) => {
    const { home, run } = await setup(onTestFinished);
    await run(['tea or coffee?']);
    const [item] = JSON.parse((await run(['conversations', 'list', '--json'])).stdout);
    expect(Object.keys(item)).toEqual(['id', 'title', 'model', 'createdAt', 'updatedAt', 'messageCount']);
    const shown = JSON.parse((await run(['conversations', 'show', item.id, '--json'])).stdout);
    expect(shown.messages).toEqual([
      { role: 'user', content: [{ text: 'tea or coffee?' }] },
      { role: 'assistant', content: [{ text: 'Echo: tea or coffee?' }] },
    ]);
    expect((await run(['conversations', 'rename', item.id, 'Drinks'])).code).toBe(0);
    const table = await run(['conversations', 'list']);
    expect(table.stdout).toMatch(new RegExp(`^${item.id}\\s.*\\s2\\s+Drinks$`, 'm'));
    const exported = await run(['conversations', 'export', item.id, '--format', 'json', '-o', 'drinks.json']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(join(home, 'drinks.json'), 'utf8')).conversation.title).toBe('Drinks');
    expect((await run(['conversations', 'rm', item.id])).code).toBe(0);
    const gone = await run(['conversations', 'show', item.id]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`error: No conversation with id ${item.id}.`);
  });

  it('models --json lists what the control plane returns, else the built-in table', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const result = await run(['models', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ region: 'us-east-1', source: 'bedrock', fallbackReason: null });
    expect(json.models).toContainEqual(
      expect.objectContaining({
        modelId: 'us.anthropic.claude-haiku-5-5',
        aliases: expect.arrayContaining(['haiku']),
      }),
    );
    expect(emulator.requests.map((request) => request.operation)).toEqual([
      'ListFoundationModels',
      'ListInferenceProfiles',
    ]);
    emulator.fail({ kind: 'error', error: 'AccessDeniedException', operations: ['ListFoundationModels'] });
    const denied = await run(['models']);
    expect(denied.code).toBe(0);
    expect(denied.stderr).toContain('warning: could not list models from Bedrock');
    expect(denied.stdout).toContain('us.anthropic.claude-sonnet-5-5');
  });

  it('doctor --json passes against the emulator and names its sources', async ({
    expect,
    onTestFinished,
  }) => {
    const { emulator, run } = await setup(onTestFinished);
    const result = await run(['doctor', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.checks.map((check: { name: string }) => check.name)).toEqual([
      'node',
      'config file',
      'credentials',
      'region',
      'endpoint',
      'control plane',
      'timeout',
      'max attempts',
      'retry mode',
      'model list',
      'model',
      'model access',
      'conversation store',
    ]);
    expect(report.checks[2]).toMatchObject({
      summary: 'Bedrock API key',
      source: 'env AWS_BEARER_TOKEN_BEDROCK',
    });
    expect(runtimeRequests(emulator)[0]?.body).toMatchObject({ inferenceConfig: { maxTokens: 1 } });
  });

  it('chat reads piped lines as a multi-turn conversation', async ({ expect, onTestFinished }) => {
    const { emulator, run } = await setup(onTestFinished);
    const result = await run(['chat'], { stdin: 'one\n/usage\ntwo\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Echo: one\nEcho: two\n');
    expect(result.stderr).toContain('session: 1 reply');
    expect(lastMessages(emulator)).toHaveLength(3);
  });

  it('chat --no-save shows no conversation id and stores nothing', async ({ expect, onTestFinished }) => {
    const { run } = await setup(onTestFinished);
    const result = await run(['chat', '--no-save'], { stdin: 'one\n/id\n' });
    expect(result).toMatchObject({ code: 0, stdout: 'Echo: one\n' });
    expect(result.stderr).toContain('(nothing is saved with --no-save: there is no conversation id)');
    expect(result.stderr).not.toMatch(/conversation: [0-9A-Z]{26}/);
    expect(JSON.parse((await run(['conversations', 'list', '--json'])).stdout)).toEqual([]);
  });
});
