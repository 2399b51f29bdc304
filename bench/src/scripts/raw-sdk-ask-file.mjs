// The baseline of `bedrock-chat ask -a report.pdf`: the smallest raw-SDK script that sends the same
// Converse request with the same file. BENCH_CONVERSE_INPUT_FILE holds the body the CLI sent (its
// document bytes left out: a 4 MB file does not fit an environment variable) and BENCH_STREAM its
// operation; the script reads the file from BENCH_ATTACH_FILE as a user would, hands the SDK its
// bytes, and prints the reply.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

const body = JSON.parse(readFileSync(process.env.BENCH_CONVERSE_INPUT_FILE, 'utf8'));
const bytes = await readFile(process.env.BENCH_ATTACH_FILE);
const document = body.messages[0].content.find((block) => block.document).document;
document.source = { bytes };
const client = new BedrockRuntimeClient({});
const input = { modelId: process.env.BENCH_MODEL_ID, ...body };
if (process.env.BENCH_STREAM === '1') {
  const response = await client.send(new ConverseStreamCommand(input));
  for await (const event of response.stream) {
    const text = event.contentBlockDelta?.delta?.text;
    if (text) process.stdout.write(text);
  }
  process.stdout.write('\n');
} else {
  const response = await client.send(new ConverseCommand(input));
  process.stdout.write(`${response.output.message.content[0].text}\n`);
}
client.destroy();
