import type { ResolvedModel } from '../models/resolve-model.js';
import type { ChatRequest, RequestDraft } from './chat-request.js';

/** What a feature sees besides the draft: the request as asked and the model it goes to. */
export interface FeatureContext {
  request: ChatRequest;
  /** The resolved model; its capabilities are `model.info` (from the catalogue), undefined when unknown. */
  model: ResolvedModel;
}

export interface FeatureOutput {
  draft: RequestDraft;
  /** One sentence per setting left out or overridden, for the user (`ChatResult.warnings`). */
  warnings?: readonly string[] | undefined;
}

/**
 * One capability's share of request assembly. `applies` is the one check a call pays when the
 * feature is not used; `request` returns a new draft (never mutates the one it gets) and may throw
 * a coded `BedrockChatError` for what the model cannot do.
 */
export interface RequestFeature {
  /** Short and stable: listed in `BuiltRequest.applied` (what `--debug` shows). */
  readonly name: string;
  applies(request: ChatRequest, model: ResolvedModel): boolean;
  request(draft: RequestDraft, context: FeatureContext): FeatureOutput;
}
