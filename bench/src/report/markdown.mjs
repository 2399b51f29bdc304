import { median, quantile } from '../lib/stats.mjs';
import { explainMiss } from './analysis.mjs';
import { count, mb, ms, range, ratio, us } from './format.mjs';
import { teamPart } from './team-part.mjs';

const STATUS_MARK = { PASS: '✅ PASS', MISS: '❌ MISS', SKIP: '⏭️ SKIP' };

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function notRun(section) {
  return `_${section.status}: ${section.reason}_`;
}

function libraryPart(section) {
  if (section.status !== 'ok') return notRun(section);
  const raw = section.libraries.find((entry) => entry.name === 'raw-sdk');
  const { setup } = section;
  return [
    `${setup.sequentialCalls} sequential calls per library in ${setup.rounds} interleaved rounds, then ${setup.concurrentReps} × ${setup.concurrentCalls} calls at concurrency ${setup.concurrency}; reply: ${setup.reply}; ${setup.warmupCalls} warm-up calls each. One child process per library: import time and peak RSS (\`process.resourceUsage().maxRSS\`) are its own.`,
    '',
    table(
      [
        'Library',
        'Median',
        'p25–p75',
        'p99',
        'vs raw',
        'calls/s',
        'CPU/call',
        'c=64 median',
        'c=64 p99',
        'c=64 calls/s',
        'c=64 CPU/call',
        'Import',
        'Peak RSS',
        'HTTP',
      ],
      section.libraries.map((entry) => [
        entry.name === 'ours' ? `**${entry.label}**` : entry.label,
        ms(entry.sequential.latencyMs.median),
        range(entry.sequential.latencyMs),
        ms(entry.sequential.latencyMs.p99),
        ratio(entry.sequential.latencyMs.median / raw.sequential.latencyMs.median),
        count(entry.sequential.callsPerSec),
        us(entry.sequential.cpuUsPerCall),
        ms(entry.concurrent.latencyMs.median),
        ms(entry.concurrent.latencyMs.p99),
        count(entry.concurrent.callsPerSec),
        us(entry.concurrent.cpuUsPerCall),
        ms(entry.importMs),
        mb(entry.peakRssMb),
        entry.httpVersion === '2' ? 'h2c' : `HTTP/${entry.httpVersion}`,
      ]),
    ),
    '',
    'CPU/call: user + system CPU time of the client process per call (`process.cpuUsage`), which other load on the machine disturbs much less than wall time.',
    ...(section.coreOnly
      ? [
          '',
          `bedrock-chat's own work, timed without the SDK or the network (\`createChatClient({ bedrockClient: fake })\`, bench/src/scripts/core-overhead.mjs): **${us(section.coreOnly.completeUsPerCall)} of CPU per \`complete\` call** (the prompt normalised — a string skips zod —, the model resolved, the input built, a deadline signal, the result mapped) and **${section.coreOnly.streamUsPerEvent.toFixed(2)} µs per stream event** (${ms((section.coreOnly.streamUsPerEvent * 4000) / 1000)} over a 16,000-token reply), in steady state; the first calls of a process cost ${us(section.coreOnly.firstCallsUsPerCall)} each while V8 warms up.`,
        ]
      : []),
    ...(section.sameProcess ? ['', sameProcessLine(section.sameProcess)] : []),
    '',
    `Calls: ${section.libraries.map((entry) => `${entry.label}: \`${entry.call}\``).join('; ')}.`,
  ].join('\n');
}

/** The strict comparison's own measurement: both libraries taking turns in one process. */
function sameProcessLine(run) {
  const [a, b] = run.libraries;
  return `In one process, taking turns (${run.rounds} rounds of ${run.callsPerRound} calls each, order alternating, after ${run.warmupCalls} warm-up calls; bench/src/scripts/same-process-ab.mjs), so that the SDK's compiled code, the heap and the machine's noise are shared: ${a.label} ${ms(a.medianMs)} median and ${us(a.cpuUsPerCall)} CPU per call, ${b.label} ${ms(b.medianMs)} and ${us(b.cpuUsPerCall)}.`;
}

function streamingPart(section) {
  if (section.status !== 'ok') return notRun(section);
  return section.scenarios
    .map((scenario) => {
      const raw = scenario.libraries.find((entry) => entry.name === 'raw-sdk');
      return [
        `**${scenario.label}** (maxTokens ${scenario.maxTokens}, ${scenario.calls} calls per library, interleaved, after 3 warm-up calls)`,
        '',
        table(
          [
            'Library',
            'First delta',
            'p25–p75',
            'Whole reply',
            'p25–p75',
            'Tokens/s',
            'p25–p75',
            'vs raw',
            'CPU/call',
          ],
          scenario.libraries.map((entry) => [
            entry.name === 'ours' ? `**${entry.label}**` : entry.label,
            ms(entry.ttftMs.median),
            range(entry.ttftMs),
            ms(entry.totalMs.median),
            range(entry.totalMs),
            count(entry.tokensPerSec.median),
            `${count(entry.tokensPerSec.p25)}–${count(entry.tokensPerSec.p75)}`,
            ratio(entry.tokensPerSec.median / raw.tokensPerSec.median),
            ms(entry.cpuMsPerCall),
          ]),
        ),
      ].join('\n');
    })
    .join('\n\n');
}

/** Wall times of commands run as processes, with each one's ratio to its baseline (or none). */
function wallTimeTable(commands, ratioHeading, ratioOf) {
  return table(
    ['Command', 'Median', 'p25–p75', 'min–max', 'MAD', ratioHeading],
    commands.map((command) => {
      const value = ratioOf(command);
      return [
        command.label,
        ms(command.wallMs.median),
        range(command.wallMs),
        `${ms(command.wallMs.min)}–${ms(command.wallMs.max)}`,
        ms(command.wallMs.mad),
        value === undefined ? '' : ratio(value),
      ];
    }),
  );
}

function cliPart(section) {
  if (section.status !== 'ok') return notRun(section);
  const base = (id) => section.commands.find((command) => command.id === id)?.wallMs.median;
  const baseline = {
    version: 'node-e-0',
    ask: 'raw-sdk-script',
    'ask-cold': 'raw-sdk-script',
    'ask-no-save': 'raw-sdk-script',
    'ask-schema': 'raw-sdk-schema-script',
  };
  return [
    `${section.setup.runs} runs of each command, interleaved, after ${section.setup.warmupRounds} warm-up rounds; ${section.setup.measuredAs}.${section.setup.askOperation ? ` \`ask\` sends ${section.setup.askOperation}; the raw-SDK script (bench/src/scripts/raw-sdk-ask.mjs) sends the same operation with the very body the CLI sent.` : ''}`,
    '',
    wallTimeTable(section.commands, 'vs baseline', (command) =>
      baseline[command.id] ? command.wallMs.median / base(baseline[command.id]) : undefined,
    ),
    ...(section.imports?.length
      ? [
          '',
          'Import cost of the modules `ask` loads, each alone in a fresh process (median, p25–p75):',
          '',
          table(
            ['Module', 'Import', 'p25–p75'],
            section.imports.map((entry) => [entry.label, ms(entry.importMs.median), range(entry.importMs)]),
          ),
        ]
      : []),
    ...(section.askError ? ['', `- \`bedrock-chat ask\` not measured: ${section.askError}`] : []),
    ...(section.notes?.length ? ['', ...section.notes.map((note) => `- ${note}`)] : []),
  ].join('\n');
}

