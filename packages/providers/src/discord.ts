import { sign as signWithKey, type KeyObject } from 'node:crypto';
import {
  checkTolerance,
  checkToleranceOption,
  decodeHex,
  type Delivery,
  type Envelope,
  type HandshakeReply,
  nowMs,
  parseSeconds,
  requireHeader,
  type SecretInput,
  secretList,
  type SignInput,
  type VerifiedDelivery,
  type VerifyOptions,
  WebhookPayloadError,
  type WebhookScheme,
} from '@hookline/core';
import { field, jsonHeaders } from './body.js';
import {
  ed25519PublicKey,
  type PrivateKeyInput,
  signedBytes,
  signingKey,
  verifyWithKey,
} from './public-key.js';
import { malformedHeader, signatureMismatch } from './signature.js';

/** Options of {@link discord}. */
export interface DiscordOptions {
  /** The application's public key (64 hex digits), or a list of them. */
  publicKey: SecretInput<string>;
  /**
   * How far `X-Signature-Timestamp` may be from now, in seconds, in either direction. Discord
   * states no window; this bound is hookline's.
   * @default 300
   */
  tolerance?: number;
  /** An ed25519 private key, only for `sign` in tests and demos. */
  privateKey?: PrivateKeyInput;
}

const name = 'discord';
const interactionTypes: ReadonlyMap<unknown, string> = new Map([
  [2, 'APPLICATION_COMMAND'],
  [3, 'MESSAGE_COMPONENT'],
  [4, 'APPLICATION_COMMAND_AUTOCOMPLETE'],
  [5, 'MODAL_SUBMIT'],
]);

/**
 * The Discord envelope. An interaction routes on its type name (`APPLICATION_COMMAND`,
 * `MESSAGE_COMPONENT`) with its `id` as id and the whole interaction as data. A webhook event
 * (a body with an `event` object) routes on `event.type` (`APPLICATION_AUTHORIZED`)
 * with `event.data` as data.
 */
export const discordEnvelope: Envelope = ({ payload }) => {
  const event = field(payload, 'event');
  const eventType = field(event, 'type');
  if (typeof eventType === 'string' && eventType !== '') {
    const data = field(event, 'data');
    return { type: eventType, id: undefined, timestamp: dateOf(field(event, 'timestamp')), data };
  }
  const type = interactionTypes.get(field(payload, 'type'));
  if (type === undefined) {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Discord payload has no known interaction "type" and no "event.type"',
    );
  }
  const id = field(payload, 'id');
  return { type, id: typeof id === 'string' ? id : undefined, timestamp: undefined, data: payload };
};

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Creates the Discord scheme: `X-Signature-Ed25519: <hex ed25519 signature of
 * X-Signature-Timestamp + body>`, verified with the application's public key. A bad signature
 * is a 401, which Discord's deliberate bad-signature probes expect. After verification it
 * replies `{"type":1}` to an interaction PING (type 1) and 204 to a webhook event PING (type 0),
 * and neither reaches a handler.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty, padded or
 *   undecodable public key.
 * @example
 * const scheme = discord({ publicKey: process.env.DISCORD_PUBLIC_KEY });
 */
export function discord(options: DiscordOptions): WebhookScheme<VerifiedDelivery> {
  const keys = secretList(name, options.publicKey).map((key) =>
    ed25519PublicKey(name, decodeHex(key)),
  );
  const tolerance = checkToleranceOption(name, options.tolerance ?? 300);
  return {
    name,
    envelope: discordEnvelope,
    verify: (delivery, verifyOptions) => verify(keys, tolerance, delivery, verifyOptions),
    sign: (input) => sign(signingKey(name, options.privateKey), input),
    answerVerified: (payload) => answerPing(payload),
  };
}

function verify(
  keys: readonly KeyObject[],
  tolerance: number,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): VerifiedDelivery {
  const signatureText = requireHeader(delivery.headers, 'x-signature-ed25519');
  const timestampText = requireHeader(delivery.headers, 'x-signature-timestamp');
  const signature = decodeHex(signatureText);
  if (signature === undefined || signature.byteLength !== 64) {
    throw malformedHeader('X-Signature-Ed25519', '128 hex digits of an ed25519 signature');
  }
  const seconds = parseSeconds(timestampText, 'X-Signature-Timestamp');
  checkTolerance(seconds, tolerance, nowMs(options?.now));

  const data = signedBytes(timestampText, delivery.body);
  if (keys.some((key) => verifyWithKey(null, data, key, signature))) {
    return { timestamp: new Date(seconds * 1000) };
  }
  throw signatureMismatch(name);
}

// Interactions use type 1 for PING; webhook events use type 0 for PING and type 1, with an
// `event` object, for an event. Interactions never use type 0.
function answerPing(payload: unknown): HandshakeReply | undefined {
  const type = field(payload, 'type');
  if (type === 0) return { status: 204, body: '' };
  if (type === 1 && field(payload, 'event') === undefined) {
    return { status: 200, headers: jsonHeaders, body: '{"type":1}' };
  }
  return undefined;
}

function sign(key: KeyObject, input: SignInput): Record<string, string> {
  const timestamp = String(Math.floor(nowMs(input.timestamp) / 1000));
  const signature = signWithKey(null, signedBytes(timestamp, input.body), key);
  return { 'x-signature-ed25519': signature.toString('hex'), 'x-signature-timestamp': timestamp };
}
