// The CLI's baseline: the smallest script that makes the same Bedrock call as `bedrock-chat ask`
// with the raw AWS SDK and prints the reply. The request body and operation are the ones the CLI
// sent (recorded by the emulator), passed in BENCH_CONVERSE_INPUT and BENCH_STREAM. With
// BENCH_REPLY=json (the baseline of `ask --schema`) the reply is JSON: the script parses it and
// prints it on one line once it is complete, as `ask --schema` does; otherwise it streams the text.
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({});
const input = { modelId: process.env.BENCH_MODEL_ID, ...JSON.parse(process.env.BENCH_CONVERSE_INPUT) };
const json = process.env.BENCH_REPLY === 'json';
let reply = '';
if (process.env.BENCH_STREAM === '1') {
  const response = await client.send(new ConverseStreamCommand(input));
  for await (const event of response.stream) {
    const text = event.contentBlockDelta?.delta?.text;
    if (!text) continue;
    if (json) reply += text;
    else process.stdout.write(text);
  }
} else {
  const response = await client.send(new ConverseCommand(input));
  reply = response.output.message.content[0].text;
  if (!json) process.stdout.write(reply);
}
process.stdout.write(json ? `${JSON.stringify(JSON.parse(reply))}\n` : '\n');
client.destroy();