function mcpPart(section) {
  if (section.status !== 'ok') return notRun(section);
  const { setup, roundTrip, concurrent } = section;
  const rows = [
    ['MCP `chat` over stdio', roundTrip.mcpMs],
    ['core `complete` (direct)', roundTrip.directMs],
    ...(roundTrip.directSavedMs
      ? [['core `sendPrompt` + SQLite (direct, same work as the tool)', roundTrip.directSavedMs]]
      : []),
  ];
  return [
    `Transport: ${setup.transport}. ${setup.roundTrips} interleaved rounds, emulator latency 0.`,
    '',
    table(
      ['Call', 'Median', 'p25–p75', 'p99'],
      rows.map(([label, summary]) => [label, ms(summary.median), range(summary), ms(summary.p99)]),
    ),
    '',
    `${setup.concurrentCalls} concurrent calls with ${setup.modelLatencyMs} ms model latency, ${setup.concurrentReps} reps, on a warm server (after the round trips and ${setup.concurrentWarmupCalls ?? 0} untimed concurrent calls: an MCP server lives for a client session, and a young process is still compiling its hot paths):`,
    '',
    table(
      ['', 'Median', 'min–max'],
      [
        [
          'one MCP call',
          ms(concurrent.singleMs.median),
          `${ms(concurrent.singleMs.min)}–${ms(concurrent.singleMs.max)}`,
        ],
        [
          `${setup.concurrentCalls} MCP calls at once (wall)`,
          ms(concurrent.wallMs.median),
          `${ms(concurrent.wallMs.min)}–${ms(concurrent.wallMs.max)}`,
        ],
        ...(concurrent.youngServer
          ? [
              [
                `${setup.concurrentCalls} MCP calls at once, young server (one batch before the warm-up)`,
                ms(concurrent.youngServer.wallMs),
                `${ratio(concurrent.youngServer.wallMs / concurrent.singleMs.median)} one call; server CPU ${ms(concurrent.youngServer.serverCpuMsPerCall)} per call`,
              ],
            ]
          : []),
        [
          `${setup.concurrentCalls} direct core calls at once (wall)`,
          ms(concurrent.directWallMs.median),
          `${ms(concurrent.directWallMs.min)}–${ms(concurrent.directWallMs.max)}`,
        ],
      ],
    ),
    '',
    `Overlap: ${concurrent.overlapFactor.toFixed(1)} of ${setup.concurrentCalls} calls' worth of model time ran in parallel (1 would mean the calls queued).`,
    ...(roundTrip.serverCpuMsPerCall === undefined || Number.isNaN(roundTrip.serverCpuMsPerCall)
      ? []
      : [
          '',
          `CPU time of the MCP server process per \`chat\` call (from /proc, 10 ms ticks over all calls): ${ms(roundTrip.serverCpuMsPerCall)} one at a time, ${ms(concurrent.serverCpuMsPerCall)} when ${setup.concurrentCalls} run at once — ${setup.concurrentCalls} calls need about ${ms(concurrent.serverCpuMsPerCall * setup.concurrentCalls)} of server CPU whatever the overlap.`,
        ]),
  ].join('\n');
}

