import type { KeyObject } from 'node:crypto';
import {
  checkTolerance,
  computeHmac,
  createEnvelope,
  type Delivery,
  type Envelope,
  getHeader,
  type HmacAlgorithm,
  nowMs,
  parseSeconds,
  requireHeader,
  type SecretInput,
  type SignedPart,
  type SignInput,
  safeEqual,
  type VerifiedDelivery,
  type VerifyOptions,
  type WebhookScheme,
} from '@hookline/core';
import { type HmacConfig, resolveHmacOptions } from './hmac-config.js';
import {
  decodeSignature,
  digestLength,
  malformedHeader,
  publicUrl,
  type SignatureEncoding,
  signatureMismatch,
} from './signature.js';

/**
 * One piece of the signed content, fed to the HMAC in order: the raw body, the public URL, the
 * value of a request header, or fixed text such as a version tag or a separator.
 */
export type SignedContentPart = 'body' | 'url' | { header: string } | { text: string };

/** Options of {@link hmac}. */
export interface HmacOptions {
  /** The scheme's name, used in error messages and as the dedupe key prefix. */
  name: string;
  /** The signing secret (UTF-8 text or raw bytes), or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /** The header that carries the signature, such as `'x-hub-signature-256'`. */
  header: string;
  /** The HMAC hash. @default 'sha256' */
  algorithm?: HmacAlgorithm;
  /** The text encoding of the signature bytes. @default 'hex' */
  encoding?: SignatureEncoding;
  /** Text in front of the encoded signature, such as `'sha256='` or `'v0='`. @default '' */
  prefix?: string;
  /** The signed content, in order. @default ['body'] */
  content?: readonly SignedContentPart[];
  /** A header holding the signed time in whole seconds; when set, its age is checked. */
  timestampHeader?: string;
  /** How far the timestamp may be from now, in seconds, in either direction. @default 300 */
  tolerance?: number;
  /** A header holding the delivery or event id, used for dedupe. */
  idHeader?: string;
  /** A header holding the event type; it wins over the envelope's type field. */
  typeHeader?: string;
  /**
   * The public URL the sender calls, for content that includes `'url'`.
   * @default the `url` of each delivery, as the adapter saw it
   */
  url?: string;
  /** The payload paths of the type, id, timestamp and data. @default `{ type: 'type', id: 'id' }` */
  envelope?: Envelope;
}

/** The id, type and timestamp that an {@link hmac} scheme reads from verified headers. */
export type HmacVerified = VerifiedDelivery;

/**
 * Creates a scheme for a sender that signs with one HMAC in one header, so a new provider is a
 * few lines of configuration. Any secret in the list may match.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret, an
 *   unknown algorithm or encoding, an empty or unknown content part, or a negative tolerance.
 * @example
 * const lemonSqueezy = hmac({
 *   name: 'lemon-squeezy',
 *   secret: process.env.LEMON_SQUEEZY_WEBHOOK_SECRET,
 *   header: 'x-signature',
 *   typeHeader: 'x-event-name',
 * });
 */
export function hmac(options: HmacOptions): WebhookScheme<HmacVerified> {
  const config = resolveHmacOptions(options);
  return {
    name: config.name,
    envelope: options.envelope ?? createEnvelope({ type: 'type', id: 'id' }),
    verify: (delivery, verifyOptions) => verify(config, delivery, verifyOptions),
    sign: (input) => sign(config, input),
  };
}

function verify(
  config: HmacConfig,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): HmacVerified {
  const received = readSignature(config, requireHeader(delivery.headers, config.header));
  let timestamp: Date | undefined;
  if (config.timestampHeader !== undefined) {
    const text = requireHeader(delivery.headers, config.timestampHeader);
    const seconds = parseSeconds(text, config.timestampHeader);
    checkTolerance(seconds, config.tolerance, nowMs(options?.now));
    timestamp = new Date(seconds * 1000);
  }

  const parts = config.content.map((part) => readPart(config, part, delivery));
  for (const key of config.keys) {
    if (safeEqual(computeHmac(config.algorithm, key, parts), received)) {
      return {
        id: headerOf(delivery, config.idHeader),
        type: headerOf(delivery, config.typeHeader),
        timestamp,
      };
    }
  }
  throw signatureMismatch(config.name);
}

function readSignature(config: HmacConfig, value: string): Uint8Array {
  const expected = `${config.prefix}${config.encoding} ${config.algorithm.toUpperCase()} HMAC`;
  if (!value.startsWith(config.prefix)) throw malformedHeader(config.header, expected);
  const length = digestLength[config.algorithm];
  const bytes = decodeSignature(value.slice(config.prefix.length), config.encoding, length);
  if (bytes === undefined) throw malformedHeader(config.header, expected);
  return bytes;
}

function readPart(config: HmacConfig, part: SignedContentPart, delivery: Delivery): SignedPart {
  if (part === 'body') return delivery.body;
  if (part === 'url') return publicUrl(config.name, config.url, delivery.url);
  if ('text' in part) return part.text;
  return requireHeader(delivery.headers, part.header.toLowerCase());
}

function headerOf(delivery: Delivery, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = getHeader(delivery.headers, name);
  return value === '' ? undefined : value;
}

function sign(config: HmacConfig, input: SignInput): Record<string, string> {
  const headers: Record<string, string> = {};
  const signedHeaders = lowerKeys(input.headers ?? {});
  if (config.timestampHeader !== undefined) {
    const seconds = String(Math.floor(nowMs(input.timestamp) / 1000));
    signedHeaders[config.timestampHeader] = headers[config.timestampHeader] = seconds;
  }
  if (config.idHeader !== undefined && input.id !== undefined) {
    signedHeaders[config.idHeader] = headers[config.idHeader] = input.id;
  }

  const parts = config.content.map((part): SignedPart => {
    if (part === 'body') return input.body;
    if (part === 'url') return publicUrl(config.name, config.url, input.url);
    if ('text' in part) return part.text;
    return signedHeaders[part.header.toLowerCase()] ?? '';
  });
  const key = config.keys[0] as KeyObject;
  const signature = computeHmac(config.algorithm, key, parts).toString(config.encoding);
  headers[config.header] = `${config.prefix}${signature}`;
  return headers;
}

function lowerKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}
