import { validationError } from './bedrock-errors.js';
import { parseConversation } from './converse-request.js';
import { requireModel } from './model-id.js';
import { type OperationContext, takeFault } from './operation-context.js';
import { sendJson } from './respond.js';
import { countInputTokens, countTokens } from './token-count.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * POST /model/{modelId}/count-tokens: `{"input":{"converse":{messages,system?,toolConfig?}}}` or
 * `{"input":{"invokeModel":{"body": base64}}}` → `{"inputTokens": N}`, counted exactly as
 * Converse counts its input, so the two always agree.
 */
export function handleCountTokens(context: OperationContext): void {
  requireModel(context.modelId, {
    forInference: false,
    region: context.state.region,
    catalogue: context.state.models,
  });
  const input = isRecord(context.body) ? context.body.input : undefined;
  if (!isRecord(input) || (input.converse === undefined && input.invokeModel === undefined)) {
    throw validationError(
      "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null",
    );
  }
  const fault = takeFault(context, 'CountTokens');
  if (fault?.kind === 'drop') {
    context.exchange.destroyConnection(fault.scope);
    return;
  }
  let inputTokens: number;
  if (input.converse !== undefined) {
    const conversation = parseConversation(input.converse);
    const toolConfig = isRecord(input.converse) ? input.converse.toolConfig : undefined;
    inputTokens = countInputTokens({ ...conversation, toolConfig });
  } else {
    const body = isRecord(input.invokeModel) ? input.invokeModel.body : undefined;
    if (typeof body !== 'string')
      throw validationError("The value at 'input.invokeModel.body' must be a blob.");
    inputTokens = countTokens(Buffer.from(body, 'base64').toString('utf8'));
  }
  sendJson(context.exchange, context.record, 200, { inputTokens });
}
