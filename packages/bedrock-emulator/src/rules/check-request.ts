import type { ConverseRequest } from '../converse-request.js';
import type { EmulatedModel } from '../model-catalogue.js';
import { cachePointLimit, cacheTtlOrder, cacheTtlSupport } from './cache-point-rule.js';
import { mediaOnlyFromUser } from './content-role-rule.js';
import { inputTooLong } from './context-window-rule.js';
import {
  documentCount,
  documentNameCharacters,
  documentNameLength,
  documentSize,
  textBesideDocuments,
  uniqueDocumentNames,
} from './document-rules.js';
import { effortRules } from './effort-rules.js';
import { imageCount, imageDimensions, imageSize } from './image-rules.js';
import { samplingRefusal, stopSequenceConstraints } from './inference-rules.js';
import { structuredOutputSupported, textFormatSchemaRules, textFormatShape } from './output-rules.js';
import { prefillRefusal } from './prefill-rule.js';
import { reasoningBeforeToolUse, reasoningSignatures } from './reasoning-replay-rules.js';
import type { RequestRule } from './request-rule.js';
import { latencyRule, serviceTierRule } from './service-tier-rules.js';
import { strictToolSchemas, strictToolsSupported } from './strict-tool-rules.js';
import { thinkingRules } from './thinking-rules.js';
import {
  forcedToolChoiceSupported,
  forcedToolChoiceWithThinking,
  unknownToolChoice,
} from './tool-choice-rules.js';
import { errorResultContent, toolResultsAnswerToolUses } from './tool-result-rules.js';
import { toolConfigRequired, toolConstraints, uniqueToolNames } from './tool-rules.js';

/**
 * The rules in the order Bedrock applies them, so a request that breaks several gets the error a
 * real one would: the request's shape first (Smithy constraints, Coral's wording), then Bedrock's
 * own checks, then what the model refuses ("The model returned the following errors: …").
 */
export const REQUEST_RULES: readonly RequestRule[] = [
  stopSequenceConstraints,
  toolConstraints,
  latencyRule,
  textFormatShape,
  documentNameLength,
  toolConfigRequired,
  toolResultsAnswerToolUses,
  errorResultContent,
  documentNameCharacters,
  uniqueDocumentNames,
  documentCount,
  documentSize,
  textBesideDocuments,
  mediaOnlyFromUser,
  imageCount,
  imageSize,
  imageDimensions,
  uniqueToolNames,
  unknownToolChoice,
  cachePointLimit,
  cacheTtlSupport,
  cacheTtlOrder,
  serviceTierRule,
  samplingRefusal,
  thinkingRules,
  effortRules,
  structuredOutputSupported,
  textFormatSchemaRules,
  strictToolsSupported,
  strictToolSchemas,
  forcedToolChoiceSupported,
  forcedToolChoiceWithThinking,
  reasoningSignatures,
  reasoningBeforeToolUse,
  prefillRefusal,
  inputTooLong,
];

/** Throws the first refusal of a well-formed Converse request for `model`. */
export function checkRequestRules(request: ConverseRequest, model: EmulatedModel): void {
  for (const rule of REQUEST_RULES) {
    const error = rule(request, model);
    if (error) throw error;
  }
}
