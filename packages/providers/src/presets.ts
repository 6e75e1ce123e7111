import {
  createEnvelope,
  type SecretInput,
  type VerifiedDelivery,
  type WebhookScheme,
} from '@hookline/core';
import { hmac } from './hmac.js';

/** Options of the {@link hmac} presets: the signing secret, or a list during a rotation. */
export interface PresetOptions {
  secret: SecretInput<string | Uint8Array>;
}

/**
 * Creates the Gitea scheme: `X-Gitea-Signature: <hex HMAC-SHA256 of the body>`. The type is
 * `X-Gitea-Event` (`push`, `issues`), the id `X-Gitea-Delivery`. No timestamp is signed.
 * @example
 * const scheme = gitea({ secret: process.env.GITEA_WEBHOOK_SECRET });
 */
export function gitea(options: PresetOptions): WebhookScheme<VerifiedDelivery> {
  return hmac({
    name: 'gitea',
    secret: options.secret,
    header: 'x-gitea-signature',
    idHeader: 'x-gitea-delivery',
    typeHeader: 'x-gitea-event',
  });
}

/**
 * Creates the Lemon Squeezy scheme: `X-Signature: <hex HMAC-SHA256 of the body>`. The type is
 * `X-Event-Name` (`order_created`), the data the payload's `data`. No timestamp or id is sent.
 * @example
 * const scheme = lemonSqueezy({ secret: process.env.LEMON_SQUEEZY_WEBHOOK_SECRET });
 */
export function lemonSqueezy(options: PresetOptions): WebhookScheme<VerifiedDelivery> {
  return hmac({
    name: 'lemon-squeezy',
    secret: options.secret,
    header: 'x-signature',
    typeHeader: 'x-event-name',
    envelope: createEnvelope({ type: 'meta.event_name', data: 'data' }),
  });
}

/**
 * Creates the Typeform scheme: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body>`.
 * The type is the payload's `event_type` (`form_response`), the id its `event_id`, the data its
 * `form_response`. No timestamp is signed.
 * @example
 * const scheme = typeform({ secret: process.env.TYPEFORM_WEBHOOK_SECRET });
 */
export function typeform(options: PresetOptions): WebhookScheme<VerifiedDelivery> {
  return hmac({
    name: 'typeform',
    secret: options.secret,
    header: 'typeform-signature',
    encoding: 'base64',
    prefix: 'sha256=',
    envelope: createEnvelope({ type: 'event_type', id: 'event_id', data: 'form_response' }),
  });
}

/**
 * Creates the Vercel scheme: `x-vercel-signature: <hex HMAC-SHA1 of the body>`. The type is the
 * payload's `type` (`deployment.created`), the id its `id`, the data its `payload`. No timestamp
 * is signed.
 * @example
 * const scheme = vercel({ secret: process.env.VERCEL_WEBHOOK_SECRET });
 */
export function vercel(options: PresetOptions): WebhookScheme<VerifiedDelivery> {
  return hmac({
    name: 'vercel',
    secret: options.secret,
    header: 'x-vercel-signature',
    algorithm: 'sha1',
    envelope: createEnvelope({ type: 'type', id: 'id', data: 'payload' }),
  });
}
