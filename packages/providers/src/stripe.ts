import {
  createEnvelope,
  type SecretInput,
  type VerifiedDelivery,
  type WebhookScheme,
} from '@hookline/core';
import { signatureListScheme } from './signature-list.js';

/** Options of {@link stripe}. */
export interface StripeOptions {
  /**
   * The endpoint's signing secret (`whsec_…`), or a list of them during a rotation. The whole
   * string, prefix included, is the HMAC key.
   */
  secret: SecretInput<string | Uint8Array>;
  /** How far the signed `t` may be from now, in seconds, in either direction. @default 300 */
  tolerance?: number;
}

/**
 * Creates the Stripe scheme: `Stripe-Signature: t=<seconds>,v1=<hex HMAC-SHA256 of
 * "<t>." + body>`. Any `v1` entry may match (Stripe sends one per active secret while a secret
 * is rolled), and `v0` entries are ignored. `t` is checked against `tolerance` in both
 * directions, so a timestamp too far in the future is rejected too. The type is the payload's
 * `type` (`checkout.session.completed`), the id its `id` (`evt_…`), the timestamp `t`, and the
 * data `data.object`.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret or
 *   a negative tolerance.
 * @example
 * const webhooks = createWebhooks({ scheme: stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET }) });
 * webhooks.on('checkout.session.completed', ({ data }) => {});
 */
export function stripe(options: StripeOptions): WebhookScheme<VerifiedDelivery> {
  const format = {
    name: 'stripe',
    header: 'Stripe-Signature',
    separator: ',',
    timestampKey: 't',
    signatureKey: 'v1',
    joiner: '.',
    envelope: createEnvelope({ type: 'type', id: 'id', data: 'data.object' }),
  };
  return signatureListScheme(format, options.secret, options.tolerance);
}
