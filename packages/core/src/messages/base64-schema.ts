import { z } from 'zod';
import { LongStringMemo } from './long-string-memo.js';

/** Whether a character code is one of base64's 64 (RFC 4648 §4: A–Z, a–z, 0–9, `+`, `/`). */
const BASE64_CHARACTERS = new Uint8Array(128);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  BASE64_CHARACTERS[character.charCodeAt(0)] = 1;

/**
 * A file's base64 crosses several boundaries in one turn (the prompt, the request of each step,
 * the store's rehearsal and its write), each parsing it again: a 4 MB file's 5.6 MB cost ~13 ms of
 * CPU a scan. So a long string found (or made) to be base64 is remembered. 32 MiB holds a turn's
 * files: Bedrock takes at most five documents of 4.5 MB in a request.
 */
const knownBase64 = new LongStringMemo<true>(64 * 1024, 32 * 1024 * 1024);

function scan(text: string): boolean {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code > 127 || BASE64_CHARACTERS[code] === 0) return false;
  }
  return true;
}

/**
 * Whether `text` is base64 (the alphabet, then at most two `=`): what `/^[A-Za-z0-9+/]*={0,2}$/`
 * says, about ten times faster than the expression, and once per long string (see above).
 */
export function isBase64(text: string): boolean {
  if (knownBase64.get(text)) return true;
  const valid = scan(text);
  if (valid) knownBase64.set(text, true);
  return valid;
}

/** The base64 of `bytes` (not copied first), known to be base64 without a scan. */
export function encodeBase64(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  knownBase64.set(text, true);
  return text;
}

/** A base64 string (file bytes, redacted reasoning), as Bedrock's JSON wire format carries them. */
export const Base64Schema = z.string().refine(isBase64, 'must be base64');
