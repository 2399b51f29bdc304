// MCP over Streamable HTTP: `chat` calls per second at concurrency 32, with one instance (stateful
// sessions, then --stateless) and with two --stateless instances sharing one store behind a
// round-robin client. Report only: this machine has 2 cores shared by the emulator, the client
// and every server, so two instances cannot show scaling here, only what stateless costs.
// Needs `pnpm build` first. Usage:
//   node bench/http-throughput.mjs [--calls 480] [--warmup 160] [--reps 3] [--out bench/results/http-throughput]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { startEmulator } = await import('@bedrock-chat/bedrock-emulator');
const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '480' },
    warmup: { type: 'string', default: '160' },
    reps: { type: 'string', default: '3' },
    out: { type: 'string', default: fileURLToPath(new URL('results/http-throughput', import.meta.url)) },
  },
});
const CONCURRENCY = 32;
const calls = Number(values.calls);
const warmup = Number(values.warmup);
const reps = Number(values.reps);
const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const TOKEN = 'bench-token-0123456789abcdef';
const prompt = 'Summarise the benefits of measuring before optimising, in one sentence.';

const quantile = (sorted, q) => {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
};
const summarize = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99) };
};
const median = (values) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** CPU ms a process has used, from /proc (10 ms ticks: only differences over many calls mean anything). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function startInstance(env, args) {
  const child = spawn(process.execPath, [binPath, '--http', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve({ child, url: match[1] });
    });
  });
}

