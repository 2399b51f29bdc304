import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN_PATH, INSPECTOR_CWD, INSPECTOR_PATH, inspectorArgs, run } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
});
afterAll(async () => {
  await emulator.close();
  home.remove();
});

/** mcp-inspector-cli exits 0 even for isError results: the JSON on stdout is what counts. */
async function inspect(args: string[]) {
  const result = await run(INSPECTOR_PATH, inspectorArgs('node', BIN_PATH, ...args), {
    env: emulatorEnv(emulator, home.path),
    cwd: INSPECTOR_CWD,
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('with mcp-inspector-cli as the client', () => {
  it('lists the tools', async () => {
    const output = await inspect(['--method', 'tools/list']);
    expect(output.tools.map((tool: { name: string }) => tool.name)).toEqual([
      'chat',
      'list_conversations',
      'get_conversation',
      'list_models',
    ]);
  });

  it('calls chat, and the structured content passes its outputSchema', async () => {
    const output = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'chat',
      '--tool-arg',
      'prompt=hi',
    ]);
    expect(output.isError).toBeFalsy();
    expect(output.structuredContent).toMatchObject({ text: 'Echo: hi', conversationId: expect.any(String) });
    expect(output.content[0]).toEqual({ type: 'text', text: 'Echo: hi' });
  });

  it('reports invalid input as an isError result naming the field', async () => {
    const output = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'chat',
      '--tool-arg',
      'prompt=hi',
      '--tool-arg',
      'temperature=3',
    ]);
    expect(output.isError).toBe(true);
    expect(output.structuredContent).toBeUndefined();
    expect(output.content[0].text).toContain('temperature');
  });
});
