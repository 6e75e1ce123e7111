import { Buffer } from 'node:buffer';
import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  checkTolerance,
  checkToleranceOption,
  computeHmac,
  type Delivery,
  type Envelope,
  nowMs,
  parseSeconds,
  requireHeader,
  type SecretInput,
  type SignInput,
  safeEqual,
  secretList,
  type VerifiedDelivery,
  type VerifyOptions,
  type WebhookScheme,
} from '@hookline/core';
import { decodeSignature, malformedHeader, signatureMismatch, splitPairs } from './signature.js';

/**
 * The layout of a header that lists a timestamp and one or more hex HMAC-SHA256 signatures over
 * `timestamp + joiner + body`, such as Stripe's `t=…,v1=…` and Paddle's `ts=…;h1=…`.
 */
export interface SignatureListFormat {
  name: string;
  /** Header name as written in messages, such as `Stripe-Signature`. */
  header: string;
  separator: string;
  timestampKey: string;
  signatureKey: string;
  joiner: string;
  envelope: Envelope;
}

/** Creates a scheme for a {@link SignatureListFormat}; any listed signature may match. */
export function signatureListScheme(
  format: SignatureListFormat,
  secret: SecretInput<string | Uint8Array>,
  tolerance: number | undefined,
): WebhookScheme<VerifiedDelivery> {
  const keys = secretList(format.name, secret).map((s) => createSecretKey(Buffer.from(s)));
  const seconds = checkToleranceOption(format.name, tolerance ?? 300);
  return {
    name: format.name,
    envelope: format.envelope,
    verify: (delivery, options) => verify(format, keys, seconds, delivery, options),
    sign: (input) => sign(format, keys[0] as KeyObject, input),
  };
}

function verify(
  format: SignatureListFormat,
  keys: readonly KeyObject[],
  tolerance: number,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): VerifiedDelivery {
  const expected = `${format.timestampKey}=<seconds>${format.separator}${format.signatureKey}=<hex>`;
  const value = requireHeader(delivery.headers, format.header.toLowerCase());
  const pairs = splitPairs(value, format.separator);
  const times = pairs.filter(([key]) => key === format.timestampKey);
  if (times.length !== 1) throw malformedHeader(format.header, expected);
  const timestampText = (times[0] as [string, string])[1];
  const seconds = parseSeconds(timestampText, `${format.header} ${format.timestampKey}`);
  checkTolerance(seconds, tolerance, nowMs(options?.now));

  const candidates = pairs
    .filter(([key]) => key === format.signatureKey)
    .map(([, text]) => decodeSignature(text, 'hex', 32))
    .filter((bytes) => bytes !== undefined);
  if (candidates.length === 0) throw malformedHeader(format.header, expected);
  for (const key of keys) {
    const signed = computeHmac('sha256', key, [timestampText + format.joiner, delivery.body]);
    if (candidates.some((candidate) => safeEqual(signed, candidate))) {
      return { timestamp: new Date(seconds * 1000) };
    }
  }
  throw signatureMismatch(format.name);
}

function sign(
  format: SignatureListFormat,
  key: KeyObject,
  input: SignInput,
): Record<string, string> {
  const seconds = String(Math.floor(nowMs(input.timestamp) / 1000));
  const signature = computeHmac('sha256', key, [seconds + format.joiner, input.body]);
  const value =
    `${format.timestampKey}=${seconds}${format.separator}` +
    `${format.signatureKey}=${signature.toString('hex')}`;
  return { [format.header.toLowerCase()]: value };
}