async function stopInstance(instance) {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

/** A client whose requests go to `urls` in turn (one URL: a plain client). */
async function connectClient(urls) {
  let next = 0;
  const transport = new StreamableHTTPClientTransport(new URL(urls[0]), {
    requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
    fetch: (_input, init) => fetch(new URL(urls[next++ % urls.length]), init),
  });
  const client = new Client({ name: 'bench', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

/** `total` chat calls from CONCURRENCY clients, each calling in turn; wall time and latencies. */
async function drive(clients, total) {
  const expected = `Echo: ${prompt}`;
  let issued = 0;
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (issued < total) {
        issued += 1;
        const t0 = performance.now();
        const result = await client.callTool({ name: 'chat', arguments: { prompt } });
        latencies.push(performance.now() - t0);
        if (result.isError || result.content?.[0]?.text !== expected) {
          throw new Error(`chat returned ${JSON.stringify(result).slice(0, 300)}`);
        }
      }
    }),
  );
  return { wallMs: performance.now() - started, latencies };
}

const CONFIGS = [
  { id: 'stateful-1', label: '1 instance, stateful sessions', instances: 1, args: [] },
  { id: 'stateless-1', label: '1 instance, --stateless', instances: 1, args: ['--stateless'] },
  { id: 'stateless-2', label: '2 instances, --stateless, round robin', instances: 2, args: ['--stateless'] },
];

const emulator = await startEmulator();
emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
const homes = [];
const samples = Object.fromEntries(CONFIGS.map((config) => [config.id, []]));
const loadStart = loadavg()[0];
try {
  for (let rep = 0; rep < reps; rep++) {
    // Rotate the order every rep, so drift on a shared machine hits every configuration alike.
    const order = CONFIGS.map((_, index) => CONFIGS[(index + rep) % CONFIGS.length]);
    for (const config of order) {
      const home = mkdtempSync(join(tmpdir(), 'bench-http-'));
      homes.push(home);
      const env = {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
        AWS_BEARER_TOKEN_BEDROCK: 'test',
        AWS_REGION: 'us-east-1',
        BEDROCK_CHAT_HOME: home,
        HOME: home,
        PATH: process.env.PATH ?? '',
        BEDROCK_CHAT_MCP_TOKEN: TOKEN,
        BEDROCK_CHAT_MCP_PROGRESS: 'off',
        BEDROCK_CHAT_MCP_MAX_SESSIONS_PER_TOKEN: String(CONCURRENCY),
      };
      const instances = [];
      for (let index = 0; index < config.instances; index++)
        instances.push(await startInstance(env, config.args));
      const urls = instances.map((instance) => instance.url);
      const clients = await Promise.all(
        Array.from({ length: CONCURRENCY }, (_, index) =>
          connectClient(index % 2 ? [...urls].reverse() : urls),
        ),
      );
      try {
        await drive(clients, warmup);
        emulator.clearRequests();
        const cpuBefore = instances.reduce((sum, instance) => sum + cpuMs(instance.child.pid), 0);
        const run = await drive(clients, calls);
        const cpuAfter = instances.reduce((sum, instance) => sum + cpuMs(instance.child.pid), 0);
        const converse = emulator.requests.filter((request) => request.operation.startsWith('Converse'));
        if (converse.length !== calls || converse.some((request) => request.status !== 200)) {
          throw new Error(`expected ${calls} successful Converse requests, saw ${converse.length}`);
        }
        samples[config.id].push({
          callsPerSec: (calls / run.wallMs) * 1000,
          latencyMs: summarize(run.latencies),
          serverCpuMsPerCall: (cpuAfter - cpuBefore) / calls,
        });
        console.error(
          `rep ${rep + 1}/${reps} ${config.label}: ${((calls / run.wallMs) * 1000).toFixed(1)} calls/s`,
        );
      } finally {
        await Promise.all(clients.map((client) => client.close()));
        for (const instance of instances) await stopInstance(instance);
      }
    }
  }
} finally {
  await emulator.close();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
}

const rows = CONFIGS.map((config) => {
  const runs = samples[config.id];
  return {
    id: config.id,
    label: config.label,
    callsPerSec: median(runs.map((run) => run.callsPerSec)),
    callsPerSecMin: Math.min(...runs.map((run) => run.callsPerSec)),
    callsPerSecMax: Math.max(...runs.map((run) => run.callsPerSec)),
    latencyMedianMs: median(runs.map((run) => run.latencyMs.median)),
    latencyP99Ms: median(runs.map((run) => run.latencyMs.p99)),
    serverCpuMsPerCall: median(runs.map((run) => run.serverCpuMsPerCall)),
  };
});
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  loadAverage: { start: loadStart, end: loadavg()[0] },
  setup: {
    concurrency: CONCURRENCY,
    calls,
    warmup,
    reps,
    modelLatencyMs: 0,
    store: 'SQLite, one file per configuration',
  },
  rows,
};
const fixed = (value, digits = 1) => value.toFixed(digits);
const markdown = [
  '# MCP over HTTP: chat calls per second at concurrency 32',
  '',
  `${results.date}, Node ${results.node}, ${results.cpus}, load ${fixed(loadStart, 2)} → ${fixed(results.loadAverage.end, 2)}.`,
  `${CONCURRENCY} SDK clients call \`chat\` in turn (${calls} calls per run after ${warmup} untimed, ${reps} runs per configuration, order rotated),`,
  'emulator latency 0, one SQLite store per configuration (shared by both instances). Report only.',
  '',
  '| Configuration | calls/s (median) | min–max | latency median | latency p99 | server CPU per call |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${row.label} | ${fixed(row.callsPerSec)} | ${fixed(row.callsPerSecMin)}–${fixed(row.callsPerSecMax)} | ${fixed(row.latencyMedianMs)} ms | ${fixed(row.latencyP99Ms)} ms | ${fixed(row.serverCpuMsPerCall, 2)} ms |`,
  ),
  '',
  'What this can and cannot say: the emulator, the 32 clients and every server share 2 cores, so a',
  'second instance adds a process competing for the same cores rather than capacity; the figures show',
  'what --stateless costs per call (a server and transport built per request, no session reuse),',
  'not how instances scale. Two instances share one SQLite file, whose writers take turns.',
  'Under load (see the load average) calls/s swings by 2x between runs; server CPU per call is steadier.',
  '',
].join('\n');
writeFileSync(`${values.out}.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${values.out}.md`, markdown);
process.stdout.write(markdown);
