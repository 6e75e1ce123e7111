import {
  type Envelope,
  getHeader,
  type SecretInput,
  type VerifiedDelivery,
  WebhookPayloadError,
  type WebhookScheme,
} from '@hookline/core';
import { field, parseJsonOrForm } from './body.js';
import { hmac } from './hmac.js';

/** Options of {@link github}. */
export interface GitHubOptions {
  /** The webhook secret, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /**
   * Accepts the legacy SHA-1 `X-Hub-Signature` when a delivery has no `X-Hub-Signature-256`.
   * GitHub sends both headers, so turn this on only for a sender that cannot send SHA-256.
   * @default false
   */
  allowSha1?: boolean;
}

/**
 * The GitHub envelope: the type is `X-GitHub-Event` plus the payload's `action` when it has one
 * (`issues.opened`, `push`, `ping`), the id is `X-GitHub-Delivery`, the data the whole payload.
 */
export const githubEnvelope: Envelope = ({ payload, verified }) => {
  const event = verified.type;
  if (event === undefined) {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Header X-GitHub-Event is missing, so the event type is unknown',
    );
  }
  const action = field(payload, 'action');
  const type = typeof action === 'string' && action !== '' ? `${event}.${action}` : event;
  return { type, id: verified.id, timestamp: undefined, data: payload };
};

/**
 * Creates the GitHub scheme: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
 * GitHub signs no timestamp, so replays are stopped only by dedupe on `X-GitHub-Delivery`.
 * Bodies sent as `application/x-www-form-urlencoded` (a `payload=` field) are parsed too.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret.
 * @example
 * const webhooks = createWebhooks({ scheme: github({ secret: process.env.GITHUB_WEBHOOK_SECRET }) });
 * webhooks.on('issues.opened', ({ data }) => {});
 */
export function github(options: GitHubOptions): WebhookScheme<VerifiedDelivery> {
  const headers = { idHeader: 'x-github-delivery', typeHeader: 'x-github-event' };
  const sha256 = hmac({
    name: 'github',
    secret: options.secret,
    header: 'x-hub-signature-256',
    prefix: 'sha256=',
    ...headers,
  });
  const sha1 = hmac({
    name: 'github',
    secret: options.secret,
    header: 'x-hub-signature',
    algorithm: 'sha1',
    prefix: 'sha1=',
    ...headers,
  });
  const allowSha1 = options.allowSha1 === true;

  return {
    name: 'github',
    envelope: githubEnvelope,
    verify(delivery, verifyOptions) {
      const legacy = allowSha1 && getHeader(delivery.headers, 'x-hub-signature-256') === undefined;
      return (legacy ? sha1 : sha256).verify(delivery, verifyOptions);
    },
    sign(input) {
      return { ...sha256.sign(input), ...(allowSha1 ? sha1.sign(input) : {}) };
    },
    parse: parseJsonOrForm,
  };
}
