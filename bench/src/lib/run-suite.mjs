import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { renderMarkdown } from '../report/markdown.mjs';
import { renderSvg } from '../report/svg.mjs';
import * as attach from '../sections/attach.mjs';
import * as caching from '../sections/caching.mjs';
import * as cli from '../sections/cli.mjs';
import * as library from '../sections/library.mjs';
import * as mcp from '../sections/mcp.mjs';
import * as store from '../sections/store.mjs';
import * as streaming from '../sections/streaming.mjs';
import * as team from '../sections/team.mjs';
import * as tools from '../sections/tools.mjs';
import { benchPlan, CREDENTIALS_MODE, MODEL_ID, REGION, RESULTS_DIR, TMP_DIR } from './bench-config.mjs';
import { evaluateGoals } from './goals.mjs';
import { describeMachine, noiseProbe, startLoadSampler } from './machine.mjs';
import { rounded } from './stats.mjs';

/** In run order: library and streaming need only core and the emulator; the rest may be skipped. */
const SECTIONS = [library, streaming, cli, mcp, store, caching, attach, team, tools];

function log(line) {
  process.stderr.write(`${line}\n`);
}

export async function runSuite({ emulator, env, quick, only, storeMode, out }) {
  const plan = benchPlan(quick);
  const startedAt = new Date();
  const machine = describeMachine();
  log(
    `bench: ${quick ? 'QUICK mode, ' : ''}${machine.cpuCount} CPUs, node ${machine.node}, load ${machine.loadAverage.map((load) => load.toFixed(2)).join(' ')}`,
  );
  const noiseBefore = noiseProbe();
  const loadSampler = startLoadSampler();
  // Data directories of the CLI and MCP runs; removed at the end.
  mkdirSync(TMP_DIR, { recursive: true });
  const scratchDir = mkdtempSync(join(TMP_DIR, 'run-'));
  const context = { emulator, env, plan, quick, storeMode, log, scratchDir };
  const sections = {};
  for (const section of SECTIONS) {
    if (only && !only.includes(section.id)) {
      sections[section.id] = { title: section.title, status: 'skipped', reason: 'not selected (--only)' };
      continue;
    }
    log(`${section.title}…`);
    const started = performance.now();
    /** @type {any} */
    let result;
    try {
      result = await section.run(context);
    } catch (error) {
      result = { status: 'error', reason: error instanceof Error ? error.message : String(error) };
      process.exitCode = 1;
    }
    const durationSec = (performance.now() - started) / 1000;
    sections[section.id] = { title: section.title, ...result, durationSec };
    log(
      `  ${result.status === 'ok' ? 'done' : `${result.status}: ${result.reason}`} (${durationSec.toFixed(1)} s)`,
    );
  }
  rmSync(scratchDir, { recursive: true, force: true });
  const duringRun = loadSampler.stop();
  const noiseAfter = noiseProbe();

  const results = rounded({
    meta: {
      quick,
      startedAt: startedAt.toISOString(),
      durationSec: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      noise: { before: noiseBefore, duringRun, after: noiseAfter },
      setup: {
        emulator: `@bedrock-chat/bedrock-emulator, one instance in the orchestrator process at ${emulator.url}; every client runs in its own child process and reaches it over loopback`,
        modelId: MODEL_ID,
        region: REGION,
        credentials: CREDENTIALS_MODE,
      },
    },
    sections,
  });
  results.goals = evaluateGoals(results);

  const prefix = out ?? (quick ? join(TMP_DIR, 'quick') : join(RESULTS_DIR, 'latest'));
  mkdirSync(dirname(prefix), { recursive: true });
  writeFileSync(`${prefix}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${prefix}.md`, renderMarkdown(results, { svgName: `${basename(prefix)}.svg` }));
  writeFileSync(`${prefix}.svg`, renderSvg(results));
  log(`wrote ${prefix}.{md,json,svg}`);
  for (const goal of results.goals) log(`  ${goal.status.padEnd(4)} ${goal.goal} — ${goal.measured}`);
  return results;
}
