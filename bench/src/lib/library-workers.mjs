import { fileURLToPath } from 'node:url';
import { MODEL_ID, REGION } from './bench-config.mjs';
import { startWorker } from './child-worker.mjs';

/** Adapter file names, in the order tables list them; `raw-sdk` is the floor. */
export const LIBRARIES = ['ours', 'raw-sdk', 'ai-sdk', 'langchain'];
/** The library section adds the raw SDK configured like bedrock-chat's client (HTTP/2 session reuse). */
export const LIBRARIES_WITH_TUNED_FLOOR = ['ours', 'raw-sdk', 'raw-sdk-reuse', 'ai-sdk', 'langchain'];

const WORKER = fileURLToPath(new URL('../workers/library-worker.mjs', import.meta.url));

/**
 * One child process per library. Started one after another so that each import is timed on an
 * otherwise idle machine.
 */
export async function startLibraryWorkers(context, names = LIBRARIES) {
  /** @type {any[]} */
  const workers = [];
  try {
    for (const name of names) {
      const worker = startWorker(WORKER, { args: [name, MODEL_ID, REGION], env: context.env });
      workers.push({ name, worker });
      Object.assign(workers.at(-1), { info: await worker.ready });
    }
  } catch (error) {
    await closeWorkers(workers);
    throw error;
  }
  return workers;
}

export async function closeWorkers(workers) {
  await Promise.all(workers.map(({ worker }) => worker.close()));
}

/**
 * Runs one batch on a worker and checks, on the emulator's request log, that it made exactly
 * `expectRequests` successful requests for the benchmark model (no retries, no errors). Returns
 * the worker's result and the HTTP versions seen.
 */
export async function runCheckedBatch(context, worker, op, params, expectRequests) {
  const { emulator } = context;
  emulator.clearRequests();
  const result = await worker.call(op, params);
  const requests = emulator.requests;
  const bad = requests.filter((request) => request.status !== 200 || request.modelId !== MODEL_ID);
  if (requests.length !== expectRequests || bad.length > 0) {
    throw new Error(
      `expected ${expectRequests} successful requests, the emulator saw ${requests.length} (${bad.length} failed or for another model)`,
    );
  }
  if (emulator.pendingReplies !== 0)
    throw new Error(`${emulator.pendingReplies} scripted replies were not used`);
  const sample = requests[0];
  emulator.clearRequests();
  return {
    result,
    httpVersion: sample?.httpVersion,
    requestBody: sample?.body,
  };
}
