import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED_THINKING_TRIGGER, redactedReasoning, signReasoning } from './reasoning-signature.js';
import { useEmulator } from './sdk-test-clients.js';

/**
 * The emulator seen by boto3, a client that shares no code with the AWS SDK for JavaScript: each
 * case goes over the real wire from a Python process, and Bedrock's error code, status and
 * message must come back as a boto3 user sees them (`error.response['Error']`).
 */
const SCRIPT = fileURLToPath(new URL('./__fixtures__/boto3-client.py', import.meta.url));

interface ToolUse {
  toolUseId: string;
  name: string;
  input: unknown;
}

type Boto3Result =
  | {
      ok: true;
      text: string;
      stopReason: string;
      toolUses: ToolUse[];
      reasoning: ({ text: string; signature: string } | { redacted: string })[];
      usage: Record<string, unknown>;
      served: Record<string, unknown>;
    }
  | { ok: false; code: string; message: string; status: number };

interface Boto3Case {
  operation?: 'converse' | 'converse_stream';
  /** false: boto3 does not check the Smithy constraints itself, so the service is the judge. */
  validate?: false;
  request: Record<string, unknown>;
}

const { emulator } = useEmulator();
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'boto3-home-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/**
 * The first python3 on PATH that has boto3. `npx pnpm …` puts Node's own directory (/usr/bin here)
 * ahead of the rest of PATH, and the system Python there has no boto3, while the pyenv Python
 * further on does: taking PATH's first python3 made the test depend on how pnpm was started.
 */
let python: string | undefined;
function pythonWithBoto3(): string {
  if (python !== undefined) return python;
  python = 'python3';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'python3');
    const probe = spawnSync(candidate, ['-c', 'import boto3'], { stdio: 'ignore' });
    if (probe.status === 0) {
      python = candidate;
      break;
    }
  }
  return python;
}

