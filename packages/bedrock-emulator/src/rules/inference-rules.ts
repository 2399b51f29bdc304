import { constraintErrors, constraintViolation, modelError, type RequestRule } from './request-rule.js';

/** `InferenceConfigurationStopSequencesList` has `max: 2500` in the Bedrock Runtime Smithy model. */
export const MAX_STOP_SEQUENCES = 2_500;

/**
 * The Smithy constraints of `inferenceConfig.stopSequences`, in one Coral message: at most 2,500
 * members, each a `NonEmptyString` (`min: 1`; botocore 1.43's service-2.json). boto3 checks the
 * member length itself; the AWS SDK for JavaScript does not, so the service is the judge.
 */
export const stopSequenceConstraints: RequestRule = (request) => {
  const stopSequences = request.inferenceConfig?.stopSequences;
  if (stopSequences === undefined) return null;
  const violations = stopSequences.flatMap((sequence, index) =>
    sequence.length === 0
      ? [
          constraintViolation(
            sequence,
            `inferenceConfig.stopSequences.${index + 1}.member`,
            'Member must have length greater than or equal to 1',
          ),
        ]
      : [],
  );
  if (stopSequences.length > MAX_STOP_SEQUENCES) {
    violations.unshift(
      constraintViolation(
        `[${stopSequences.join(', ')}]`,
        'inferenceConfig.stopSequences',
        `Member must have length less than or equal to ${MAX_STOP_SEQUENCES}`,
      ),
    );
  }
  return constraintErrors(violations);
};

/** Sampling settings the model refuses (see `SamplingRefusal` in the catalogue). */
export const samplingRefusal: RequestRule = (request, model) => {
  const { temperature, topP } = request.inferenceConfig ?? {};
  if (model.refusesSampling === 'temperature' && temperature !== undefined) {
    return modelError('temperature is deprecated for this model.');
  }
  // The Fable models take their defaults (temperature 1, topP ≥ 0.99) and nothing else. No
  // report quotes their refusal of other values; the newer models' wording stands in for it.
  if (model.refusesSampling === 'non-default') {
    if (temperature !== undefined && temperature !== 1)
      return modelError('temperature is deprecated for this model.');
    if (topP !== undefined && topP < 0.99) return modelError('top_p is deprecated for this model.');
  }
  if (model.refusesSampling === 'temperature-with-top-p' && temperature !== undefined && topP !== undefined) {
    return modelError(
      '`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
    );
  }
  return null;
};
