// The issue's goals, evaluated on a results object. Each goal is PASS, MISS or SKIP (its section
// did not run); `detail` carries the spread so a reader can tell a real miss from noise.

import { median, summarize } from './stats.mjs';

const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const times = (value) => `${value.toFixed(2)}×`;

function pick(list, name) {
  return list.find((entry) => entry.name === name);
}

function goal(id, section, text, pass, measured, detail) {
  // The headline figure for the chart: what precedes the parenthesis, when it is short.
  const head = measured.split(' (')[0];
  return {
    id,
    section,
    goal: text,
    status: pass ? 'PASS' : 'MISS',
    measured,
    detail,
    short: head.length <= 12 ? head : undefined,
  };
}

/** Standard error of a sample median, from its MAD (normal approximation: 1.2533 × 1.4826 × MAD / √n). */
const medianError = (summary) => (1.858 * summary.mad) / Math.sqrt(summary.n);

/** Approximate 95% interval of median(a) / median(b). */
function ratioInterval(a, b) {
  const value = a.median / b.median;
  const relative = Math.hypot(medianError(a) / a.median, medianError(b) / b.median);
  return [value * (1 - 1.96 * relative), value * (1 + 1.96 * relative)];
}

/** Approximate 95% interval of median(a) − median(b). */
function differenceInterval(a, b) {
  const value = a.median - b.median;
  const error = Math.hypot(medianError(a), medianError(b));
  return [value - 1.96 * error, value + 1.96 * error];
}

/** Approximate 95% interval of the median of paired estimates (e.g. per-round ratios). */
function medianInterval(values) {
  const summary = summarize(values);
  const error = medianError(summary);
  return [summary.median - 1.96 * error, summary.median + 1.96 * error];
}

/**
 * Adds the approximate 95% interval of the measure and marks a goal whose threshold lies inside it:
 * its PASS or MISS could flip on another run of this machine.
 * @param {object} result
 * @param {number[]} interval
 * @param {number} threshold
 * @param {(value: number) => string} [format]
 */
function noise(result, interval, threshold, format = (value) => value.toFixed(2)) {
  const [low, high] = interval;
  return {
    ...result,
    interval: [low, high],
    intervalText: `≈95% CI ${format(low)}–${format(high)}`,
    withinNoise: low <= threshold && threshold <= high,
  };
}

function skipped(id, section, text, reason) {
  return { id, section, goal: text, status: 'SKIP', measured: reason, detail: undefined };
}

