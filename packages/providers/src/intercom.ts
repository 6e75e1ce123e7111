import {
  createEnvelope,
  type SecretInput,
  type VerifiedDelivery,
  type WebhookScheme,
} from '@hookline/core';
import { hmac } from './hmac.js';

/** Options of {@link intercom}. */
export interface IntercomOptions {
  /** The app's client secret, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
}

/**
 * Creates the Intercom scheme: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>`. The type is
 * the payload's `topic` (`conversation.user.created`, `ping`), the id its `id` (`notif_…`), the
 * timestamp `created_at` and the data `data.item`. Intercom signs no timestamp, so no tolerance
 * applies; replays are stopped by dedupe on the id.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret.
 * @example
 * const scheme = intercom({ secret: process.env.INTERCOM_WEBHOOK_SECRET });
 */
export function intercom(options: IntercomOptions): WebhookScheme<VerifiedDelivery> {
  return hmac({
    name: 'intercom',
    secret: options.secret,
    header: 'x-hub-signature',
    algorithm: 'sha1',
    prefix: 'sha1=',
    envelope: createEnvelope({
      type: 'topic',
      id: 'id',
      timestamp: 'created_at',
      data: 'data.item',
    }),
  });
}
