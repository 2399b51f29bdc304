import { createHash } from 'node:crypto';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { summarize } from './stats.mjs';

/** What the figures were measured on. */
export function describeMachine() {
  const list = cpus();
  return {
    cpuCount: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    totalMemGb: totalmem() / 2 ** 30,
    freeMemGb: freemem() / 2 ** 30,
    loadAverage: loadavg(),
  };
}

/**
 * A fixed CPU-bound task timed `runs` times: its spread (IQR / median) shows how noisy the machine
 * was around the measurements (other processes, frequency scaling). Below ~3% is quiet.
 */
export function noiseProbe(runs = 25) {
  const block = Buffer.alloc(1 << 20, 7);
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    for (let index = 0; index < 8; index++) createHash('sha256').update(block).digest();
    times.push(performance.now() - started);
  }
  const summary = summarize(times);
  return {
    taskMs: summary,
    iqrPercent: ((summary.p75 - summary.p25) / summary.median) * 100,
    loadAverage: loadavg(),
  };
}

/** Samples the 1-minute load average every `intervalMs` while the suite runs. */
export function startLoadSampler(intervalMs = 2000) {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(loadavg()[0]);
      return { load1Samples: samples.length, load1: summarize(samples) };
    },
  };
}