function libraryGoals(section) {
  const texts = [
    ['library-overhead', 'Median per-call latency ≤ 1.05× the raw SDK (sequential, no model latency)'],
    ['library-concurrent', 'Calls/s at concurrency 64 ≥ the raw SDK’s ÷ 1.05'],
    ['library-peers', 'Never slower than ai-sdk or langchain (sequential median and c=64 calls/s)'],
  ];
  if (section?.status !== 'ok')
    return texts.map(([id, text]) => skipped(id, 'library', text, reason(section)));
  const [ours, raw] = [pick(section.libraries, 'ours'), pick(section.libraries, 'raw-sdk')];
  const peers = section.libraries.filter(
    (entry) => entry.name !== 'ours' && !entry.name.startsWith('raw-sdk'),
  );
  const tuned = pick(section.libraries, 'raw-sdk-reuse');
  const ratio = ours.sequential.latencyMs.median / raw.sequential.latencyMs.median;
  const roundRatios = ours.sequential.roundMediansMs.map(
    (value, index) => value / raw.sequential.roundMediansMs[index],
  );
  const throughputRatio = raw.concurrent.callsPerSec / ours.concurrent.callsPerSec;
  const slowerThan = peers.filter(
    (peer) =>
      ours.sequential.latencyMs.median > peer.sequential.latencyMs.median ||
      ours.concurrent.callsPerSec < peer.concurrent.callsPerSec,
  );
  const oursReps = ours.concurrent.callsPerSecReps;
  const rawReps = raw.concurrent.callsPerSecReps;
  return [
    noise(
      goal(
        texts[0][0],
        'library',
        texts[0][1],
        ratio <= 1.05,
        `${times(ratio)} (${ms(ours.sequential.latencyMs.median)} vs ${ms(raw.sequential.latencyMs.median)})`,
        `per-round ratios ${times(Math.min(...roundRatios))}–${times(Math.max(...roundRatios))}; CPU/call ${us(ours.sequential.cpuUsPerCall)} vs ${us(raw.sequential.cpuUsPerCall)}`,
      ),
      medianInterval(roundRatios),
      1.05,
    ),
    ...(tuned ? [strictOverheadGoal(ours, tuned, section.sameProcess)] : []),
    noise(
      goal(
        texts[1][0],
        'library',
        texts[1][1],
        throughputRatio <= 1.05,
        `${times(1 / throughputRatio)} (${ours.concurrent.callsPerSec.toFixed(0)} vs ${raw.concurrent.callsPerSec.toFixed(0)} calls/s)`,
        `reps: ours ${rangeOf(ours.concurrent.callsPerSecReps)}, raw ${rangeOf(raw.concurrent.callsPerSecReps)}`,
      ),
      ratioInterval(summarize(oursReps), summarize(rawReps)),
      1 / 1.05,
    ),
    goal(
      texts[2][0],
      'library',
      texts[2][1],
      slowerThan.length === 0,
      peers
        .map(
          (peer) =>
            `${peer.label} ${ms(peer.sequential.latencyMs.median)}, ${peer.concurrent.callsPerSec.toFixed(0)} calls/s`,
        )
        .join('; '),
      slowerThan.length ? `slower than ${slowerThan.map((peer) => peer.label).join(', ')}` : undefined,
    ),
  ];
}

/**
 * Not one of the issue's goals: the raw SDK's defaults open an HTTP/2 connection per Converse call
 * and bedrock-chat's client does not, so the issue's floor flatters us. This is the same ratio
 * against the raw SDK configured like our client, measured in one process where the two take
 * turns (bench/src/scripts/same-process-ab.mjs); separate processes are shown for comparison.
 */
function strictOverheadGoal(ours, tuned, sameProcess) {
  const separate = ours.sequential.latencyMs.median / tuned.sequential.latencyMs.median;
  const text =
    'Strict: the same ≤ 1.05× against the raw SDK with HTTP/2 session reuse, as our client is configured';
  if (!sameProcess) {
    const roundRatios = ours.sequential.roundMediansMs.map(
      (value, index) => value / tuned.sequential.roundMediansMs[index],
    );
    return noise(
      goal(
        'library-overhead-reuse',
        'library',
        text,
        separate <= 1.05,
        `${times(separate)} (${ms(ours.sequential.latencyMs.median)} vs ${ms(tuned.sequential.latencyMs.median)})`,
        `per-round ratios ${times(Math.min(...roundRatios))}–${times(Math.max(...roundRatios))}; CPU/call ${us(ours.sequential.cpuUsPerCall)} vs ${us(tuned.sequential.cpuUsPerCall)}`,
      ),
      medianInterval(roundRatios),
      1.05,
    );
  }
  const [a, b] = sameProcess.libraries;
  const roundRatios = a.roundMediansMs.map((value, index) => value / b.roundMediansMs[index]);
  const ratio = summarize(roundRatios).median;
  return noise(
    goal(
      'library-overhead-reuse',
      'library',
      text,
      ratio <= 1.05,
      `${times(ratio)} (median of ${sameProcess.rounds} per-round ratios in one process; ${ms(a.medianMs)} vs ${ms(b.medianMs)})`,
      `per-round ratios ${times(Math.min(...roundRatios))}–${times(Math.max(...roundRatios))}; CPU/call ${us(a.cpuUsPerCall)} vs ${us(b.cpuUsPerCall)}; in separate processes ${times(separate)}`,
    ),
    medianInterval(roundRatios),
    1.05,
  );
}

