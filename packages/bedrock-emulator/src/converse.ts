import { parseConverseRequest } from './converse-request.js';
import { requireModel } from './model-id.js';
import { delay, type OperationContext, takeFault, whileHeld } from './operation-context.js';
import { countDeltas, toConverseContent, toStreamEvents } from './reply-events.js';
import { planReply } from './reply-plan.js';
import { sendJson, writeHead } from './respond.js';
import { servedSettings } from './rules/service-tier-rules.js';

/** POST /model/{modelId}/converse */
export async function handleConverse(context: OperationContext): Promise<void> {
  const { exchange, record, state } = context;
  const model = requireModel(context.modelId, {
    forInference: true,
    region: context.state.region,
    catalogue: context.state.models,
  });
  const request = parseConverseRequest(context.body, model);
  if (!(await whileHeld(state, context.signal))) return;
  const fault = takeFault(context, 'Converse');
  if (fault?.kind === 'drop' && fault.afterEvents === undefined) {
    exchange.destroyConnection(fault.scope);
    return;
  }
  const cache = state.promptCache.accountRequest(model, request);
  const plan = planReply(request, state.replies.shift(), model.maxOutputTokens, cache);
  // A non-streaming reply takes as long as the same reply streamed: first token, then every delta.
  const { ttftMs, chunkDelayMs, chunkTokens } = state.defaults;
  const deltas = countDeltas(toStreamEvents(plan, chunkTokens));
  if (!(await delay(ttftMs + Math.max(0, deltas - 1) * chunkDelayMs, context.signal))) return;

  const payload = {
    output: { message: { role: 'assistant', content: toConverseContent(plan) } },
    stopReason: plan.stopReason,
    usage: plan.usage,
    metrics: { latencyMs: Math.round(performance.now() - context.receivedAt) },
    ...servedSettings(request),
  };
  if (fault?.kind === 'drop') {
    // Headers and half the body, then the connection dies: the client sees a truncated response.
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    writeHead(exchange, record, 200, {
      'content-type': 'application/json',
      'content-length': String(body.length),
    });
    await exchange.write(body.subarray(0, Math.floor(body.length / 2)));
    exchange.destroyConnection(fault.scope);
    return;
  }
  sendJson(exchange, record, 200, payload);
}
