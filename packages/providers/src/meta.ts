import type { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  type Delivery,
  type HandshakeReply,
  safeEqual,
  type SecretInput,
  type VerifiedDelivery,
  WebhookConfigurationError,
  type WebhookScheme,
  WebhookVerificationError,
  createEnvelope,
} from '@hookline/core';
import { textHeaders } from './body.js';
import { hmac } from './hmac.js';
import { requireOption } from './signature.js';

/** Options of {@link meta}. */
export interface MetaOptions {
  /** The app secret, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /**
   * The verify token you entered when subscribing. When set, a `GET` with
   * `hub.mode=subscribe` is answered with `hub.challenge` if its `hub.verify_token` matches,
   * and 403 `HOOKLINE_VERIFY_TOKEN_MISMATCH` otherwise. Without it, a `GET` is answered 405.
   */
  verifyToken?: string;
}

/**
 * Creates the Meta scheme (Facebook, Instagram, WhatsApp, Messenger):
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`. Meta escapes non-ASCII text as
 * `\uXXXX`, so only the exact bytes on the wire verify. The type is the payload's `object`
 * (`page`, `whatsapp_business_account`) and the data the whole payload, whose `entry` list may
 * batch several changes. Meta signs no timestamp and sends no id, so neither a tolerance nor
 * dedupe applies.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded secret or
 *   verify token.
 * @example
 * const scheme = meta({ secret: process.env.META_APP_SECRET, verifyToken: process.env.META_VERIFY_TOKEN });
 */
export function meta(options: MetaOptions): WebhookScheme<VerifiedDelivery> {
  const verifyToken =
    options.verifyToken === undefined
      ? undefined
      : digest(requireOption('meta', 'verifyToken', options.verifyToken));
  const scheme = hmac({
    name: 'meta',
    secret: options.secret,
    header: 'x-hub-signature-256',
    prefix: 'sha256=',
    envelope: createEnvelope({ type: 'object' }),
  });
  return {
    ...scheme,
    answerUnsigned(delivery) {
      if (verifyToken === undefined || delivery.method?.toUpperCase() !== 'GET') return undefined;
      return answerSubscription(verifyToken, delivery);
    },
  };
}

function answerSubscription(verifyToken: Buffer, delivery: Delivery): HandshakeReply {
  if (delivery.url === undefined) {
    throw new WebhookConfigurationError(
      'meta: a GET subscription check needs the request URL; pass `url` in the delivery',
    );
  }
  const base = 'http://localhost';
  const query = URL.canParse(delivery.url, base)
    ? new URL(delivery.url, base).searchParams
    : new URLSearchParams();
  // Comparing digests keeps the time independent of the token's length as well as its content.
  const token = digest(query.get('hub.verify_token') ?? '');
  const challenge = query.get('hub.challenge') ?? '';
  if (query.get('hub.mode') !== 'subscribe' || challenge === '' || !safeEqual(verifyToken, token)) {
    throw new WebhookVerificationError(
      'HOOKLINE_VERIFY_TOKEN_MISMATCH',
      'Subscription check rejected: hub.mode must be subscribe, hub.challenge must be set and ' +
        'hub.verify_token must match the configured verifyToken',
    );
  }
  return { status: 200, headers: textHeaders, body: challenge };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
