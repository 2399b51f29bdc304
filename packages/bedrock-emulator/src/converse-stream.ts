import { STREAM_EXCEPTIONS } from './bedrock-errors.js';
import { parseConverseRequest } from './converse-request.js';
import { encodeEvent, encodeException } from './event-stream-encoder.js';
import { requireModel } from './model-id.js';
import { delay, type OperationContext, takeFault, whileHeld } from './operation-context.js';
import { toStreamEvents } from './reply-events.js';
import { planReply } from './reply-plan.js';
import { writeHead } from './respond.js';
import { servedSettings } from './rules/service-tier-rules.js';

/** POST /model/{modelId}/converse-stream */
export async function handleConverseStream(context: OperationContext): Promise<void> {
  const { exchange, record, state, signal } = context;
  const model = requireModel(context.modelId, {
    forInference: true,
    region: context.state.region,
    catalogue: context.state.models,
  });
  const request = parseConverseRequest(context.body, model);
  if (!(await whileHeld(state, context.signal))) return;
  const fault = takeFault(context, 'ConverseStream');
  if (fault?.kind === 'drop' && fault.afterEvents === undefined) {
    exchange.destroyConnection(fault.scope);
    return;
  }
  const cache = state.promptCache.accountRequest(model, request);
  const plan = planReply(request, state.replies.shift(), model.maxOutputTokens, cache);
  const { ttftMs, chunkDelayMs, chunkTokens } = state.defaults;
  const events = toStreamEvents(plan, chunkTokens);
  const interruptAt =
    fault?.kind === 'drop' || fault?.kind === 'stream-exception' ? (fault.afterEvents ?? 0) : undefined;

  writeHead(exchange, record, 200, { 'content-type': 'application/vnd.amazon.eventstream' });
  let sent = 0;
  let deltasSent = 0;
  for (const event of events) {
    if (sent === interruptAt) break;
    const wait =
      sent === 0 ? ttftMs : event.eventType === 'contentBlockDelta' && deltasSent > 0 ? chunkDelayMs : 0;
    if (!(await delay(wait, signal))) return;
    await exchange.write(encodeEvent(event.eventType, event.payload));
    sent++;
    if (event.eventType === 'contentBlockDelta') deltasSent++;
  }
  if (sent !== interruptAt) {
    const metrics = { latencyMs: Math.round(performance.now() - context.receivedAt) };
    await exchange.write(encodeEvent('metadata', { usage: plan.usage, metrics, ...servedSettings(request) }));
  }

  if (signal.aborted) return;
  if (fault?.kind === 'drop') {
    exchange.destroyConnection(fault.scope);
    return;
  }
  if (fault?.kind === 'stream-exception') {
    exchange.end(encodeException(fault.exception, fault.message ?? STREAM_EXCEPTIONS[fault.exception]));
    return;
  }
  exchange.end();
}