const us = (value) => `${value.toFixed(0)} µs`;

function rangeOf(values) {
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
}

function reason(section) {
  if (!section) return 'skipped: section missing';
  return `${section.status}: ${section.reason}`;
}

function streamingGoals(section) {
  const out = [];
  for (const scenario of [
    { id: 'long', name: '16k tokens' },
    { id: 'short', name: '500 tokens, 20 ms TTFT' },
    { id: 'thinking', name: 'thinking on, 4k reasoning + 12k text' },
  ]) {
    const throughputText = `Throughput ≥ 0.95× the raw SDK (${scenario.name})`;
    const ttftText = `Time to first delta within 1 ms of the raw SDK (${scenario.name})`;
    const data =
      section?.status === 'ok' ? section.scenarios.find((entry) => entry.id === scenario.id) : undefined;
    if (!data) {
      out.push(skipped(`stream-throughput-${scenario.id}`, 'streaming', throughputText, reason(section)));
      out.push(skipped(`stream-ttft-${scenario.id}`, 'streaming', ttftText, reason(section)));
      continue;
    }
    const [ours, raw] = [pick(data.libraries, 'ours'), pick(data.libraries, 'raw-sdk')];
    const throughput = ours.tokensPerSec.median / raw.tokensPerSec.median;
    const ttftGap = ours.ttftMs.median - raw.ttftMs.median;
    out.push(
      noise(
        goal(
          `stream-throughput-${scenario.id}`,
          'streaming',
          throughputText,
          throughput >= 0.95,
          `${times(throughput)} (${kTokens(ours.tokensPerSec.median)} vs ${kTokens(raw.tokensPerSec.median)} tokens/s)`,
          `IQR ours ${kTokens(ours.tokensPerSec.p25)}–${kTokens(ours.tokensPerSec.p75)}, raw ${kTokens(raw.tokensPerSec.p25)}–${kTokens(raw.tokensPerSec.p75)}`,
        ),
        // tokens/s is tokens ÷ whole-reply time, so its ratio is the inverse ratio of the times.
        ratioInterval(raw.totalMs, ours.totalMs),
        0.95,
      ),
      noise(
        goal(
          `stream-ttft-${scenario.id}`,
          'streaming',
          ttftText,
          ttftGap <= 1,
          `${ttftGap >= 0 ? '+' : ''}${ms(ttftGap)} (${ms(ours.ttftMs.median)} vs ${ms(raw.ttftMs.median)})`,
          `IQR ours ${ms(ours.ttftMs.p25)}–${ms(ours.ttftMs.p75)}, raw ${ms(raw.ttftMs.p25)}–${ms(raw.ttftMs.p75)}`,
        ),
        differenceInterval(ours.ttftMs, raw.ttftMs),
        1,
        ms,
      ),
    );
  }
  return out;
}

function kTokens(value) {
  return `${(value / 1000).toFixed(1)}k`;
}

function cliGoals(section) {
  const askText = '`bedrock-chat ask` wall time ≤ 1.1× a minimal raw-SDK script';
  const schemaText = '`bedrock-chat ask --schema` wall time ≤ 1.1× a raw-SDK script sending the same request';
  const versionText = '`bedrock-chat --version` ≤ 1.5× `node -e 0`';
  if (section?.status !== 'ok') {
    return [
      skipped('cli-ask', 'cli', askText, reason(section)),
      skipped('cli-ask-schema', 'cli', schemaText, reason(section)),
      skipped('cli-version', 'cli', versionText, reason(section)),
    ];
  }
  const byId = (id) => section.commands.find((command) => command.id === id)?.wallMs;
  const pair = (id, text, ours, base, limit) =>
    noise(
      goal(
        id,
        'cli',
        text,
        ours.median / base.median <= limit,
        `${times(ours.median / base.median)} (${ms(ours.median)} vs ${ms(base.median)})`,
        `IQR ${ms(ours.p25)}–${ms(ours.p75)} vs ${ms(base.p25)}–${ms(base.p75)}`,
      ),
      ratioInterval(ours, base),
      limit,
    );
  return [
    byId('ask')
      ? pair('cli-ask', askText, byId('ask'), byId('raw-sdk-script'), 1.1)
      : skipped('cli-ask', 'cli', askText, `error: bedrock-chat ask failed: ${section.askError}`),
    byId('ask-schema') && byId('raw-sdk-schema-script')
      ? pair('cli-ask-schema', schemaText, byId('ask-schema'), byId('raw-sdk-schema-script'), 1.1)
      : skipped('cli-ask-schema', 'cli', schemaText, 'skipped: ask --schema did not run (see the notes)'),
    pair('cli-version', versionText, byId('version'), byId('node-e-0'), 1.5),
    cliMcpGoal(byId),
  ];
}