/** Scalar leaves of the store bench's JSON as `path | value` rows: its format is core's to choose. */
function flatten(value, path = [], rows = []) {
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, [...path, key], rows);
  } else {
    rows.push([path.join('.'), typeof value === 'number' ? String(value) : String(value)]);
  }
  return rows;
}

/** The store bench's `results` map ({ op: { goalMs, medianMs, p95Ms, maxMs, repetitions } }) as a table. */
function storeTable(operations) {
  const entries = Object.entries(operations ?? {}).filter(([, op]) => typeof op?.medianMs === 'number');
  if (entries.length === 0) return undefined;
  return table(
    ['Operation', 'Median', 'p95', 'max', 'Runs', 'Goal (median)'],
    entries.map(([name, op]) => [
      name,
      ms(op.medianMs),
      ms(op.p95Ms),
      ms(op.maxMs),
      String(op.repetitions ?? ''),
      typeof op.goalMs === 'number' ? `≤ ${op.goalMs} ms ${op.medianMs <= op.goalMs ? '✅' : '❌'}` : '',
    ]),
  );
}

/** Issue 11: the store holding files (store-files-bench.mjs), against the same goals. */
function storeFilesPart(files) {
  const known = files && storeTable(files.results.results);
  if (!known)
    return ['', '_Store with files: not measured yet (node bench/store-files-bench.mjs in packages/core)._'];
  const facts = Object.entries(files.results.data ?? {})
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  return [
    '',
    `**With files** (issue 11): ${files.source}${files.quick ? ' — **quick mode: 1,000 conversations, not 10,000**' : ''}. Figures from packages/core/bench/store-files-bench.mjs: ${facts}. \`load1000MessagesWithFiles\` reads the 50 images back as a turn sends them; \`load1000MessagesFilesInline\` is the same history with the files inline, as before schema 3.`,
    '',
    known,
  ];
}

