import { count, ms, ratio } from './format.mjs';
import { barPanel, COLORS, pill, text } from './svg-parts.mjs';

const WIDTH = 1000;
const MARGIN = 20;
const COLUMN_WIDTH = (WIDTH - MARGIN * 3) / 2;

const GOAL_NAMES = {
  'library-overhead': 'call overhead vs raw',
  'library-overhead-reuse': 'overhead vs raw + reuse',
  'library-concurrent': 'c=64 calls/s vs raw',
  'library-peers': 'not slower than peers',
  'stream-throughput-long': '16k stream throughput',
  'stream-ttft-long': '16k first delta',
  'stream-throughput-short': '500-token throughput',
  'stream-ttft-short': '500-token first delta',
  'cli-ask': 'CLI ask vs raw script',
  'cli-version': 'CLI --version',
  'cli-mcp': 'CLI + 1 MCP server',
  'mcp-roundtrip': 'MCP round trip',
  'mcp-concurrent': 'MCP 32 concurrent',
};

const kindOf = (name) => (name === 'ours' ? 'ours' : name.startsWith('raw-sdk') ? 'floor' : 'peer');
const skipText = (section) =>
  section?.status === 'ok' ? undefined : `${section?.status ?? 'skipped'}: ${section?.reason ?? ''}`;

function libraryPanels(section) {
  const skipped = skipText(section);
  const libraries = section?.libraries ?? [];
  const raw = libraries.find((entry) => entry.name === 'raw-sdk');
  return [
    {
      title: 'Per-call latency, sequential — lower is better',
      subtitle: 'median, whisker p25–p75, no model latency',
      skipped,
      rows: libraries.map((entry) => ({
        label: entry.label,
        kind: kindOf(entry.name),
        value: entry.sequential.latencyMs.median,
        lo: entry.sequential.latencyMs.p25,
        hi: entry.sequential.latencyMs.p75,
        valueText: `${ms(entry.sequential.latencyMs.median)} ${raw ? ratio(entry.sequential.latencyMs.median / raw.sequential.latencyMs.median) : ''}`,
      })),
    },
    {
      title: 'Calls per second at concurrency 64 — higher is better',
      subtitle: 'median over reps, whisker min–max',
      skipped,
      rows: libraries.map((entry) => ({
        label: entry.label,
        kind: kindOf(entry.name),
        value: entry.concurrent.callsPerSec,
        lo: Math.min(...entry.concurrent.callsPerSecReps),
        hi: Math.max(...entry.concurrent.callsPerSecReps),
        valueText: count(entry.concurrent.callsPerSec),
      })),
    },
  ];
}

function streamingPanels(section) {
  const skipped = skipText(section);
  const scenario = (id) => section?.scenarios?.find((entry) => entry.id === id);
  const long = scenario('long');
  const short = scenario('short');
  return [
    {
      title: 'Streaming 16k tokens: tokens/s — higher is better',
      subtitle: 'median, whisker p25–p75',
      skipped,
      rows: (long?.libraries ?? []).map((entry) => ({
        label: entry.label,
        kind: kindOf(entry.name),
        value: entry.tokensPerSec.median,
        lo: entry.tokensPerSec.p25,
        hi: entry.tokensPerSec.p75,
        valueText: count(entry.tokensPerSec.median),
      })),
    },
    {
      title: '500 tokens, 20 ms TTFT: first delta — lower is better',
      subtitle: 'median, whisker p25–p75',
      skipped,
      rows: (short?.libraries ?? []).map((entry) => ({
        label: entry.label,
        kind: kindOf(entry.name),
        value: entry.ttftMs.median,
        lo: entry.ttftMs.p25,
        hi: entry.ttftMs.p75,
        valueText: ms(entry.ttftMs.median),
      })),
    },
  ];
}

function cliPanel(section) {
  const kinds = {
    'node-e-0': 'floor',
    'raw-sdk-script': 'floor',
    'raw-sdk-schema-script': 'floor',
    version: 'ours',
    ask: 'ours',
    'ask-cold': 'ours',
    'ask-no-save': 'ours',
    'ask-schema': 'ours',
  };
  return {
    title: 'CLI wall time per run — lower is better',
    subtitle: 'median, whisker p25–p75',
    skipped: skipText(section),
    rows: (section?.commands ?? []).map((command) => ({
      label: command.label.replace('bedrock-chat ', ''),
      kind: kinds[command.id],
      value: command.wallMs.median,
      lo: command.wallMs.p25,
      hi: command.wallMs.p75,
      valueText: ms(command.wallMs.median),
    })),
  };
}

