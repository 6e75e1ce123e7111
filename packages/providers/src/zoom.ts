import { createSecretKey } from 'node:crypto';
import { Buffer } from 'node:buffer';
import {
  computeHmac,
  createEnvelope,
  type HandshakeReply,
  type SecretInput,
  secretList,
  type VerifiedDelivery,
  WebhookPayloadError,
  type WebhookScheme,
} from '@hookline/core';
import { field, jsonHeaders } from './body.js';
import { hmac } from './hmac.js';

/** Options of {@link zoom}. */
export interface ZoomOptions {
  /** The app's secret token, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /** How far `x-zm-request-timestamp` may be from now, in seconds, either way. @default 300 */
  tolerance?: number;
}

/**
 * Creates the Zoom scheme: `x-zm-signature: v0=<hex HMAC-SHA256 of
 * "v0:" + x-zm-request-timestamp + ":" + body>`, with the timestamp checked against `tolerance`
 * in both directions. After verification it replies to an `endpoint.url_validation` request with
 * `{ plainToken, encryptedToken }`, where `encryptedToken` is the hex HMAC-SHA256 of
 * `plainToken` under the first secret. The type is the payload's `event` (`meeting.started`)
 * and the data its `payload`. Zoom sends no event id, so dedupe does not apply.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret.
 * @example
 * const scheme = zoom({ secret: process.env.ZOOM_WEBHOOK_SECRET });
 */
export function zoom(options: ZoomOptions): WebhookScheme<VerifiedDelivery> {
  const timestampHeader = 'x-zm-request-timestamp';
  const scheme = hmac({
    name: 'zoom',
    secret: options.secret,
    header: 'x-zm-signature',
    prefix: 'v0=',
    content: [{ text: 'v0:' }, { header: timestampHeader }, { text: ':' }, 'body'],
    timestampHeader,
    envelope: createEnvelope({ type: 'event', data: 'payload' }),
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  });
  const first = secretList('zoom', options.secret)[0] as string | Uint8Array;
  const key = createSecretKey(Buffer.from(first));

  return {
    ...scheme,
    answerVerified(payload): HandshakeReply | undefined {
      if (field(payload, 'event') !== 'endpoint.url_validation') return undefined;
      const plainToken = field(field(payload, 'payload'), 'plainToken');
      if (typeof plainToken !== 'string' || plainToken === '') {
        throw new WebhookPayloadError(
          'HOOKLINE_MISSING_EVENT_TYPE',
          'Zoom endpoint.url_validation request has no string "payload.plainToken" field',
        );
      }
      const encryptedToken = computeHmac('sha256', key, [plainToken]).toString('hex');
      return {
        status: 200,
        headers: jsonHeaders,
        body: JSON.stringify({ plainToken, encryptedToken }),
      };
    },
  };
}
