import {
  checkTolerance,
  checkToleranceOption,
  type Envelope,
  nowMs,
  type SecretInput,
  type VerifiedDelivery,
  WebhookPayloadError,
  type WebhookScheme,
  WebhookVerificationError,
} from '@hookline/core';
import { field, parseJsonBody } from './body.js';
import { hmac } from './hmac.js';

/** Options of {@link linear}. */
export interface LinearOptions {
  /** The webhook's signing secret, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /**
   * How far the body's `webhookTimestamp` may be from now, in seconds, in either direction.
   * @default 60
   */
  tolerance?: number;
}

/**
 * The Linear envelope: the type is the payload's `type` plus its `action` (`Issue.create`,
 * `Comment.remove`), the id the `Linear-Delivery` header, the data the payload's `data`.
 */
export const linearEnvelope: Envelope = ({ payload, verified }) => {
  const entity = field(payload, 'type');
  const action = field(payload, 'action');
  if (typeof entity !== 'string' || entity === '') {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Linear payload has no string "type" field',
    );
  }
  const type = typeof action === 'string' && action !== '' ? `${entity}.${action}` : entity;
  return { type, id: verified.id, timestamp: verified.timestamp, data: field(payload, 'data') };
};

/**
 * Creates the Linear scheme: `Linear-Signature: <hex HMAC-SHA256 of the body>`. Linear puts the
 * send time in the signed body (`webhookTimestamp`, milliseconds), so after the signature
 * matches, the body is parsed and that time is checked against `tolerance` in both directions.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret.
 * @example
 * const webhooks = createWebhooks({ scheme: linear({ secret: process.env.LINEAR_WEBHOOK_SECRET }) });
 * webhooks.on('Issue.create', ({ data }) => {});
 */
export function linear(options: LinearOptions): WebhookScheme<VerifiedDelivery> {
  const tolerance = checkToleranceOption('linear', options.tolerance ?? 60);
  const scheme = hmac({
    name: 'linear',
    secret: options.secret,
    header: 'linear-signature',
    idHeader: 'linear-delivery',
  });
  return {
    ...scheme,
    envelope: linearEnvelope,
    verify(delivery, verifyOptions) {
      const verified = scheme.verify(delivery, verifyOptions);
      const milliseconds = bodyTimestamp(delivery.body);
      checkTolerance(milliseconds / 1000, tolerance, nowMs(verifyOptions?.now));
      return { id: verified.id, timestamp: new Date(milliseconds) };
    },
  };
}

function bodyTimestamp(body: string | Uint8Array): number {
  let payload: unknown;
  try {
    payload = parseJsonBody(body);
  } catch {
    payload = undefined;
  }
  const value = field(payload, 'webhookTimestamp');
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new WebhookVerificationError(
      'HOOKLINE_TIMESTAMP_INVALID',
      'Linear body field webhookTimestamp must be an integer number of milliseconds',
    );
  }
  return value;
}