/** Runs every case in one Python process (importing boto3 takes most of a second). */
async function sendWithBoto3(cases: readonly Boto3Case[]): Promise<Boto3Result[]> {
  // A bare environment: no AWS profile, key or endpoint of the machine reaches boto3.
  const child = spawn(pythonWithBoto3(), [SCRIPT], {
    env: { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: join(home, 'none') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.end(JSON.stringify({ endpoint: emulator().url, region: emulator().region, cases }));
  const code = await exited;
  if (code !== 0) throw new Error(`python3 exited with ${code}: ${stderr}`);
  return JSON.parse(stdout) as Boto3Result[];
}

const HAIKU_45 = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const OPUS_45 = 'us.anthropic.claude-opus-4-5-20251101-v1:0';
const SONNET_46 = 'us.anthropic.claude-sonnet-4-6';
const OPUS_46 = 'global.anthropic.claude-opus-4-6-v1';
const OPUS_47 = 'global.anthropic.claude-opus-4-7';
const OPUS_55 = 'global.anthropic.claude-opus-5-5';
const MODEL_ERROR = 'The model returned the following errors: ';
const HAIKU_35 = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';
const OPUS_41 = 'us.anthropic.claude-opus-4-1-20250805-v1:0';
const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

const user = (...content: unknown[]) => ({ role: 'user', content });
const assistant = (...content: unknown[]) => ({ role: 'assistant', content });
const ask = (text: string) => user({ text });
const document = (name: string, format = 'txt', bytes = 8) => ({
  document: { format, name, source: { bytes: { $bytes: bytes } } },
});
const MIB = 1024 * 1024;
const image = (bytes: number) => ({ image: { format: 'png', source: { bytes: { $bytes: bytes } } } });
/** The first 24 bytes of a PNG: signature and IHDR, which carry its width and height. */
const pngHeader = (width: number, height: number) => {
  const header = Buffer.alloc(24);
  header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
};
const pngImage = (width: number, height: number) => ({
  image: { format: 'png', source: { bytes: { $base64: pngHeader(width, height).toString('base64') } } },
});
const sha256Prefix = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const tool = (name: string) => ({ toolSpec: { name, inputSchema: { json: { type: 'object' } } } });
const cachePoint = { cachePoint: { type: 'default' } };
/** 5,000 tokens under the emulator's tokeniser (4 characters each). */
const LONG_SYSTEM = 'S'.repeat(20_000);
const tools = (...names: string[]) => ({ tools: names.map(tool) });
const call = (toolUseId: string, name: string, input: unknown = {}) => ({
  toolUse: { toolUseId, name, input },
});
const result = (toolUseId: string, text: string, status?: 'error') => ({
  toolResult: { toolUseId, content: text === '' ? [] : [{ text }], ...(status ? { status } : {}) },
});
/** A prompt, the assistant's two calls, and the user's answers. */
const twoCalls = (...answers: unknown[]) => [
  ask('weather and time?'),
  assistant(call('t1', 'weather'), call('t2', 'clock')),
  user(...answers),
];
const thinking = { thinking: { type: 'enabled', budget_tokens: 1024 } };
const FABLE_5 = 'us.anthropic.claude-fable-5';
const signed = (text: string) => ({
  reasoningContent: { reasoningText: { text, signature: signReasoning(text) } },
});
const WHY = 'Thinking at high effort, within 1024 tokens about: why?';
const CITY = { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false };
/** `outputConfig` with a JSON schema, which travels as a string. */
const textFormat = (schema: unknown) => ({
  textFormat: {
    type: 'json_schema',
    structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'plan' } },
  },
});

/** Each case: what is sent, and what a boto3 user sees back. */
const CASES: readonly { name: string; send: Boto3Case; expected: Partial<Boto3Result> }[] = [
  {
    name: 'a plain prompt',
    send: { request: { modelId: HAIKU_45, messages: [ask('hello')] } },
    expected: { ok: true, text: 'Echo: hello', stopReason: 'end_turn' },
  },
  {
    name: 'prefill on Haiku 4.5 (accepted)',
    send: { request: { modelId: HAIKU_45, messages: [ask('JSON please'), assistant({ text: '{' })] } },
    expected: { ok: true },
  },
  {
    name: 'prefill on Sonnet 4.6',
    send: { request: { modelId: SONNET_46, messages: [ask('JSON please'), assistant({ text: '{' })] } },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}This model does not support assistant message prefill. The conversation must end with a user message.`,
    },
  },
  {
    name: 'prefill on Opus 4.6, streaming',
    send: {
      operation: 'converse_stream',
      request: { modelId: OPUS_46, messages: [ask('JSON please'), assistant({ text: '{' })] },
    },
    expected: { ok: false, message: expect.stringMatching(/does not support assistant message prefill/) },
  },
  {
    name: 'temperature and topP on Opus 4.5',
    send: {
      request: { modelId: OPUS_45, messages: [ask('hi')], inferenceConfig: { temperature: 0.5, topP: 0.9 } },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}\`temperature\` and \`top_p\` cannot both be specified for this model. Please use only one.`,
    },
  },
  {
    name: 'temperature alone on Opus 4.5 (accepted)',
    send: { request: { modelId: OPUS_45, messages: [ask('hi')], inferenceConfig: { temperature: 0.5 } } },
    expected: { ok: true },
  },
  {
    name: 'temperature on Opus 4.7',
    send: { request: { modelId: OPUS_47, messages: [ask('hi')], inferenceConfig: { temperature: 0.5 } } },
    expected: { ok: false, message: `${MODEL_ERROR}temperature is deprecated for this model.` },
  },
  {
    name: 'temperature and topP on Opus 4.1',
    send: {
      request: { modelId: OPUS_41, messages: [ask('hi')], inferenceConfig: { temperature: 0.5, topP: 0.9 } },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}\`temperature\` and \`top_p\` cannot both be specified for this model. Please use only one.`,
    },
  },
  {
    name: 'temperature and topP on Sonnet 4 (accepted)',
    send: {
      request: { modelId: SONNET_4, messages: [ask('hi')], inferenceConfig: { temperature: 0.5, topP: 0.9 } },
    },
    expected: { ok: true },
  },
  {
    name: 'temperature on Opus 5.5, the newest Opus',
    send: { request: { modelId: OPUS_55, messages: [ask('hi')], inferenceConfig: { temperature: 0.5 } } },
    expected: { ok: false, message: `${MODEL_ERROR}temperature is deprecated for this model.` },
  },
  {
    name: 'an empty stop sequence (boto3 not checking)',
    send: {
      validate: false,
      request: { modelId: HAIKU_45, messages: [ask('hi')], inferenceConfig: { stopSequences: ['END', ''] } },
    },
    expected: {
      ok: false,
      message:
        "1 validation error detected: Value '' at 'inferenceConfig.stopSequences.2.member' " +
        'failed to satisfy constraint: Member must have length greater than or equal to 1',
    },
  },
  {
    name: 'a tool history without toolConfig',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [
          ask('weather?'),
          assistant({ toolUse: { toolUseId: 't1', name: 'weather', input: {} } }),
          user({ toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } }),
        ],
      },
    },
    expected: {
      ok: false,
      message: 'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    },
  },
  {
    name: 'a tool name with a dot',
    send: {
      request: { modelId: HAIKU_45, messages: [ask('hi')], toolConfig: { tools: [tool('kb.search')] } },
    },
    expected: {
      ok: false,
      message:
        "1 validation error detected: Value 'kb.search' at 'toolConfig.tools.1.member.toolSpec.name' " +
        'failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
    },
  },
  {
    name: 'the tool convention: two calls at once, then a quote of the results',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('use weather {"city":"Paris"} and use clock')],
        toolConfig: tools('weather', 'clock'),
      },
    },
    expected: {
      ok: true,
      text: '',
      stopReason: 'tool_use',
      toolUses: [
        { toolUseId: 'tooluse_emu1_1', name: 'weather', input: { city: 'Paris' } },
        { toolUseId: 'tooluse_emu1_2', name: 'clock', input: {} },
      ],
    },
  },
  {
    name: 'the tool convention, streamed: contentBlockStart with id and name, input as JSON deltas',
    send: {
      operation: 'converse_stream',
      request: {
        modelId: HAIKU_45,
        messages: [ask('use weather {"city":"Paris","days":[1,2,3],"note":"a {brace}"}')],
        toolConfig: tools('weather'),
      },
    },
    expected: {
      ok: true,
      stopReason: 'tool_use',
      toolUses: [
        {
          toolUseId: 'tooluse_emu1_1',
          name: 'weather',
          input: { city: 'Paris', days: [1, 2, 3], note: 'a {brace}' },
        },
      ],
    },
  },
  {
    name: 'results of both calls in the next message: the reply quotes them',
    send: {
      operation: 'converse_stream',
      request: {
        modelId: HAIKU_45,
        messages: twoCalls(result('t1', 'sunny'), result('t2', 'no clock here', 'error')),
        toolConfig: tools('weather', 'clock'),
      },
    },
    expected: {
      ok: true,
      text: 'Tool results:\nweather: sunny\nclock failed: no clock here',
      stopReason: 'end_turn',
      toolUses: [],
    },
  },
  {
    name: 'a forced tool choice makes the call without a prompt convention',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hello')],
        toolConfig: { ...tools('weather', 'clock'), toolChoice: { tool: { name: 'clock' } } },
      },
    },
    expected: {
      ok: true,
      stopReason: 'tool_use',
      toolUses: [{ toolUseId: 'tooluse_emu1_1', name: 'clock', input: {} }],
    },
  },
  {
    name: 'a call left unanswered',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: twoCalls(result('t1', 'sunny')),
        toolConfig: tools('weather', 'clock'),
      },
    },
    expected: {
      ok: false,
      message: 'Expected toolResult blocks at messages.2.content for the following Ids: t2',
    },
  },
  {
    name: 'more results than calls',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: twoCalls(result('t1', 'a'), result('t2', 'b'), result('t3', 'c')),
        toolConfig: tools('weather', 'clock'),
      },
    },
    expected: {
      ok: false,
      message:
        'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
    },
  },
  {
    name: 'an error result without content',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: twoCalls(result('t1', 'sunny'), result('t2', '', 'error')),
        toolConfig: tools('weather', 'clock'),
      },
    },
    expected: {
      ok: false,
      message:
        'The content field at messages.2.content.1.toolResult cannot be empty when status value is error.',
    },
  },
  {
    name: 'a toolUseId with a space (boto3 not checking)',
    send: {
      validate: false,
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi'), assistant(call('t 1', 'weather')), user(result('t 1', 'sunny'))],
        toolConfig: tools('weather'),
      },
    },
    expected: {
      ok: false,
      message:
        "2 validation errors detected: Value 't 1' at 'messages.2.member.content.1.member.toolUse.toolUseId' " +
        'failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+; ' +
        "Value 't 1' at 'messages.3.member.content.1.member.toolResult.toolUseId' failed to satisfy " +
        'constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+',
    },
  },
  {
    name: 'a tool choice naming a tool that is not offered',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi')],
        toolConfig: { ...tools('weather'), toolChoice: { tool: { name: 'clock' } } },
      },
    },
    expected: { ok: false, message: `${MODEL_ERROR}Tool 'clock' not found in provided tools` },
  },
  {
    name: 'a forced tool choice with thinking',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi')],
        toolConfig: { ...tools('weather'), toolChoice: { any: {} } },
        additionalModelRequestFields: thinking,
        inferenceConfig: { maxTokens: 2048 },
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}Thinking may not be enabled when tool_choice forces tool use.`,
    },
  },
  {
    name: 'thinking with tool choice auto (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi')],
        toolConfig: { ...tools('weather'), toolChoice: { auto: {} } },
        additionalModelRequestFields: thinking,
        inferenceConfig: { maxTokens: 2048 },
      },
    },
    expected: { ok: true, text: 'Echo: hi', stopReason: 'end_turn' },
  },
  {
    name: 'a document named like a file',
    send: { request: { modelId: HAIKU_45, messages: [user(document('a_b.pdf'), { text: 'Summarise.' })] } },
    expected: { ok: false, message: expect.stringMatching(/^The document file name can only contain/) },
  },
  {
    name: 'a document with a valid name and a text block (accepted)',
    send: {
      request: { modelId: HAIKU_45, messages: [user(document('Q3 report (v2)'), { text: 'Summarise.' })] },
    },
    expected: { ok: true },
  },
  {
    name: 'six documents',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [
          user(...['a', 'b', 'c', 'd', 'e', 'f'].map((name) => document(name)), { text: 'Compare.' }),
        ],
      },
    },
    expected: { ok: false, message: "You can't include more than 5 documents in a request." },
  },
  {
    name: 'a text document over 4.5 MiB',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user(document('notes', 'txt', 4.5 * MIB + 1), { text: 'Summarise.' })],
      },
    },
    expected: {
      ok: false,
      message:
        'The maximum document size is 4.5 MB. Reduce the size of your document and retry your request.',
    },
  },
  {
    name: 'a PDF over 4.5 MiB (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user(document('scan', 'pdf', 4.5 * MIB + 1), { text: 'Summarise.' })],
      },
    },
    expected: { ok: true },
  },
  {
    name: 'an empty document name',
    send: {
      validate: false,
      request: { modelId: HAIKU_45, messages: [user(document(''), { text: 'Summarise.' })] },
    },
    expected: {
      ok: false,
      message:
        "1 validation error detected: Value '' at 'messages.1.member.content.1.member.document.name' " +
        'failed to satisfy constraint: Member must have length greater than or equal to 1',
    },
  },
  {
    name: 'an empty tool list',
    send: {
      validate: false,
      request: { modelId: HAIKU_45, messages: [ask('hi')], toolConfig: { tools: [] } },
    },
    expected: {
      ok: false,
      message:
        "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    },
  },
  {
    name: 'an empty tool name',
    send: {
      validate: false,
      request: { modelId: HAIKU_45, messages: [ask('hi')], toolConfig: { tools: [tool('')] } },
    },
    expected: {
      ok: false,
      message: expect.stringMatching(
        /^2 validation errors detected: .*regular expression pattern.*; Value '' at 'toolConfig\.tools\.1\.member\.toolSpec\.name' failed to satisfy constraint: Member must have length greater than or equal to 1$/,
      ),
    },
  },
  {
    name: 'an image over 3.75 MiB',
    send: {
      request: { modelId: HAIKU_45, messages: [user({ text: 'Describe.' }, image(3.75 * 1024 * 1024 + 1))] },
    },
    expected: {
      ok: false,
      message: expect.stringMatching(
        /^The model returned the following errors: messages\.0\.content\.1\.image\.source\.bytes: image exceeds 5 MB maximum: \d+ bytes > 5242880 bytes$/,
      ),
    },
  },
  {
    name: 'an image 8001 px wide',
    send: { request: { modelId: HAIKU_45, messages: [user({ text: 'Describe.' }, pngImage(8001, 10))] } },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}messages.0.content.1.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels`,
    },
  },
  {
    name: 'an image of 8000 × 8000 px and a document: the reply says what the model received',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user(pngImage(8000, 8000), document('notes', 'md', 8), { text: 'Describe.' })],
      },
    },
    expected: {
      ok: true,
      text: [
        'Echo: Describe.',
        `[message 1: image png, 24 bytes, 8000x8000, sha256 ${sha256Prefix(pngHeader(8000, 8000))}]`,
        `[message 1: document "notes" md, 8 bytes, sha256 ${sha256Prefix(Buffer.alloc(8))}]`,
      ].join('\n'),
    },
  },
  {
    name: 'thinking with a budget under 1,024',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('think')],
        inferenceConfig: { maxTokens: 4096 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1000 } },
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}thinking.enabled.budget_tokens: Input should be greater than or equal to 1024`,
    },
  },
  {
    name: 'thinking with temperature 0.5',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('think')],
        inferenceConfig: { maxTokens: 4096, temperature: 0.5 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}temperature may only be set to 1 when thinking is enabled.`,
    },
  },
  {
    name: 'a document in an assistant message',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi'), assistant({ text: 'See' }, document('notes')), ask('and?')],
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}messages.1.content: 'document' blocks are not permitted within assistant turns.`,
    },
  },
  {
    name: 'an image in an assistant message',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi'), assistant({ text: 'See' }, image(8)), ask('and?')],
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}messages.1.content: 'image' blocks are not permitted within assistant turns.`,
    },
  },
  {
    name: 'a document name of 201 characters (boto3 checks no maximum)',
    send: { request: { modelId: HAIKU_45, messages: [user(document('a'.repeat(201)), { text: 'Read.' })] } },
    expected: {
      ok: false,
      message:
        `1 validation error detected: Value '${'a'.repeat(201)}' at 'messages.1.member.content.1.member.document.name' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 200',
    },
  },
  {
    name: 'a document name of 200 characters with brackets, parentheses and hyphens (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user(document(`Q3 [draft] (v2)-${'a'.repeat(184)}`), { text: 'Read.' })],
      },
    },
    expected: { ok: true },
  },
  {
    name: 'a document name with two spaces in a row',
    send: { request: { modelId: HAIKU_45, messages: [user(document('Q3  report'), { text: 'Read.' })] } },
    expected: {
      ok: false,
      message: expect.stringMatching(
        /^The document file name can only contain .* The name can't contain more than one consecutive whitespace character\./,
      ),
    },
  },
  {
    name: '20 images (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user({ text: 'Describe.' }, ...Array.from({ length: 20 }, () => image(8)))],
      },
    },
    expected: { ok: true },
  },
  {
    name: 'a tool name of 65 characters',
    send: {
      request: { modelId: HAIKU_45, messages: [ask('hi')], toolConfig: { tools: [tool('t'.repeat(65))] } },
    },
    expected: {
      ok: false,
      message:
        `1 validation error detected: Value '${'t'.repeat(65)}' at 'toolConfig.tools.1.member.toolSpec.name' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 64',
    },
  },
  {
    name: 'four cache points (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        system: [{ text: 'Be brief.' }, cachePoint],
        messages: [user({ text: 'hi' }, cachePoint, cachePoint, cachePoint)],
      },
    },
    expected: { ok: true },
  },
  {
    name: 'an apac. profile from us-east-1, while global. is served',
    send: { request: { modelId: 'apac.anthropic.claude-haiku-4-5-20251001-v1:0', messages: [ask('hi')] } },
    expected: { ok: false, message: 'The provided model identifier is invalid.' },
  },
  {
    name: 'a global. profile from us-east-1 (accepted)',
    send: { request: { modelId: 'global.anthropic.claude-haiku-4-5-20251001-v1:0', messages: [ask('hi')] } },
    expected: { ok: true },
  },
  {
    name: 'thinking with temperature 1 (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('think')],
        inferenceConfig: { maxTokens: 4096, temperature: 1 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      },
    },
    expected: { ok: true },
  },
  {
    name: 'two documents of one name',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user(document('notes'), document('notes'), { text: 'Compare.' })],
      },
    },
    expected: {
      ok: false,
      message: "Messages can't contain duplicate document names. Rename the document and retry your request.",
    },
  },
  {
    name: 'a document without a text block',
    send: { request: { modelId: HAIKU_45, messages: [user(document('notes'))] } },
    expected: {
      ok: false,
      message: 'A text block must be included when using documents. Add a text block and retry your request.',
    },
  },
  {
    name: '21 images',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [user({ text: 'Describe.' }, ...Array.from({ length: 21 }, () => image(8)))],
      },
    },
    expected: { ok: false, message: `${MODEL_ERROR}messages: too many images: image_count > 20` },
  },
  {
    name: 'two tools of one name',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi')],
        toolConfig: { tools: [tool('weather'), tool('weather')] },
      },
    },
    expected: { ok: false, message: `${MODEL_ERROR}tools: Tool names must be unique.` },
  },
  {
    name: 'a thinking budget not below maxTokens',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('think')],
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      },
    },
    expected: {
      ok: false,
      message: expect.stringMatching(
        /^The model returned the following errors: `max_tokens` must be greater than `thinking\.budget_tokens`/,
      ),
    },
  },
  {
    name: 'thinking on Claude 3.5 Haiku, which has none',
    send: {
      request: {
        modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
        messages: [ask('think')],
        inferenceConfig: { maxTokens: 4096 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      },
    },
    expected: { ok: false, message: `${MODEL_ERROR}thinking: Extra inputs are not permitted` },
  },
  {
    name: 'thinking on: signed reasoning before the answer',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('why?')],
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: thinking,
      },
    },
    expected: { ok: true, text: 'Echo: why?', reasoning: [{ text: WHY, signature: signReasoning(WHY) }] },
  },
  {
    name: 'thinking on, streaming: the reasoning deltas and their signature',
    send: {
      operation: 'converse_stream',
      request: {
        modelId: SONNET_46,
        messages: [ask('why?')],
        additionalModelRequestFields: { thinking: { type: 'adaptive' } },
      },
    },
    expected: {
      ok: true,
      reasoning: [
        {
          text: 'Thinking at high effort about: why?',
          signature: signReasoning('Thinking at high effort about: why?'),
        },
      ],
    },
  },
  {
    name: "Anthropic's redaction trigger: a redacted reasoning block",
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask(REDACTED_THINKING_TRIGGER)],
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: thinking,
      },
    },
    expected: { ok: true, reasoning: [{ redacted: redactedReasoning(REDACTED_THINKING_TRIGGER) }] },
  },
  {
    name: 'reasoning and redacted reasoning sent back unchanged (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [
          ask('why?'),
          assistant(
            signed(WHY),
            { reasoningContent: { redactedContent: { $base64: redactedReasoning('x') } } },
            { text: 'Because.' },
          ),
          ask('and?'),
        ],
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: thinking,
      },
    },
    expected: { ok: true, text: 'Echo: and?' },
  },
  {
    name: 'reasoning sent back with its text changed',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [
          ask('why?'),
          assistant(
            { reasoningContent: { reasoningText: { text: `${WHY}!`, signature: signReasoning(WHY) } } },
            { text: 'Because.' },
          ),
          ask('and?'),
        ],
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}messages.1.content.0: Invalid \`signature\` in \`thinking\` block`,
    },
  },
  {
    name: 'thinking with tool results answering a tool call whose reasoning was dropped',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('weather?'), assistant(call('t1', 'weather')), user(result('t1', 'sunny'))],
        toolConfig: tools('weather'),
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: thinking,
      },
    },
    expected: {
      ok: false,
      message: expect.stringMatching(
        /^The model returned the following errors: messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\. When `thinking` is enabled, a final `assistant` message must start with a thinking block/,
      ),
    },
  },
  {
    name: 'thinking with tool results after the signed reasoning (accepted)',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [
          ask('weather?'),
          assistant(signed('Need weather.'), call('t1', 'weather')),
          user(result('t1', 'sunny')),
        ],
        toolConfig: tools('weather'),
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: thinking,
      },
    },
    expected: { ok: true },
  },
  {
    name: 'thinking turned off on Claude Fable 5, which always thinks',
    send: {
      request: {
        modelId: FABLE_5,
        messages: [ask('hi')],
        additionalModelRequestFields: { thinking: { type: 'disabled' } },
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}"thinking.type.disabled" is not supported for this model.`,
    },
  },
  {
    name: 'temperature 1 on Claude Fable 5 (accepted: its default)',
    send: { request: { modelId: FABLE_5, messages: [ask('hi')], inferenceConfig: { temperature: 1 } } },
    expected: { ok: true, text: 'Echo: hi' },
  },
  {
    name: 'an eu. profile from us-east-1',
    send: { request: { modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', messages: [ask('hi')] } },
    expected: { ok: false, message: 'The provided model identifier is invalid.' },
  },
  {
    name: '2,501 stop sequences',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('hi')],
        inferenceConfig: { stopSequences: Array.from({ length: 2501 }, (_, index) => `stop${index}`) },
      },
    },
    expected: {
      ok: false,
      message: expect.stringMatching(/Member must have length less than or equal to 2500$/),
    },
  },
  {
    name: 'five cache points',
    send: {
      request: {
        modelId: HAIKU_45,
        system: [{ text: 'Be brief.' }, cachePoint],
        messages: [user({ text: 'hi' }, cachePoint, cachePoint, cachePoint, cachePoint)],
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}A maximum of 4 blocks with cache_control may be provided. Found 5.`,
    },
  },
  {
    name: 'a 1-hour cache point after a 5-minute one',
    send: {
      request: {
        modelId: HAIKU_45,
        system: [{ text: 'Be brief.' }, cachePoint],
        messages: [user({ text: 'hi' }, { cachePoint: { type: 'default', ttl: '1h' } })],
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}messages.0.content.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block`,
    },
  },
  {
    name: 'native structured output: the reply is JSON of the schema',
    send: { request: { modelId: HAIKU_45, messages: [ask('plan')], outputConfig: textFormat(CITY) } },
    expected: { ok: true, text: '{"city":"city"}', stopReason: 'end_turn' },
  },
  {
    name: 'native structured output, streaming',
    send: {
      operation: 'converse_stream',
      request: { modelId: HAIKU_45, messages: [ask('plan')], outputConfig: textFormat(CITY) },
    },
    expected: { ok: true, text: '{"city":"city"}' },
  },
  {
    name: 'structured output on Opus 4.7 (refused)',
    send: { request: { modelId: OPUS_47, messages: [ask('plan')], outputConfig: textFormat(CITY) } },
    expected: { ok: false, message: `${MODEL_ERROR}output_config.format: Extra inputs are not permitted` },
  },
  {
    name: 'a schema with maxItems',
    send: {
      request: {
        modelId: HAIKU_45,
        messages: [ask('plan')],
        outputConfig: textFormat({ ...CITY, properties: { tags: { type: 'array', maxItems: 3 } } }),
      },
    },
    expected: {
      ok: false,
      message: `${MODEL_ERROR}output_config.format.schema: For 'array' type, property 'maxItems' is not supported`,
    },
  },
  {
    name: 'a forced tool answers with input of its schema (the structured-output fallback)',
    send: {
      request: {
        modelId: OPUS_47,
        messages: [ask('plan')],
        toolConfig: {
          tools: [{ toolSpec: { name: 'response', inputSchema: { json: CITY } } }],
          toolChoice: { tool: { name: 'response' } },
        },
      },
    },
    expected: {
      ok: true,
      stopReason: 'tool_use',
      toolUses: [expect.objectContaining({ input: { city: 'city' } })],
    },
  },
  {
    name: 'strict on Opus 5.5 (refused)',
    send: {
      request: {
        modelId: OPUS_55,
        messages: [ask('plan')],
        toolConfig: {
          tools: [{ toolSpec: { name: 'response', inputSchema: { json: CITY }, strict: true } }],
        },
      },
    },
    expected: { ok: false, message: `${MODEL_ERROR}tools.0.custom.strict: Extra inputs are not permitted` },
  },
  // The next two run in this order: the first writes the prefix the second reads.
  {
    name: 'a cache point after a long system prompt writes it (Haiku 4.5: at least 4,096 tokens)',
    send: {
      request: { modelId: HAIKU_45, system: [{ text: LONG_SYSTEM }, cachePoint], messages: [ask('hi')] },
    },
    expected: {
      ok: true,
      usage: {
        inputTokens: 1,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 5_000,
        cacheDetails: [{ ttl: '5m', inputTokens: 5_000 }],
      },
    },
  },
  {
    name: 'the same prefix again reads it, on the stream too',
    send: {
      operation: 'converse_stream',
      request: { modelId: HAIKU_45, system: [{ text: LONG_SYSTEM }, cachePoint], messages: [ask('and?')] },
    },
    expected: { ok: true, usage: { cacheReadInputTokens: 5_000, cacheWriteInputTokens: 0 } },
  },
  {
    // 900,000 characters is ~225,000 tokens by the emulator's count: over Haiku 4.5's 200K window.
    name: 'a prompt longer than the context window',
    send: { request: { modelId: HAIKU_45, messages: [ask('x'.repeat(900_000))] } },
    expected: {
      ok: false,
      message: 'The model returned the following errors: Input is too long for requested model.',
    },
  },
  {
    name: 'the flex tier, echoed in the response',
    send: { request: { modelId: SONNET_46, messages: [ask('hi')], serviceTier: { type: 'flex' } } },
    expected: { ok: true, served: { serviceTier: { type: 'flex' } } },
  },
  {
    name: 'priority on the stream, echoed in its metadata event',
    send: {
      operation: 'converse_stream',
      request: { modelId: SONNET_46, messages: [ask('hi')], serviceTier: { type: 'priority' } },
    },
    expected: { ok: true, served: { serviceTier: { type: 'priority' } } },
  },
  {
    name: 'no tier asked, none reported',
    send: { request: { modelId: SONNET_46, messages: [ask('hi')] } },
    expected: { ok: true, served: {} },
  },
  {
    name: 'priority on Opus 4.6',
    send: { request: { modelId: OPUS_46, messages: [ask('hi')], serviceTier: { type: 'priority' } } },
    expected: { ok: false, message: 'The provided service tier is not supported for this model' },
  },
  {
    name: 'reserved without a reservation',
    send: { request: { modelId: SONNET_46, messages: [ask('hi')], serviceTier: { type: 'reserved' } } },
    expected: { ok: false, message: 'Reservation not found.' },
  },
  {
    name: 'a tier outside the enum (boto3 does not check enums)',
    send: { request: { modelId: SONNET_46, messages: [ask('hi')], serviceTier: { type: 'cheapest' } } },
    expected: { ok: false, message: 'service tier provided is invalid' },
  },
  {
    name: 'latency optimized on Claude 3.5 Haiku, echoed',
    send: {
      request: { modelId: HAIKU_35, messages: [ask('hi')], performanceConfig: { latency: 'optimized' } },
    },
    expected: { ok: true, served: { performanceConfig: { latency: 'optimized' } } },
  },
  {
    name: 'latency optimized on Sonnet 4.6',
    send: {
      request: { modelId: SONNET_46, messages: [ask('hi')], performanceConfig: { latency: 'optimized' } },
    },
    expected: { ok: false, message: 'Latency-optimized inference is not supported for this model.' },
  },
  {
    name: 'a latency outside the enum',
    send: {
      request: { modelId: HAIKU_35, messages: [ask('hi')], performanceConfig: { latency: 'turbo' } },
    },
    expected: {
      ok: false,
      message: expect.stringMatching(/must satisfy enum value set: \[optimized, standard\]$/),
    },
  },
];

describe('the emulator through boto3', () => {
  it('accepts what Bedrock accepts and refuses what it refuses, with its code, status and message', async () => {
    const results = await sendWithBoto3(CASES.map((entry) => entry.send));
    const seen = CASES.map((entry, index) => ({ name: entry.name, ...results[index] }));
    const expected = CASES.map((entry) =>
      entry.expected.ok === false
        ? { name: entry.name, code: 'ValidationException', status: 400, ...entry.expected }
        : { name: entry.name, ...entry.expected },
    );
    expect(seen).toMatchObject(expected);
    // One Python process sends every case (some of several MB): more than vitest's default 5 s
    // on a loaded machine.
  }, 60_000);
});
