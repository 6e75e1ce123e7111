import { Buffer } from 'node:buffer';
import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  verify as verifySignature,
} from 'node:crypto';
import { WebhookConfigurationError } from '@hookline/core';

// The DER header of an ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow it.
const ed25519SpkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Builds an ed25519 public key from its 32 raw bytes.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for any other length.
 */
export function ed25519PublicKey(scheme: string, bytes: Uint8Array | undefined): KeyObject {
  if (bytes === undefined || bytes.byteLength !== 32) {
    throw new WebhookConfigurationError(
      `${scheme}: \`publicKey\` must encode 32 bytes of an ed25519 public key; it does not`,
    );
  }
  const der = Buffer.concat([ed25519SpkiPrefix, bytes]);
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (error) {
    throw new WebhookConfigurationError(`${scheme}: \`publicKey\` is not a valid ed25519 key`, {
      cause: error,
    });
  }
}

/**
 * Builds an ECDSA public key from base64 DER SubjectPublicKeyInfo bytes or PEM text.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when the key does not parse.
 */
export function ecdsaPublicKey(scheme: string, text: string): KeyObject {
  try {
    if (text.startsWith('-----BEGIN')) return createPublicKey(text);
    return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    throw new WebhookConfigurationError(
      `${scheme}: \`publicKey\` is not a base64 DER or PEM public key; copy it from the dashboard`,
      { cause: error },
    );
  }
}

/** A private key for `sign`, as a `KeyObject` or PEM text. */
export type PrivateKeyInput = KeyObject | string;

/**
 * Returns the private key that `sign` needs.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when none was configured.
 */
export function signingKey(scheme: string, key: PrivateKeyInput | undefined): KeyObject {
  if (key === undefined) {
    throw new WebhookConfigurationError(
      `${scheme}: sign() needs the \`privateKey\` option; receivers hold only the public key`,
    );
  }
  return typeof key === 'string' ? createPrivateKey(key) : key;
}

/**
 * Verifies an ed25519 (`algorithm` null) or ECDSA signature, and returns false instead of
 * throwing when the signature bytes do not parse.
 */
export function verifyWithKey(
  algorithm: 'sha256' | null,
  data: Uint8Array,
  key: KeyObject,
  signature: Uint8Array,
): boolean {
  try {
    return verifySignature(algorithm, data, key, signature);
  } catch {
    return false;
  }
}

/** Concatenates text and body bytes into the one buffer that `crypto.verify` takes. */
export function signedBytes(prefix: string, body: string | Uint8Array): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(prefix, 'utf8'), bodyBytes]);
}
