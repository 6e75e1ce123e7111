import { Buffer } from 'node:buffer';
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

/** Hash algorithms that webhook senders use for HMAC signatures. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** A part of the signed content: text is hashed as UTF-8, bytes as they are. */
export type SignedPart = string | Uint8Array;

/**
 * Computes an HMAC over `parts` fed in order, so a signed content such as `id.timestamp.body`
 * is hashed without concatenating (and so copying) the body.
 */
export function computeHmac(
  algorithm: HmacAlgorithm,
  key: KeyObject | Uint8Array | string,
  parts: readonly SignedPart[],
): Buffer {
  const hmac = createHmac(algorithm, key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/**
 * Compares two byte strings in time that depends only on their length. A length mismatch returns
 * false at once; the length of a signature is public, its content is not.
 */
export function safeEqual(expected: Uint8Array, received: Uint8Array): boolean {
  return expected.byteLength === received.byteLength && timingSafeEqual(expected, received);
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64UrlPattern = /^[A-Za-z0-9_-]*$/;
const hexPattern = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Decodes standard base64 (padding required) or unpadded base64url, and returns `undefined` for
 * anything else. Node's own decoder skips invalid characters, which would let a malformed
 * signature be compared as if it were well formed.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (base64Pattern.test(text)) return Buffer.from(text, 'base64');
  if (text.length % 4 !== 1 && base64UrlPattern.test(text)) return Buffer.from(text, 'base64url');
  return undefined;
}

/** Decodes hex with an even number of digits, and returns `undefined` for anything else. */
export function decodeHex(text: string): Buffer | undefined {
  return hexPattern.test(text) ? Buffer.from(text, 'hex') : undefined;
}
