// The CLI's baseline: the smallest script that makes the same Bedrock call as `bedrock-chat ask`
// with the raw AWS SDK and prints the reply. The request body and operation are the ones the CLI
// sent (recorded by the emulator), passed in BENCH_CONVERSE_INPUT and BENCH_STREAM.
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({});
const input = { modelId: process.env.BENCH_MODEL_ID, ...JSON.parse(process.env.BENCH_CONVERSE_INPUT) };
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