/**
 * Issue 13: attaching one stdio MCP server costs `ask` no more than that server's own start-up
 * (spawn, handshake, tools/list), since the servers start in parallel with the CLI's own start-up.
 */
function cliMcpGoal(byId) {
  const text = '`ask --mcp fs` adds ≤ server-filesystem’s own start-up over `ask --no-save`';
  const [withMcp, without, server] = [byId('ask-mcp'), byId('ask-no-save'), byId('mcp-server-start')];
  if (!withMcp || !without || !server) {
    return skipped(
      'cli-mcp',
      'cli',
      text,
      'skipped: ask --mcp, ask --no-save or the server alone did not run',
    );
  }
  const added = withMcp.median - without.median;
  return noise(
    goal(
      'cli-mcp',
      'cli',
      text,
      added <= server.median,
      `${ms(added)} added (server alone ${ms(server.median)})`,
      `ask --mcp ${ms(withMcp.median)} (IQR ${ms(withMcp.p25)}–${ms(withMcp.p75)}) vs ask --no-save ${ms(without.median)}; server start-up IQR ${ms(server.p25)}–${ms(server.p75)}`,
    ),
    differenceInterval(withMcp, without),
    server.median,
    ms,
  );
}

function mcpGoals(section) {
  const roundTripText = 'stdio `chat` round trip adds ≤ 5 ms over a direct core call';
  const concurrentText = '32 concurrent `chat` calls (200 ms model latency) finish within 1.3× one call';
  if (section?.status !== 'ok') {
    return [
      skipped('mcp-roundtrip', 'mcp', roundTripText, reason(section)),
      skipped('mcp-concurrent', 'mcp', concurrentText, reason(section)),
    ];
  }
  const { roundTrip, concurrent } = section;
  // Like for like: the tool saves each turn, so compare with core doing the same (sendPrompt + SQLite).
  const direct = roundTrip.directSavedMs ?? roundTrip.directMs;
  const directName = roundTrip.directSavedMs ? 'core sendPrompt + SQLite' : 'core complete';
  const added = roundTrip.mcpMs.median - direct.median;
  const ratio = concurrent.wallMs.median / concurrent.singleMs.median;
  return [
    noise(
      goal(
        'mcp-roundtrip',
        'mcp',
        roundTripText,
        added <= 5,
        `${added >= 0 ? '+' : ''}${ms(added)} (${ms(roundTrip.mcpMs.median)} vs ${ms(direct.median)} for ${directName})`,
        `IQR MCP ${ms(roundTrip.mcpMs.p25)}–${ms(roundTrip.mcpMs.p75)}, direct ${ms(direct.p25)}–${ms(direct.p75)}; core complete alone ${ms(roundTrip.directMs.median)}`,
      ),
      differenceInterval(roundTrip.mcpMs, direct),
      5,
      ms,
    ),
    noise(
      goal(
        'mcp-concurrent',
        'mcp',
        concurrentText,
        ratio <= 1.3,
        `${times(ratio)} (${ms(concurrent.wallMs.median)} for 32 vs ${ms(concurrent.singleMs.median)} for one)`,
        `warm server (after ${section.setup.concurrentWarmupCalls ?? 0} untimed calls); 32-call wall ${ms(concurrent.wallMs.min)}–${ms(concurrent.wallMs.max)} over ${concurrent.wallMs.n} reps${concurrent.youngServer ? `; young server, one batch: ${times(concurrent.youngServer.wallMs / concurrent.singleMs.median)}` : ''}`,
      ),
      ratioInterval(concurrent.wallMs, concurrent.singleMs),
      1.3,
    ),
  ];
}

