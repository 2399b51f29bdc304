#!/usr/bin/env node
// Offline demo: starts the bundled Bedrock emulator and holds a multi-turn conversation with it
// through the real `bedrock-chat` CLI, exactly as a user would against Bedrock.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../packages/bedrock-emulator/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'apps/cli/bin/bedrock-chat.js');
const home = mkdtempSync(join(tmpdir(), 'bedrock-chat-demo-'));
const emulator = await startEmulator();

const env = {
  ...process.env,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
  AWS_ENDPOINT_URL_BEDROCK: emulator.url,
  AWS_BEARER_TOKEN_BEDROCK: 'demo-key',
  AWS_REGION: 'us-east-1',
  BEDROCK_CHAT_HOME: home,
  NO_COLOR: '1',
};

// Asynchronous on purpose: the emulator runs in this process and must keep answering.
function run(args, { show = true } = {}) {
  const shown = args.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(' ');
  if (show) console.log(`\n$ bedrock-chat ${shown}`);
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      { env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (show) process.stdout.write(stdout);
        if (show && stderr) process.stdout.write(stderr.replace(/^(?=.)/gm, '  [stderr] '));
        if (error) reject(new Error(`bedrock-chat ${shown} failed: ${error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end();
  });
}

function modelSaw() {
  const last = emulator.requests.at(-1);
  const count = last?.body?.messages?.length ?? 0;
  console.log(`  (the model received ${count} message${count === 1 ? '' : 's'} of history)`);
}

try {
  console.log(`Bedrock emulator on ${emulator.url}; conversations in ${home}`);
  console.log('The emulator echoes the last user message, so you can see what the model received.');
  await run(['ask', '-u', '--system', 'You are a concise maths tutor.', 'What is 1+1?']);
  modelSaw();
  await run(['ask', '-c', '-u', 'And doubled?']);
  modelSaw();
  await run(['ask', '-c', 'Thanks! Summarise our conversation.']);
  modelSaw();
  await run(['conversations', 'list']);
  const [latest] = JSON.parse(await run(['conversations', 'list', '--json'], { show: false }));
  await run(['conversations', 'export', latest.id, '--format', 'markdown']);
  console.log(
    '\nDemo finished. Point the same commands at Bedrock by unsetting the AWS_ENDPOINT_URL_* variables;',
  );
  console.log('see "Use it with Bedrock" in README.md.');
} finally {
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
}
