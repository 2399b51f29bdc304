// Shared by the store benchmarks: deterministic text, a timer that reports wall and CPU time, and
// the store's goals.

/**
 * Core's goals for the store, median per operation (ms), at 100k conversations / 1M messages
 * (store-bench.mjs) and at 10,000 conversations holding files (store-files-bench.mjs, issue 11:
 * "list, search and loading a 1,000-message history stay within today's goals").
 */
export const STORE_GOALS_MS = { appendTurn: 2, listRecent50: 10, search: 50, load1000Messages: 10 };

/** Deterministic pseudo-random numbers (mulberry32), so every run fills the same data. */
export function seededRandom(start = 42) {
  let seed = start;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vocabulary with Zipf-like word frequencies, as in natural text: a few very common words, a long tail. */
export function textMaker(random, { vocabularySize = 20_000, wordsPerMessage = 30 } = {}) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const vocabulary = Array.from({ length: vocabularySize }, (_, index) => {
    let word = '';
    const length = 3 + (index % 8);
    for (let i = 0; i < length; i++) word += letters[Math.floor(random() * 26)];
    return word;
  });
  const zipfWord = () => vocabulary[Math.min(vocabularySize - 1, Math.floor(vocabularySize ** random()) - 1)];
  const sentence = () => Array.from({ length: wordsPerMessage }, zipfWord).join(' ');
  return { vocabulary, sentence };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/**
 * Runs `operation` five times to warm up, then `repetitions` times. CPU time of this process as
 * well as wall time: on a shared machine the wall time includes waiting for a core, the CPU time
 * is the work itself.
 */
export async function measure(repetitions, operation) {
  for (let i = 0; i < 5; i++) await operation(i);
  const times = [];
  const cpuTimes = [];
  for (let i = 0; i < repetitions; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await operation(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1e3);
  }
  return {
    repetitions,
    medianMs: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    maxMs: quantile(times, 1),
    cpuMedianMs: quantile(cpuTimes, 0.5),
  };
}

/** The results as a table on stdout; a goal of null is reported, not judged. */
export function printResults(results) {
  console.table(
    Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        {
          'median ms': r.medianMs.toFixed(3),
          'p95 ms': r.p95Ms.toFixed(3),
          'cpu median ms': r.cpuMedianMs.toFixed(3),
          'goal ms': r.goalMs ?? '-',
          ok: r.goalMs === null ? '-' : r.medianMs <= r.goalMs ? 'yes' : 'NO',
        },
      ]),
    ),
  );
}

/**
 * The read goals both store benchmarks share: list the 50 most recent, search one of 50
 * medium-frequency words (ranks 200–2,000: each matches a few thousand messages), and load the
 * 1,000-message conversation `longId`. `averageSearchHitsPerPage` shows the searches found work.
 */
export async function measureReads(store, vocabulary, longId) {
  const searchWords = Array.from({ length: 50 }, (_, i) => vocabulary[200 + i * 36]);
  let hits = 0;
  const results = {
    listRecent50: {
      goalMs: STORE_GOALS_MS.listRecent50,
      ...(await measure(500, () => store.list({ limit: 50 }))),
    },
    search: {
      goalMs: STORE_GOALS_MS.search,
      ...(await measure(200, async (i) => {
        hits += (await store.list({ search: searchWords[i % searchWords.length], limit: 50 })).conversations
          .length;
      })),
    },
    load1000Messages: {
      goalMs: STORE_GOALS_MS.load1000Messages,
      ...(await measure(200, () => store.get(longId))),
    },
  };
  return { results, averageSearchHitsPerPage: Math.round(hits / 205) };
}
