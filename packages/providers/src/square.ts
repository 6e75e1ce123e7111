import {
  createEnvelope,
  type SecretInput,
  type VerifiedDelivery,
  type WebhookScheme,
} from '@hookline/core';
import { hmac } from './hmac.js';
import { requireUrl } from './signature.js';

/** Options of {@link square}. */
export interface SquareOptions {
  /** The subscription's signature key, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /**
   * The notification URL exactly as registered with Square. Square signs this URL, not the one
   * a proxy forwards to, so it is required.
   */
  notificationUrl: string;
}

/**
 * Creates the Square scheme: `X-Square-HmacSha256-Signature: <base64 HMAC-SHA256 of the
 * notification URL followed by the body>`. The type is the payload's `type`
 * (`payment.updated`), the id `event_id`, the timestamp `created_at` and the data `data`.
 * Square signs no timestamp, so no tolerance applies; replays are stopped by dedupe on the id.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret or
 *   a missing or relative `notificationUrl`.
 * @example
 * const scheme = square({
 *   secret: process.env.SQUARE_WEBHOOK_SECRET,
 *   notificationUrl: 'https://example.com/square',
 * });
 */
export function square(options: SquareOptions): WebhookScheme<VerifiedDelivery> {
  return hmac({
    name: 'square',
    secret: options.secret,
    header: 'x-square-hmacsha256-signature',
    encoding: 'base64',
    content: ['url', 'body'],
    url: requireUrl('square', 'notificationUrl', options.notificationUrl),
    envelope: createEnvelope({
      type: 'type',
      id: 'event_id',
      timestamp: 'created_at',
      data: 'data',
    }),
  });
}
