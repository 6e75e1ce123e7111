import { type KeyObject, sign as signWithKey } from 'node:crypto';
import {
  checkTolerance,
  checkToleranceOption,
  decodeBase64,
  type Delivery,
  type Envelope,
  nowMs,
  parseSeconds,
  requireHeader,
  type SecretInput,
  secretList,
  type SignInput,
  type VerifiedDelivery,
  type VerifyOptions,
  type WebhookScheme,
} from '@hookline/core';
import {
  ecdsaPublicKey,
  type PrivateKeyInput,
  signedBytes,
  signingKey,
  verifyWithKey,
} from './public-key.js';
import { malformedHeader, signatureMismatch } from './signature.js';

/** Options of {@link sendgrid}. */
export interface SendGridOptions {
  /** The verification key from the Event Webhook settings (base64 DER or PEM), or a list. */
  publicKey: SecretInput<string>;
  /**
   * How far the signed timestamp may be from now, in seconds, in either direction. SendGrid
   * states no window; this bound is hookline's.
   * @default 300
   */
  tolerance?: number;
  /** An ECDSA P-256 private key, only for `sign` in tests and demos. */
  privateKey?: PrivateKeyInput;
}

const name = 'sendgrid';
const signatureHeader = 'x-twilio-email-event-webhook-signature';
const timestampHeader = 'x-twilio-email-event-webhook-timestamp';

/**
 * The SendGrid envelope. A delivery is a batch: the body is a JSON array of events, each with its
 * own `event` and `sg_event_id`. The batch routes as one event of type `events` with the whole
 * array as data and no id, so dedupe each item on its `sg_event_id` in the handler.
 */
export const sendgridEnvelope: Envelope = ({ payload, verified }) => ({
  type: 'events',
  id: undefined,
  timestamp: verified.timestamp,
  data: Array.isArray(payload) ? payload : [payload],
});

/**
 * Creates the SendGrid Event Webhook scheme:
 * `X-Twilio-Email-Event-Webhook-Signature: <base64 DER ECDSA P-256 SHA-256 signature of
 * X-Twilio-Email-Event-Webhook-Timestamp + body>`, verified with the public key.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty, padded or
 *   unparsable public key.
 * @example
 * const webhooks = createWebhooks({ scheme: sendgrid({ publicKey: process.env.SENDGRID_PUBLIC_KEY }) });
 * webhooks.on('events', ({ data }) => {});
 */
export function sendgrid(options: SendGridOptions): WebhookScheme<VerifiedDelivery> {
  const keys = secretList(name, options.publicKey).map((key) => ecdsaPublicKey(name, key));
  const tolerance = checkToleranceOption(name, options.tolerance ?? 300);
  return {
    name,
    envelope: sendgridEnvelope,
    verify: (delivery, verifyOptions) => verify(keys, tolerance, delivery, verifyOptions),
    sign: (input) => sign(signingKey(name, options.privateKey), input),
  };
}

function verify(
  keys: readonly KeyObject[],
  tolerance: number,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): VerifiedDelivery {
  const signatureText = requireHeader(delivery.headers, signatureHeader);
  const timestampText = requireHeader(delivery.headers, timestampHeader);
  const signature = decodeBase64(signatureText);
  // A DER ECDSA P-256 signature is a SEQUENCE of two integers: 8 to 72 bytes.
  if (signature === undefined || signature.byteLength < 8 || signature.byteLength > 72) {
    throw malformedHeader('X-Twilio-Email-Event-Webhook-Signature', 'a base64 DER ECDSA signature');
  }
  const seconds = parseSeconds(timestampText, 'X-Twilio-Email-Event-Webhook-Timestamp');
  checkTolerance(seconds, tolerance, nowMs(options?.now));

  const data = signedBytes(timestampText, delivery.body);
  if (keys.some((key) => verifyWithKey('sha256', data, key, signature))) {
    return { timestamp: new Date(seconds * 1000) };
  }
  throw signatureMismatch(name);
}

function sign(key: KeyObject, input: SignInput): Record<string, string> {
  const timestamp = String(Math.floor(nowMs(input.timestamp) / 1000));
  const signature = signWithKey('sha256', signedBytes(timestamp, input.body), key);
  return { [signatureHeader]: signature.toString('base64'), [timestampHeader]: timestamp };
}