function storePart(section) {
  if (section.status !== 'ok') return notRun(section);
  const { data, results: operations, ...rest } = section.results;
  const known = storeTable(operations);
  if (known) {
    const facts = Object.entries({ ...rest, ...data })
      .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : value}`)
      .join(', ');
    return [
      `Source: ${section.source}${section.quick ? ' — **quick mode: smaller sizes than 100k conversations / 1M messages**' : ''}. Figures from packages/core/bench/store-bench.mjs: ${facts}.`,
      '',
      known,
      ...storeFilesPart(section.files),
    ].join('\n');
  }
  const rows = flatten(section.results);
  return [
    `Source: ${section.source}${section.quick ? ' — **quick mode: smaller sizes than 100k conversations / 1M messages**' : ''}.`,
    '',
    table(['Figure', 'Value'], rows.slice(0, 80)),
    ...(rows.length > 80 ? ['', `(${rows.length - 80} more values in latest.json)`] : []),
  ].join('\n');
}

function cachingPart(section) {
  if (!section) return '_not run_';
  if (section.status !== 'ok') return notRun(section);
  const usd = (value) => `$${value.toFixed(4)}`;
  const row = (name, run) => [
    name,
    String(run.inputTokens),
    String(run.cacheReadInputTokens),
    String(run.cacheWriteInputTokens),
    usd(run.inputCostUsd),
    usd(run.costUsd),
  ];
  return [
    `${section.turns} turns of one stored conversation with a ${section.systemPromptTokens}-token system prompt on ${section.model} (\`${section.modelId}\`), through core's \`sendPrompt\`; token counts from the emulator's cache accounting (it follows Bedrock's: a write on first sight of a prefix that ends at a cache point and reaches the model's minimum, reads within the TTL), priced from core's catalogue. "No caching" is \`cache: false\`: no cache points, what llm, aichat or a plain SDK loop send.`,
    '',
    table(
      ['', 'Uncached input tokens', 'Cache read', 'Cache write', 'Input cost', 'Total cost'],
      [
        row('bedrock-chat, default caching', section.cached),
        row('bedrock-chat, no caching', section.uncached),
        ...Object.entries(section.peers ?? {}).map(([name, peer]) =>
          row(`${name}, documented caching`, peer),
        ),
      ],
    ),
    '',
    `Input cost with caching: **${section.inputCostRatio.toFixed(2)}×** of without (total cost ${section.totalCostRatio.toFixed(2)}×).`,
    ...Object.entries(section.peers ?? {}).map(
      ([name, peer]) =>
        `${name}: ${peer.setup}; its input cost ${peer.inputCostRatio.toFixed(2)}× of no caching, bedrock-chat's ${peer.oursToTheirs.toFixed(2)}× of its.`,
    ),
  ].join('\n');
}

function attachPart(section) {
  if (!section) return '_not run_';
  if (section.status !== 'ok') return notRun(section);
  const raw = section.commands.find((command) => command.id === 'raw-sdk-pdf')?.wallMs.median;
  const { setup } = section;
  return [
    `A ${(setup.pdfBytes / 1024 / 1024).toFixed(0)} MB PDF (${setup.pdfBytes} bytes), ${setup.runs} runs of each command, interleaved, after ${setup.warmupRounds} warm-up rounds; ${setup.measuredAs}. \`ask\` sends ${setup.askOperation}; the raw-SDK script (bench/src/scripts/raw-sdk-ask-file.mjs) reads the same file and sends the same operation with the body the CLI sent.`,
    '',
    wallTimeTable(section.commands, 'vs raw SDK', (command) =>
      command.id === 'raw-sdk-pdf' ? undefined : command.wallMs.median / raw,
    ),
  ].join('\n');
}

function toolsPart(section) {
  if (!section) return '_not run_';
  if (section.status !== 'ok') return notRun(section);
  const { setup } = section;
  const fixed = (value) => `${value.toFixed(2)} ms`;
  return [
    `Each library's own loop, ${setup.loops} loops (${setup.modelCallsPerLoop} model calls each) in ${setup.rounds} interleaved rounds after ${setup.warmupLoops} warm-up loops; prompt \`${setup.prompt}\`: ${setup.reply}. The raw SDK's hand-written loop (bench/src/adapters/raw-sdk.mjs) with HTTP/2 session reuse, as bedrock-chat's client is configured, is the floor; overhead per step is (loop − floor loop) ÷ ${setup.modelCallsPerLoop}.`,
    '',
    table(
      ['Library', 'Loop median', 'p25–p75', 'Per step', 'Overhead per step', 'CPU per loop'],
      section.libraries.map((entry) => [
        entry.label,
        fixed(entry.loopMs.median),
        `${fixed(entry.loopMs.p25)}–${fixed(entry.loopMs.p75)}`,
        fixed(entry.perStepMs),
        entry.name === setup.floor ? '(floor)' : fixed(entry.overheadPerStepMs),
        `${(entry.cpuUsPerLoop / 1000).toFixed(2)} ms`,
      ]),
    ),
    ...sameProcessToolsPart(section.sameProcess),
  ].join('\n');
}

