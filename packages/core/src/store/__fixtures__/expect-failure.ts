import { BedrockChatError } from '../../errors/bedrock-chat-error.js';

/** The BedrockChatError that `promise` rejects with; anything else (or success) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<BedrockChatError> {
  try {
    await promise;
  } catch (error) {
    if (BedrockChatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a BedrockChatError');
}

/** The BedrockChatError that `call` throws; anything else (or success) fails the test. */
export function thrown(call: () => unknown): BedrockChatError {
  try {
    call();
  } catch (error) {
    if (BedrockChatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a BedrockChatError');
}
