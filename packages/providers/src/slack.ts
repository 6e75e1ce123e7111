import { isUtf8 } from 'node:buffer';
import {
  bodyToText,
  type Delivery,
  type Envelope,
  type EventParts,
  getHeader,
  type HandshakeReply,
  type SecretInput,
  type VerifiedDelivery,
  WebhookPayloadError,
  type WebhookScheme,
} from '@hookline/core';
import { field, isFormBody, parseJsonOrForm, textHeaders } from './body.js';
import { hmac } from './hmac.js';

/** Options of {@link slack}. */
export interface SlackOptions {
  /** The app's signing secret, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /**
   * How far `X-Slack-Request-Timestamp` may be from now, in seconds, in either direction.
   * @default 300
   */
  tolerance?: number;
}

/**
 * The Slack envelope. Events API callbacks route on the inner event's type (`app_mention`) with
 * `event_id` as id, `event_time` as timestamp and the inner `event` as data. Slash commands route
 * on the command (`/deploy`), interactivity payloads on their `type` (`block_actions`); both use
 * `trigger_id` as id and the whole payload as data.
 */
export const slackEnvelope: Envelope = ({ payload }) => {
  if (field(payload, 'type') === 'event_callback') return eventCallback(payload);
  const command = field(payload, 'command');
  const type = typeof command === 'string' ? command : field(payload, 'type');
  if (typeof type !== 'string' || type === '') {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Slack payload has no "type" or "command" field',
    );
  }
  return { type, id: text(field(payload, 'trigger_id')), timestamp: undefined, data: payload };
};

function eventCallback(payload: unknown): EventParts {
  const event = field(payload, 'event');
  const type = field(event, 'type');
  if (typeof type !== 'string' || type === '') {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Slack event_callback has no string "event.type" field',
    );
  }
  const time = field(payload, 'event_time');
  const timestamp = typeof time === 'number' ? new Date(time * 1000) : undefined;
  return { type, id: text(field(payload, 'event_id')), timestamp, data: event };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Creates the Slack scheme: `X-Slack-Signature: v0=<hex HMAC-SHA256 of
 * "v0:" + X-Slack-Request-Timestamp + ":" + body>`, with the timestamp checked against
 * `tolerance` in both directions. JSON bodies (Events API) and form bodies (slash commands, and
 * interactivity in a `payload=` field) are parsed. A `url_verification` request is answered
 * with its challenge after verification; an `ssl_check` request is answered 200 and never
 * reaches a handler, because it carries no data.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret.
 * @example
 * const webhooks = createWebhooks({ scheme: slack({ secret: process.env.SLACK_SIGNING_SECRET }) });
 * webhooks.on('app_mention', ({ data }) => {});
 */
export function slack(options: SlackOptions): WebhookScheme<VerifiedDelivery> {
  const timestampHeader = 'x-slack-request-timestamp';
  const scheme = hmac({
    name: 'slack',
    secret: options.secret,
    header: 'x-slack-signature',
    prefix: 'v0=',
    content: [{ text: 'v0:' }, { header: timestampHeader }, { text: ':' }, 'body'],
    timestampHeader,
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  });
  return {
    ...scheme,
    envelope: slackEnvelope,
    parse: parseJsonOrForm,
    answerUnsigned: answerUnsignedSslCheck,
    answerVerified: (payload) => answerHandshake(payload),
  };
}

// Slack's ssl_check probe carries no data, so answering it unverified runs nothing; a signed one
// goes through verification and `answerHandshake` like any other request.
function answerUnsignedSslCheck(delivery: Delivery): HandshakeReply | undefined {
  if (!isFormBody(delivery) || getHeader(delivery.headers, 'x-slack-signature') !== undefined) {
    return undefined;
  }
  const body: unknown = delivery.body;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return undefined;
  if (typeof body !== 'string' && !isUtf8(body)) return undefined;
  const params = new URLSearchParams(bodyToText(body));
  return params.get('ssl_check') === '1' ? { status: 200, body: '' } : undefined;
}

function answerHandshake(payload: unknown): HandshakeReply | undefined {
  if (field(payload, 'ssl_check') === '1') return { status: 200, body: '' };
  if (field(payload, 'type') !== 'url_verification') return undefined;
  const challenge = field(payload, 'challenge');
  if (typeof challenge !== 'string' || challenge === '') {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Slack url_verification request has no string "challenge" field',
    );
  }
  return { status: 200, headers: textHeaders, body: challenge };
}
