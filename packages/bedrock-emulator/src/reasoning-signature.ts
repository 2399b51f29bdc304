import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The emulator's stand-in for Bedrock's reasoning signatures: an HMAC-SHA256 over the reasoning
 * text under a fixed key, base64. Deterministic (the same text always gets the same signature, so
 * tests can predict it), and any change to the text or the signature is caught when the block
 * comes back. Real signatures are opaque; clients must only keep them unchanged.
 */
const SIGNING_KEY = 'bedrock-emulator reasoning signature v1';

export function signReasoning(text: string): string {
  return createHmac('sha256', SIGNING_KEY).update(text, 'utf8').digest('base64');
}

export function reasoningSignatureValid(text: string, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(signReasoning(text));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Anthropic's test prompt for redacted thinking (platform.claude.com/docs/en/build-with-claude/
 * extended-thinking, "Thinking redaction"): a prompt holding it gets a redacted reasoning block.
 */
export const REDACTED_THINKING_TRIGGER =
  'ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB';

/** The opaque bytes of a redacted block (base64): deterministic, and checkable when they return. */
export function redactedReasoning(prompt: string): string {
  return Buffer.from(`redacted:${signReasoning(prompt)}`, 'utf8').toString('base64');
}

export function redactedReasoningValid(data: unknown): boolean {
  if (typeof data !== 'string') return false;
  const decoded = Buffer.from(data, 'base64').toString('utf8');
  return /^redacted:[A-Za-z0-9+/]{43}=$/.test(decoded);
}