/** The goal's measure: the loops taking turns in one process, CPU time per block. */
function sameProcessToolsPart(same) {
  if (!same) return [];
  return [
    '',
    `The goal's measure: the four loops taking turns in one process (bench/src/scripts/tool-loop-ab.mjs), ${same.rounds} rounds of ${same.loopsPerRound} loops each (order rotated every round) after ${same.warmupLoops} warm-up loops each, twice; CPU time (user + system) of the process around each block. Overhead per step is, per round, (CPU per loop − the floor's in the same round) ÷ ${same.modelCallsPerLoop}; median of the rounds, p25–p75 of them. The wall times above are each in a process of its own and include the transport (the AI SDK's \`fetch\` over HTTP/1.1, the others HTTP/2) and the emulator's work for it.`,
    '',
    table(
      ['Library', 'CPU per loop', 'CPU overhead per step', 'p25–p75 of rounds', 'Wall per loop'],
      same.libraries.map((entry) => {
        const rounds = [...entry.roundCpuOverheadUsPerStep].sort((a, b) => a - b);
        const quarter = (q) => quantile(rounds, q);
        return [
          entry.label,
          us(median(entry.roundCpuUsPerLoop)),
          entry.name === same.floor ? '(floor)' : us(entry.cpuOverheadUsPerStep),
          entry.name === same.floor ? '' : `${us(quarter(0.25))}–${us(quarter(0.75))}`,
          `${median(entry.roundWallMsPerLoop).toFixed(2)} ms`,
        ];
      }),
    ),
  ];
}

function noiseLine(meta) {
  const { machine, noise } = meta;
  const load = (list) => list.map((value) => value.toFixed(2)).join(' / ');
  return [
    `**Machine:** ${machine.cpuCount} × ${machine.cpuModel}, ${machine.platform}, Node ${machine.node}, ${machine.totalMemGb.toFixed(1)} GB RAM.`,
    `**Noise:** load average (1/5/15 min) ${load(noise.before.loadAverage)} at start, ${load(noise.after.loadAverage)} at the end; 1-min load sampled during the run: median ${noise.duringRun.load1.median.toFixed(2)}, max ${noise.duringRun.load1.max.toFixed(2)} (the suite itself keeps about 1–2 cores busy). A fixed CPU task's spread (IQR ÷ median) was ${noise.before.iqrPercent.toFixed(1)}% before and ${noise.after.iqrPercent.toFixed(1)}% after (under ~3% is quiet).`,
  ].join('\n');
}

export function renderMarkdown(results, { svgName = 'latest.svg' } = {}) {
  const { meta, sections, goals } = results;
  const misses = goals.filter((goal) => goal.status === 'MISS');
  const parts = [
    '# bedrock-chat benchmarks',
    '',
    ...(meta.quick
      ? ['> **QUICK MODE** — reduced iteration counts for development; not the figures to quote.', '']
      : []),
    `Generated by \`pnpm bench\` (bench/src/run-all.mjs) on ${meta.startedAt} in ${Math.round(meta.durationSec)} s. How to read and reproduce: [bench/README.md](../README.md).`,
    '',
    noiseLine(meta),
    `**Setup:** ${meta.setup.emulator}. Model \`${meta.setup.modelId}\` in ${meta.setup.region}, ${meta.setup.credentials}, the same prompt for every library.`,
    '',
    `![Benchmark chart](${svgName})`,
    '',
    '## Goals',
    '',
    '"≈95% CI": an approximate 95% confidence interval of the measured ratio or difference of medians (standard error of each median from its MAD; for the library, from the per-round ratios). "Within noise": the goal\'s threshold lies inside it, so another run on this machine could flip the verdict.',
    '',
    table(
      ['', 'Goal', 'Measured', 'Spread'],
      goals.map((goal) => [
        `${STATUS_MARK[goal.status]}${goal.withinNoise ? ' (within noise)' : ''}`,
        goal.goal,
        goal.measured,
        [goal.intervalText, goal.detail].filter(Boolean).join('; '),
      ]),
    ),
    '',
    '## 1. Library call overhead (no model latency)',
    '',
    libraryPart(sections.library),
    '',
    '## 2. Streaming',
    '',
    streamingPart(sections.streaming),
    '',
    '## 3. CLI start-up and one-shot',
    '',
    cliPart(sections.cli),
    '',
    '## 4. MCP over stdio',
    '',
    mcpPart(sections.mcp),
    '',
    '## 5. Conversation store at scale',
    '',
    storePart(sections.store),
    '',
    '## 6. Prompt caching',
    '',
    cachingPart(sections.caching),
    '',
    '## 7. A 4 MB PDF attached',
    '',
    attachPart(sections.attach),
    '',
    '## 8. Team scale: DynamoDB store and stateless MCP HTTP',
    '',
    teamPart(sections.team, table, notRun),
    '',
    '## 9. A 3-step tool loop',
    '',
    toolsPart(sections.tools),
  ];
  if (misses.length > 0) {
    parts.push('', '## Misses: what remains and why', '');
    for (const goal of misses) {
      parts.push(
        `- **${goal.goal}** — ${goal.measured}${goal.withinNoise ? ' (within noise)' : ''}. ${explainMiss(goal, results)}`,
      );
    }
  }
  return `${parts.join('\n')}\n`;
}
