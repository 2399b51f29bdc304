/**
 * The exceptions the emulator can answer with, their HTTP status and the message used when a
 * fault does not give one. Statuses follow the Bedrock Runtime Smithy model; the auth errors
 * (UnrecognizedClientException, ExpiredTokenException, IncompleteSignatureException,
 * InvalidSignatureException) are the AWS-wide ones the service front door sends.
 */
export const BEDROCK_ERRORS = {
  ValidationException: { status: 400, message: 'The request failed validation.' },
  SerializationException: { status: 400, message: 'The request body could not be parsed as JSON.' },
  ServiceQuotaExceededException: {
    status: 400,
    message: 'Your request exceeds the service quota for your account.',
  },
  IncompleteSignatureException: {
    status: 400,
    message: 'The request signature does not conform to AWS standards.',
  },
  AccessDeniedException: {
    status: 403,
    message: "You don't have access to the model with the specified model ID.",
  },
  UnrecognizedClientException: {
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  ExpiredTokenException: { status: 403, message: 'The security token included in the request is expired' },
  InvalidSignatureException: {
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided.',
  },
  ResourceNotFoundException: { status: 404, message: 'The specified resource ARN was not found.' },
  UnknownOperationException: { status: 404, message: 'The requested operation is not supported.' },
  ModelTimeoutException: { status: 408, message: 'The request took too long to process.' },
  ModelErrorException: { status: 424, message: 'The model encountered an error processing the request.' },
  ThrottlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  ModelNotReadyException: { status: 429, message: 'The model is not ready to serve inference requests.' },
  InternalServerException: { status: 500, message: 'The server encountered an internal error.' },
  ServiceUnavailableException: { status: 503, message: 'The service is unavailable. Try again later.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** Name of an exception the emulator can send as an HTTP error response. */
export type BedrockErrorName = keyof typeof BEDROCK_ERRORS;

/** Exception members of the ConverseStream output union, sent as in-stream exception frames. */
export const STREAM_EXCEPTIONS = {
  modelStreamErrorException: 'The model stream encountered an error.',
  throttlingException: 'Too many requests, please wait before trying again.',
  validationException: 'The request failed validation.',
  internalServerException: 'The server encountered an internal error.',
  serviceUnavailableException: 'The service is unavailable. Try again later.',
} as const;

/** camelCase `:exception-type` of an in-stream exception frame. */
export type StreamExceptionName = keyof typeof STREAM_EXCEPTIONS;

/** An error the emulator answers with instead of a result. */
export class EmulatorError extends Error {
  readonly errorName: BedrockErrorName;
  readonly status: number;
  /**
   * JSON key of the message in the body. Bedrock's own errors use `message`; the auth layer in
   * front of it answers with `Message`, and clients must cope with both.
   */
  readonly messageKey: 'message' | 'Message';

  constructor(errorName: BedrockErrorName, message?: string, messageKey: 'message' | 'Message' = 'message') {
    super(message ?? BEDROCK_ERRORS[errorName].message);
    this.name = 'EmulatorError';
    this.errorName = errorName;
    this.status = BEDROCK_ERRORS[errorName].status;
    this.messageKey = messageKey;
  }
}

/** Shorthand for the error clients trip most: a 400 ValidationException. */
export function validationError(message: string): EmulatorError {
  return new EmulatorError('ValidationException', message);
}