/** Core's own store goals (median ≤ goalMs per operation), when its results carry them. */
function storeGoals(section) {
  if (section?.status !== 'ok') {
    return [
      skipped(
        'store',
        'store',
        'Store operations within core’s goals (100k conversations, 1M messages)',
        reason(section),
      ),
    ];
  }
  const judged = (results) =>
    Object.entries(results ?? {}).filter(
      ([, op]) => typeof op?.goalMs === 'number' && typeof op?.medianMs === 'number',
    );
  const goals = (prefix, label, part) =>
    judged(part.results?.results).map(([name, op]) =>
      goal(
        `${prefix}-${name}`,
        'store',
        `${label} ${name}: median ≤ ${op.goalMs} ms (core’s goal${part.quick ? ', QUICK sizes' : ''})`,
        op.medianMs <= op.goalMs,
        `${ms(op.medianMs)}`,
        op.p95Ms === undefined ? undefined : `p95 ${ms(op.p95Ms)}`,
      ),
    );
  // Issue 11: with 10,000 conversations holding files, the same operations within the same goals.
  const files = section.files
    ? goals('store-files', 'Store with files (10,000 conversations)', section.files)
    : [
        skipped(
          'store-files',
          'store',
          'Store with files (10,000 conversations): list, search, load 1,000 messages within core’s goals',
          'packages/core/bench/results/store-files.json not written yet (node bench/store-files-bench.mjs in packages/core)',
        ),
      ];
  return [...goals('store', 'Store', section), ...files];
}

/** Issue 11: default caching's input cost on a 20-turn conversation, as a ratio of no caching. */
function cachingGoals(section) {
  const text =
    'Input cost of a 20-turn conversation (6,000-token system prompt) with default caching ≤ 0.35× without';
  if (section?.status !== 'ok') return [skipped('caching', 'caching', text, reason(section))];
  const usd = (value) => `$${value.toFixed(4)}`;
  return [
    goal(
      'caching',
      'caching',
      text,
      section.inputCostRatio <= 0.35,
      `${times(section.inputCostRatio)} (${usd(section.cached.inputCostUsd)} vs ${usd(section.uncached.inputCostUsd)}, ${section.model})`,
      [
        `cached: ${section.cached.cacheReadInputTokens} tokens read, ${section.cached.cacheWriteInputTokens} written, ${section.cached.inputTokens} uncached; total cost ${times(section.totalCostRatio)} (output included)`,
        // Issue 11: "the same next to the AI SDK and LangChain with their documented caching setup".
        ...Object.entries(section.peers ?? {}).map(
          ([name, peer]) =>
            `${name} (documented caching): ${times(peer.inputCostRatio)}, ours ${times(peer.oursToTheirs)} of its`,
        ),
      ].join('; '),
    ),
  ];
}

/** Issue 11: a 4 MB PDF attached, `ask` against a raw-SDK script sending the same bytes. */
function attachGoals(section) {
  const text = '`bedrock-chat ask` with a 4 MB PDF attached ≤ 1.1× a raw-SDK script sending the same bytes';
  if (section?.status !== 'ok') return [skipped('attach-pdf', 'attach', text, reason(section))];
  const byId = (id) => section.commands.find((command) => command.id === id)?.wallMs;
  const ours = byId('ask-pdf');
  const base = byId('raw-sdk-pdf');
  return [
    noise(
      goal(
        'attach-pdf',
        'attach',
        text,
        ours.median / base.median <= 1.1,
        `${times(ours.median / base.median)} (${ms(ours.median)} vs ${ms(base.median)})`,
        `IQR ${ms(ours.p25)}–${ms(ours.p75)} vs ${ms(base.p25)}–${ms(base.p75)}`,
      ),
      ratioInterval(ours, base),
      1.1,
    ),
  ];
}