function mcpPanels(section) {
  const roundTrip = section?.roundTrip;
  const concurrent = section?.concurrent;
  const skipped = skipText(section);
  const row = (label, kind, summary) => ({
    label,
    kind,
    value: summary.median,
    lo: summary.p25,
    hi: summary.p75,
    valueText: ms(summary.median),
  });
  return [
    {
      title: 'MCP chat round trip, no model latency — lower is better',
      subtitle: 'median, whisker p25–p75',
      skipped,
      rows: roundTrip
        ? [
            row('MCP chat (stdio)', 'ours', roundTrip.mcpMs),
            row('core complete', 'floor', roundTrip.directMs),
            ...(roundTrip.directSavedMs
              ? [row('core sendPrompt+SQLite', 'floor', roundTrip.directSavedMs)]
              : []),
          ]
        : [],
    },
    {
      title: 'MCP, 200 ms model latency: wall time — lower is better',
      subtitle: 'median, whisker p25–p75; goal: 32 at once ≤ 1.3 × one',
      skipped,
      rows: concurrent
        ? [
            row('one chat call', 'floor', concurrent.singleMs),
            row('32 chat calls at once', 'ours', concurrent.wallMs),
            row('32 core calls at once', 'floor', concurrent.directWallMs),
          ]
        : [],
    },
  ];
}

function storePanel(section) {
  const operations = Object.entries(section?.results?.results ?? {}).filter(
    ([, op]) => typeof op?.medianMs === 'number',
  );
  return {
    title: `Store at scale (core's bench)${section?.quick ? ' — QUICK sizes' : ''} — lower is better`,
    subtitle: 'median, whisker median–p95; 100k conversations, 1M messages',
    skipped: skipText(section),
    rows: operations.map(([name, op]) => ({
      label: name,
      kind: op.goalMs === undefined || op.medianMs <= op.goalMs ? 'ours' : 'miss',
      value: op.medianMs,
      lo: op.medianMs,
      hi: op.p95Ms ?? op.medianMs,
      valueText: `${ms(op.medianMs)}${op.goalMs === undefined ? '' : ` (goal ${op.goalMs})`}`,
    })),
  };
}

export function renderSvg(results) {
  const { meta, sections, goals } = results;
  const body = [];
  const titleText = `bedrock-chat benchmarks — ${meta.startedAt.slice(0, 10)}${meta.quick ? ' — QUICK MODE' : ''}`;
  body.push(text(MARGIN, 30, titleText, { size: 18, weight: 'bold' }));
  body.push(
    text(
      MARGIN,
      50,
      `${meta.machine.cpuCount} × ${meta.machine.cpuModel}, Node ${meta.machine.node}, load ${meta.noise.before.loadAverage[0].toFixed(2)} → ${meta.noise.after.loadAverage[0].toFixed(2)}; emulator on loopback, ${meta.setup.modelId}`,
      { size: 11, fill: COLORS.muted },
    ),
  );
  const perLine = 3;
  const pillWidth = (WIDTH - MARGIN * 2 - (perLine - 1) * 10) / perLine;
  const nameOf = (goal) => GOAL_NAMES[goal.id] ?? goal.id.replace(/^store-/, 'store ');
  goals.forEach((goal, index) => {
    const column = index % perLine;
    const line = Math.floor(index / perLine);
    body.push(
      pill(
        MARGIN + column * (pillWidth + 10),
        64 + line * 28,
        pillWidth,
        goal.status,
        goal.short ? `${nameOf(goal)} · ${goal.short}` : nameOf(goal),
        goal.withinNoise,
      ),
    );
  });
  let y = 64 + Math.ceil(goals.length / perLine) * 28 + 16;
  const legend = [
    ['ours', 'bedrock-chat'],
    ['floor', 'raw AWS SDK / baseline'],
    ['peer', 'peer library'],
  ];
  legend.forEach(([kind, label], index) => {
    const x = MARGIN + index * 200;
    body.push(`<rect x="${x}" y="${y}" width="12" height="12" rx="2" fill="${COLORS[kind]}"/>`);
    body.push(text(x + 18, y + 11, label, { size: 11 }));
  });
  body.push(
    text(MARGIN + 600, y + 11, '≈ : threshold inside the spread (could flip on a rerun)', {
      size: 11,
      fill: COLORS.muted,
    }),
  );
  y += 28;
  const panels = [
    ...libraryPanels(sections.library),
    ...streamingPanels(sections.streaming),
    cliPanel(sections.cli),
    ...mcpPanels(sections.mcp),
    storePanel(sections.store),
  ];
  for (let index = 0; index < panels.length; index += 2) {
    const rendered = panels
      .slice(index, index + 2)
      .map((panel, column) =>
        barPanel({ ...panel, x: MARGIN + column * (COLUMN_WIDTH + MARGIN), y, width: COLUMN_WIDTH }),
      );
    body.push(...rendered.map((panel) => panel.svg));
    y += Math.max(...rendered.map((panel) => panel.height)) + 16;
  }
  const height = Math.ceil(y);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
