import { type KeyObject, randomUUID, sign as signWithKey } from 'node:crypto';
import {
  checkTolerance,
  checkToleranceOption,
  decodeBase64,
  type Delivery,
  getHeader,
  getHeaderValues,
  nowMs,
  parseSeconds,
  requireHeader,
  type SecretInput,
  secretList,
  type SignInput,
  standardEnvelope,
  type StandardWebhooksVerified,
  type VerifyOptions,
  type WebhookScheme,
  WebhookVerificationError,
} from '@hookline/core';
import {
  ed25519PublicKey,
  type PrivateKeyInput,
  signedBytes,
  signingKey,
  verifyWithKey,
} from './public-key.js';
import { signatureMismatch } from './signature.js';

/** Options of {@link standardWebhooksV1a}. */
export interface StandardWebhooksV1aOptions {
  /**
   * The sender's ed25519 public key (`whpk_` + base64 of 32 bytes; the prefix is optional), or a
   * list of them during a rotation. It comes from configuration only, never from a request.
   */
  publicKey: SecretInput<string>;
  /** How far the signed timestamp may be from now, in seconds, in either direction. @default 300 */
  tolerance?: number;
  /** The sender's ed25519 private key, only for `sign` in tests and demos. */
  privateKey?: PrivateKeyInput;
}

const name = 'standard-webhooks-v1a';

/**
 * Creates the asymmetric Standard Webhooks scheme: `webhook-signature: v1a,<base64 ed25519
 * signature of "id.timestamp." + body>`, a space-separated list of which any `v1a` token may
 * match. Headers, tolerance and envelope are those of `standardWebhooks`, and `svix-*` headers
 * are read too.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty, padded or
 *   undecodable public key.
 * @example
 * const scheme = standardWebhooksV1a({ publicKey: process.env.STANDARD_WEBHOOK_PUBLIC_KEY });
 */
export function standardWebhooksV1a(
  options: StandardWebhooksV1aOptions,
): WebhookScheme<StandardWebhooksVerified> {
  const keys = secretList(name, options.publicKey).map((key) =>
    ed25519PublicKey(name, decodeBase64(key.startsWith('whpk_') ? key.slice(5) : key)),
  );
  const tolerance = checkToleranceOption(name, options.tolerance ?? 300);
  return {
    name,
    envelope: standardEnvelope,
    verify: (delivery, verifyOptions) => verify(keys, tolerance, delivery, verifyOptions),
    sign: (input) => sign(signingKey(name, options.privateKey), input),
  };
}

function verify(
  keys: readonly KeyObject[],
  tolerance: number,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): StandardWebhooksVerified {
  const prefix = getHeader(delivery.headers, 'webhook-id') === undefined ? 'svix' : 'webhook';
  const headers = delivery.headers;
  const id = requireHeader(headers, `${prefix}-id`);
  const timestampText = requireHeader(headers, `${prefix}-timestamp`);
  const signatures = getHeaderValues(headers, `${prefix}-signature`).join(' ');
  if (signatures.trim() === '') requireHeader(headers, `${prefix}-signature`);
  const seconds = parseSeconds(timestampText, `${prefix}-timestamp`);
  checkTolerance(seconds, tolerance, nowMs(options?.now));

  const candidates = v1aSignatures(signatures);
  if (candidates.length === 0) {
    throw new WebhookVerificationError(
      'HOOKLINE_MALFORMED_HEADER',
      `Header ${prefix}-signature holds no well-formed v1a signature`,
    );
  }
  const data = signedBytes(`${id}.${timestampText}.`, delivery.body);
  for (const key of keys) {
    if (candidates.some((candidate) => verifyWithKey(null, data, key, candidate))) {
      return { id, timestamp: new Date(seconds * 1000) };
    }
  }
  throw signatureMismatch(name);
}

// Tokens are `version,base64`, separated by spaces; a joined repeated header leaves a trailing
// comma on all but the last.
function v1aSignatures(value: string): Uint8Array[] {
  const found: Uint8Array[] = [];
  for (let token of value.split(' ')) {
    if (token.endsWith(',')) token = token.slice(0, -1);
    if (!token.startsWith('v1a,')) continue;
    const bytes = decodeBase64(token.slice(4));
    if (bytes !== undefined && bytes.byteLength === 64) found.push(bytes);
  }
  return found;
}

function sign(key: KeyObject, input: SignInput): Record<string, string> {
  const id = input.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const seconds = Math.floor(nowMs(input.timestamp) / 1000);
  const signature = signWithKey(null, signedBytes(`${id}.${seconds}.`, input.body), key);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': `v1a,${signature.toString('base64')}`,
  };
}
