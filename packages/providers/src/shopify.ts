import {
  createEnvelope,
  type Delivery,
  getHeader,
  type SecretInput,
  type VerifiedDelivery,
  type WebhookScheme,
} from '@hookline/core';
import { hmac } from './hmac.js';

/** Options of {@link shopify}. */
export interface ShopifyOptions {
  /** The app's client secret (or the store's webhook secret), or a list during a rotation. */
  secret: SecretInput<string | Uint8Array>;
}

/**
 * Creates the Shopify scheme: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`.
 * The type is `X-Shopify-Topic` (`orders/create`), the id `X-Shopify-Webhook-Id` (the same on
 * every retry of one delivery), falling back to `X-Shopify-Event-Id`, and the timestamp
 * `X-Shopify-Triggered-At`. Shopify signs no timestamp, so no tolerance applies; replays are
 * stopped by dedupe on the id.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret.
 * @example
 * const webhooks = createWebhooks({ scheme: shopify({ secret: process.env.SHOPIFY_WEBHOOK_SECRET }) });
 * webhooks.on('orders/create', ({ data }) => {});
 */
export function shopify(options: ShopifyOptions): WebhookScheme<VerifiedDelivery> {
  const scheme = hmac({
    name: 'shopify',
    secret: options.secret,
    header: 'x-shopify-hmac-sha256',
    encoding: 'base64',
    typeHeader: 'x-shopify-topic',
  });
  return {
    ...scheme,
    envelope: createEnvelope({ type: 'topic' }),
    verify(delivery, verifyOptions) {
      const verified = scheme.verify(delivery, verifyOptions);
      return { ...verified, id: deliveryId(delivery), timestamp: triggeredAt(delivery) };
    },
    sign(input) {
      const headers = scheme.sign(input);
      if (input.id !== undefined) headers['x-shopify-webhook-id'] = input.id;
      return headers;
    },
  };
}

function deliveryId(delivery: Delivery): string | undefined {
  return (
    getHeader(delivery.headers, 'x-shopify-webhook-id') ||
    getHeader(delivery.headers, 'x-shopify-event-id') ||
    undefined
  );
}

function triggeredAt(delivery: Delivery): Date | undefined {
  const text = getHeader(delivery.headers, 'x-shopify-triggered-at');
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
