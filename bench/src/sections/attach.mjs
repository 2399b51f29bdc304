// Section 7 (issue 11): `bedrock-chat ask` with a 4 MB PDF attached, against a raw-SDK script
// sending the same bytes in the same Converse request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appBin } from '../lib/app-bins.mjs';
import { probeAsk, runInterleaved } from '../lib/ask-probe.mjs';
import { MODEL_ID } from '../lib/bench-config.mjs';
import { summarize } from '../lib/stats.mjs';
import { timedRun } from '../lib/timed-process.mjs';

export const id = 'attach';
export const title = 'CLI ask with a 4 MB PDF';

const RAW_SCRIPT = fileURLToPath(new URL('../scripts/raw-sdk-ask-file.mjs', import.meta.url));
export const PDF_BYTES = 4 * 1024 * 1024;
const PROMPT = 'Summarise the attached report in one sentence.';

/**
 * A 4 MB PDF: a header and catalogue, then a stream of varied bytes (so nothing along the way can
 * shortcut repeated content), then the trailer. Core and the emulator sniff it by its header.
 */
function benchPdf() {
  const head = Buffer.from(
    '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length 0 >>\nstream\n',
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1');
  const body = Buffer.alloc(PDF_BYTES - head.length - tail.length);
  let state = 0x2545f491;
  for (let index = 0; index < body.length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    body[index] = state >>> 24;
  }
  return Buffer.concat([head, body, tail]);
}

export async function run(context) {
  const { emulator, plan, log } = context;
  const { bin, missing } = appBin('cli', 'bedrock-chat.js');
  if (missing) return { status: 'skipped', reason: missing };
  emulator.reset();
  emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
  const dir = mkdtempSync(join(context.scratchDir, 'attach-'));
  const pdfPath = join(dir, 'report.pdf');
  const pdf = benchPdf();
  writeFileSync(pdfPath, pdf);
  const env = {
    ...context.env,
    BEDROCK_CHAT_MODEL: MODEL_ID,
    BEDROCK_CHAT_HOME: mkdtempSync(join(dir, 'home-')),
    NO_COLOR: '1',
  };
  const askArgs = [bin, 'ask', '-a', pdfPath, PROMPT];
  const request = await probeAsk(emulator, askArgs, { env, expect: `Echo: ${PROMPT}` });
  // The body the CLI sent, its document bytes left out: the raw script reads the same file.
  const body = structuredClone(request.body);
  const document = body.messages[0].content.find((block) => block.document)?.document;
  if (Buffer.from(document?.source?.bytes ?? '', 'base64').compare(pdf) !== 0) {
    throw new Error('the request did not carry the PDF byte for byte');
  }
  document.source = {};
  const bodyPath = join(dir, 'converse-input.json');
  writeFileSync(bodyPath, JSON.stringify(body));
  const rawEnv = {
    ...env,
    BENCH_MODEL_ID: request.modelId,
    BENCH_CONVERSE_INPUT_FILE: bodyPath,
    BENCH_ATTACH_FILE: pdfPath,
    BENCH_STREAM: request.operation === 'ConverseStream' ? '1' : '0',
  };
  const echo = `Echo: ${PROMPT}`;
  const commands = [
    { id: 'raw-sdk-pdf', label: 'raw-SDK script, same request and bytes', args: [RAW_SCRIPT], env: rawEnv },
    { id: 'ask-pdf', label: 'bedrock-chat ask -a report.pdf (saves)', args: askArgs, env },
    {
      id: 'ask-pdf-no-save',
      label: 'bedrock-chat ask --no-save -a report.pdf',
      args: [bin, 'ask', '--no-save', '-a', pdfPath, PROMPT],
      env,
    },
  ].map((command) => ({ ...command, samples: [] }));
  const runOnce = async (command) => {
    const { wallMs, stdout } = await timedRun(process.execPath, command.args, { env: command.env });
    if (!stdout.startsWith(echo))
      throw new Error(`${command.label} printed ${JSON.stringify(stdout.slice(0, 200))}`);
    // Each request holds the 5.6 MB of base64: keep the emulator's log from growing with the runs.
    const calls = emulator.requests.filter(
      (entry) => entry.operation === request.operation && entry.status === 200,
    );
    if (calls.length !== 1)
      throw new Error(`${command.label} made ${calls.length} successful Converse requests`);
    emulator.clearRequests();
    return wallMs;
  };
  await runInterleaved(commands, plan, runOnce);
  log(
    `  ${plan.processRuns} interleaved runs of each of ${commands.length} commands (after ${plan.processWarmupRounds} warm-up rounds)`,
  );
  return {
    status: 'ok',
    setup: {
      pdfBytes: pdf.length,
      askOperation: request.operation,
      runs: plan.processRuns,
      warmupRounds: plan.processWarmupRounds,
      measuredAs: 'wall time from spawn to exit in the orchestrator; stdout is a pipe (no TTY)',
    },
    commands: commands.map((command) => ({
      id: command.id,
      label: command.label,
      wallMs: summarize(command.samples),
    })),
  };
}
