import { Buffer } from 'node:buffer';
import { createHmac, createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { computeHmac, decodeBase64, safeEqual } from '../crypto.js';
import { type Delivery, getHeader, getHeaderValues, requireHeader } from '../delivery.js';
import { standardEnvelope } from '../envelope.js';
import { WebhookConfigurationError, WebhookVerificationError } from '../errors/webhook-error.js';
import {
  checkTolerance,
  checkToleranceOption,
  nowMs,
  parseSeconds,
  type SignInput,
  type VerifyOptions,
  type WebhookScheme,
} from '../scheme.js';
import { type SecretInput, secretList } from '../secrets.js';

/** Options of {@link standardWebhooks}. */
export interface StandardWebhooksOptions {
  /**
   * The endpoint's signing secret (`whsec_` + base64; the prefix is optional), raw key bytes, or
   * a list of them while a secret is being rotated.
   */
  secret: SecretInput<string | Uint8Array>;
  /** How far the signed timestamp may be from now, in seconds, in either direction. @default 300 */
  tolerance?: number;
}

/** The id and timestamp a verified Standard Webhooks delivery carries in its headers. */
export interface StandardWebhooksVerified {
  id: string;
  timestamp: Date;
}

const name = 'standard-webhooks';
const headerSets = [
  { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' },
  { id: 'svix-id', timestamp: 'svix-timestamp', signature: 'svix-signature' },
] as const;

/**
 * Creates the Standard Webhooks scheme (HMAC-SHA256 `v1` signatures over
 * `id.timestamp.body`), which also reads the `svix-*` headers of Svix senders.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for a missing, empty or
 *   undecodable secret, or one pasted with its `v1,` signature prefix.
 * @example
 * const scheme = standardWebhooks({ secret: process.env.WEBHOOK_SECRET });
 * const { id, timestamp } = scheme.verify({ headers: req.headers, body: rawBody });
 */
export function standardWebhooks(
  options: StandardWebhooksOptions,
): WebhookScheme<StandardWebhooksVerified> {
  const keys = secretList(name, options.secret).map(toKey);
  const tolerance = checkToleranceOption(name, options.tolerance ?? 300);

  return {
    name,
    envelope: standardEnvelope,
    verify(delivery, verifyOptions) {
      return verify(keys, tolerance, delivery, verifyOptions);
    },
    sign(input) {
      return sign(keys[0] as KeyObject, input);
    },
  };
}

function toKey(secret: string | Uint8Array): KeyObject {
  if (typeof secret !== 'string') return createSecretKey(secret);
  if (/^v1a?,/.test(secret)) {
    throw new WebhookConfigurationError(
      `${name}: \`secret\` starts with a signature prefix (v1,); pass the whsec_ secret ` +
        'from the sender’s dashboard, not a signature',
    );
  }
  const encoded = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  const bytes = decodeBase64(encoded);
  if (bytes === undefined || bytes.byteLength === 0) {
    throw new WebhookConfigurationError(
      `${name}: \`secret\` must be whsec_ followed by base64 key bytes; it does not decode`,
    );
  }
  return createSecretKey(bytes);
}

function verify(
  keys: readonly KeyObject[],
  tolerance: number,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): StandardWebhooksVerified {
  const headers = delivery.headers;
  let set: (typeof headerSets)[number] = headerSets[0];
  let id = getHeader(headers, set.id);
  if (id === undefined && getHeader(headers, 'svix-id') !== undefined) set = headerSets[1];
  if (id === undefined || id === '') id = requireHeader(headers, set.id);
  const timestampText = requireHeader(headers, set.timestamp);
  const signatures = getHeaderValues(headers, set.signature);
  if (signatures.length === 0 || signatures.every((value) => value === '')) {
    throw new WebhookVerificationError(
      'HOOKLINE_MISSING_HEADER',
      `Missing required header ${set.signature}; the sender must sign every delivery`,
    );
  }

  const seconds = parseSeconds(timestampText, set.timestamp);
  checkTolerance(seconds, tolerance, nowMs(options?.now));

  const candidates = v1Signatures(signatures);
  if (candidates.length === 0) {
    throw new WebhookVerificationError(
      'HOOKLINE_MALFORMED_HEADER',
      `Header ${set.signature} holds no well-formed v1 signature`,
    );
  }
  const signedPrefix = `${id}.${timestampText}.`;
  for (const key of keys) {
    const expected = createHmac('sha256', key).update(signedPrefix).update(delivery.body).digest();
    if (matchesAny(expected, candidates)) return { id, timestamp: new Date(seconds * 1000) };
  }
  throw new WebhookVerificationError(
    'HOOKLINE_SIGNATURE_MISMATCH',
    'No v1 signature matches the configured secret; check that the secret belongs to this ' +
      'endpoint and that the body reaches hookline unmodified',
  );
}

// Tokens are `version,base64`, separated by spaces. A WHATWG Headers object joins a repeated
// header with ", ", which leaves a trailing comma on every token but the last.
function v1Signatures(values: readonly string[]): Uint8Array[] {
  const found: Uint8Array[] = [];
  for (const value of values) {
    const tokens = value.includes(' ') ? value.split(' ') : [value];
    for (let token of tokens) {
      if (token.endsWith(',')) token = token.slice(0, -1);
      if (!token.startsWith('v1,')) continue;
      const bytes = decodeSignature(token.slice(3));
      if (bytes !== undefined) found.push(bytes);
    }
  }
  return found;
}

function matchesAny(expected: Uint8Array, candidates: readonly Uint8Array[]): boolean {
  for (const candidate of candidates) if (safeEqual(expected, candidate)) return true;
  return false;
}

// A SHA-256 signature is 44 base64 characters ending in "=". Node's decoder skips characters
// outside the alphabet, so any such character leaves fewer than 32 bytes and the token is
// skipped. That length check costs less than a pattern test on the hot path. Node also reads the
// base64url characters - and _, which can only make a token match the bytes it spells.
function decodeSignature(text: string): Buffer | undefined {
  if (text.length === 44 && text.charCodeAt(43) === 0x3d) {
    const bytes = Buffer.from(text, 'base64');
    return bytes.byteLength === 32 ? bytes : undefined;
  }
  const bytes = decodeBase64(text);
  return bytes?.byteLength === 32 ? bytes : undefined;
}

function sign(key: KeyObject, input: SignInput): Record<string, string> {
  const id = input.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const seconds = Math.floor(nowMs(input.timestamp) / 1000);
  const signature = computeHmac('sha256', key, [`${id}.${seconds}.`, input.body]);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': `v1,${signature.toString('base64')}`,
  };
}