const micros = (value) => `${value.toFixed(0)} µs`;

/**
 * Issue 13: the overhead per model call of a 3-step tool loop over the raw SDK's hand-written
 * loop must be the lowest of bedrock-chat, the AI SDK and LangChain. Judged on CPU time with the
 * four loops taking turns in one process (`sameProcess`): per round, each library's CPU per loop
 * minus the floor's, ÷ 3; the interval is that of the per-round differences between ours and the
 * best peer. Results from before that measure existed are judged on the separate-process wall times.
 */
function toolsGoals(section) {
  const text =
    'Tool loop (3 model calls): overhead per step over the raw SDK lowest of bedrock-chat, AI SDK, LangChain';
  if (section?.status !== 'ok') return [skipped('tool-loop', 'tools', text, reason(section))];
  const wall = (name) => pick(section.libraries, name);
  const wallText = `separate processes, wall time: ${section.libraries
    .filter((entry) => entry.name !== section.setup.floor)
    .map((entry) => `${entry.label} ${ms(entry.overheadPerStepMs)}`)
    .join(', ')} per step`;
  const same = section.sameProcess;
  if (same) {
    const ours = pick(same.libraries, 'ours');
    const peers = ['ai-sdk', 'langchain'].map((name) => pick(same.libraries, name));
    const best = peers.reduce((low, peer) =>
      peer.cpuOverheadUsPerStep < low.cpuOverheadUsPerStep ? peer : low,
    );
    const differences = ours.roundCpuOverheadUsPerStep.map(
      (value, index) => value - best.roundCpuOverheadUsPerStep[index],
    );
    const difference = medianInterval(differences);
    return [
      noise(
        goal(
          'tool-loop',
          'tools',
          text,
          ours.cpuOverheadUsPerStep <= best.cpuOverheadUsPerStep,
          `${micros(ours.cpuOverheadUsPerStep)} CPU per step (AI SDK ${micros(peers[0].cpuOverheadUsPerStep)}, LangChain ${micros(peers[1].cpuOverheadUsPerStep)})`,
          `one process, ${same.rounds} rounds of ${same.loopsPerRound} loops taking turns; the interval is of ours − ${best.label} per round (median ${micros(median(differences))}); ${wallText}`,
        ),
        difference,
        0,
        micros,
      ),
    ];
  }
  const ours = wall('ours');
  const peers = ['ai-sdk', 'langchain'].map(wall);
  const best = Math.min(...peers.map((peer) => peer.overheadPerStepMs));
  return [
    noise(
      goal(
        'tool-loop',
        'tools',
        text,
        ours.overheadPerStepMs <= best,
        `${ms(ours.overheadPerStepMs)} per step (AI SDK ${ms(peers[0].overheadPerStepMs)}, LangChain ${ms(peers[1].overheadPerStepMs)})`,
        `loop medians: ${section.libraries.map((entry) => `${entry.label} ${ms(entry.loopMs.median)}`).join(', ')}`,
      ),
      medianInterval(ours.roundOverheadsPerStepMs),
      best,
      ms,
    ),
  ];
}

export function evaluateGoals(results) {
  const { sections } = results;
  return [
    ...libraryGoals(sections.library),
    ...streamingGoals(sections.streaming),
    ...cliGoals(sections.cli),
    ...mcpGoals(sections.mcp),
    ...storeGoals(sections.store),
    ...cachingGoals(sections.caching),
    ...attachGoals(sections.attach),
    ...toolsGoals(sections.tools),
  ];
}
