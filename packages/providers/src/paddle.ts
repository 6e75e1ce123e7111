import {
  createEnvelope,
  type SecretInput,
  type VerifiedDelivery,
  type WebhookScheme,
} from '@hookline/core';
import { signatureListScheme } from './signature-list.js';

/** Options of {@link paddle}. */
export interface PaddleOptions {
  /** The notification destination's secret key (`pdl_ntfset_…`), or a list during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /** How far the signed `ts` may be from now, in seconds, in either direction. @default 300 */
  tolerance?: number;
}

/**
 * Creates the Paddle Billing scheme: `Paddle-Signature: ts=<seconds>;h1=<hex HMAC-SHA256 of
 * "<ts>:" + body>`. Any `h1` entry may match. `ts` is checked against `tolerance` in both
 * directions. The type is the payload's `event_type` (`transaction.completed`), the id its
 * `event_id`, the timestamp `ts`, and the data `data`.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret or
 *   a negative tolerance.
 * @example
 * const scheme = paddle({ secret: process.env.PADDLE_WEBHOOK_SECRET });
 */
export function paddle(options: PaddleOptions): WebhookScheme<VerifiedDelivery> {
  const format = {
    name: 'paddle',
    header: 'Paddle-Signature',
    separator: ';',
    timestampKey: 'ts',
    signatureKey: 'h1',
    joiner: ':',
    envelope: createEnvelope({ type: 'event_type', id: 'event_id', data: 'data' }),
  };
  return signatureListScheme(format, options.secret, options.tolerance);
}
