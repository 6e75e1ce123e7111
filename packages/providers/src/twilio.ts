import { Buffer } from 'node:buffer';
import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import {
  bodyToText,
  computeHmac,
  decodeHex,
  type Delivery,
  type Envelope,
  getHeader,
  requireHeader,
  type SecretInput,
  safeEqual,
  secretList,
  type SignInput,
  type VerifiedDelivery,
  type WebhookScheme,
  WebhookVerificationError,
} from '@hookline/core';
import { field, formParameters, isFormBody, parseJsonBody } from './body.js';
import {
  decodeSignature,
  malformedHeader,
  publicUrl,
  requireUrl,
  signatureMismatch,
} from './signature.js';
import { portVariants, twilioUrl } from './twilio-url.js';

/** Options of {@link twilio}. */
export interface TwilioOptions {
  /** The account's auth token, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /**
   * The public URL Twilio calls, as entered in the console. The request's query string, when it
   * has one, replaces the query of this URL.
   * @default the delivery's URL, which is the public one only without a proxy in front
   */
  url?: string;
  /**
   * Builds the origin from `X-Forwarded-Proto` and `X-Forwarded-Host` when `url` is not set.
   * Turn it on only behind a proxy that overwrites these headers.
   * @default false
   */
  trustForwardedHeaders?: boolean;
}

const name = 'twilio';

/**
 * The Twilio envelope. A form body (voice, messaging) routes on `call.<CallStatus>` or
 * `message.<MessageStatus or SmsStatus>` (`message.received`, `call.completed`), falling back to
 * `call` or `message`, with all fields as data. A JSON body routes on its `type`. The id is the
 * `I-Twilio-Idempotency-Token` header, which stays the same across retries.
 */
export const twilioEnvelope: Envelope = ({ payload, verified }) => {
  return { type: twilioType(payload), id: verified.id, timestamp: undefined, data: payload };
};

function twilioType(payload: unknown): string {
  const type = field(payload, 'type');
  if (typeof type === 'string' && type !== '') return type;
  const callStatus = field(payload, 'CallStatus');
  if (typeof callStatus === 'string') return `call.${callStatus}`;
  const messageStatus = field(payload, 'MessageStatus') ?? field(payload, 'SmsStatus');
  if (typeof messageStatus === 'string') return `message.${messageStatus}`;
  if (field(payload, 'CallSid') !== undefined) return 'call';
  if (field(payload, 'MessageSid') !== undefined || field(payload, 'SmsSid') !== undefined) {
    return 'message';
  }
  return 'request';
}

/**
 * Creates the Twilio scheme: `X-Twilio-Signature: <base64 HMAC-SHA1 of the public URL followed
 * by each form parameter, sorted by name, as name + value>`, with the distinct values of a
 * repeated name sorted. For a JSON body the URL carries `bodySHA256=<hex SHA-256 of the body>`,
 * the HMAC covers the URL alone, and the body hash is checked too. The URL is tried with and
 * without the default port. Twilio signs no timestamp, so no tolerance applies.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded auth token
 *   or a relative `url`.
 * @example
 * const scheme = twilio({
 *   secret: process.env.TWILIO_AUTH_TOKEN,
 *   url: 'https://example.com/twilio',
 * });
 */
export function twilio(options: TwilioOptions): WebhookScheme<VerifiedDelivery> {
  const keys = secretList(name, options.secret).map((s) => createSecretKey(Buffer.from(s)));
  const urlOptions = {
    url: options.url === undefined ? undefined : requireUrl(name, 'url', options.url),
    trustForwardedHeaders: options.trustForwardedHeaders === true,
  };
  return {
    name,
    envelope: twilioEnvelope,
    verify: (delivery) => verify(keys, twilioUrl(urlOptions, delivery), delivery),
    sign: (input) => sign(keys[0] as KeyObject, input),
    parse: (body, delivery) =>
      isFormBody(delivery)
        ? Object.fromEntries(new URLSearchParams(bodyToText(body)))
        : parseJsonBody(body),
  };
}

function verify(keys: readonly KeyObject[], url: string, delivery: Delivery): VerifiedDelivery {
  const signatureText = requireHeader(delivery.headers, 'x-twilio-signature');
  const received = decodeSignature(signatureText, 'base64', 20);
  if (received === undefined) throw malformedHeader('X-Twilio-Signature', 'a base64 HMAC-SHA1');

  if (!URL.canParse(url)) {
    throw malformedHeader('X-Forwarded-Host', 'a host name that forms a valid URL');
  }
  const bodyHash = new URL(url).searchParams.get('bodySHA256');
  const parameters = bodyHash === null && isFormBody(delivery) ? sortedParameters(delivery) : '';
  const matches = portVariants(url).some((candidate) =>
    keys.some((key) => safeEqual(computeHmac('sha1', key, [candidate, parameters]), received)),
  );
  if (!matches) throw signatureMismatch(name);
  if (bodyHash !== null) checkBodyHash(bodyHash, delivery.body);
  const token = getHeader(delivery.headers, 'i-twilio-idempotency-token');
  return { id: token === '' ? undefined : token };
}

function sortedParameters(delivery: Pick<Delivery, 'body'>): string {
  const parameters = formParameters(delivery.body);
  let text = '';
  for (const parameterName of [...parameters.keys()].sort()) {
    const values = [...new Set(parameters.get(parameterName))].sort();
    for (const value of values) text += parameterName + value;
  }
  return text;
}

function checkBodyHash(expectedHex: string, body: string | Uint8Array): void {
  const expected = decodeHex(expectedHex);
  const actual = createHash('sha256').update(body).digest();
  if (expected === undefined || !safeEqual(actual, expected)) {
    throw new WebhookVerificationError(
      'HOOKLINE_SIGNATURE_MISMATCH',
      'twilio: the body does not match the bodySHA256 in the signed URL; pass the raw body',
    );
  }
}

/**
 * Signs a form body (`application/x-www-form-urlencoded` text) at `input.url`. For a JSON body,
 * put `bodySHA256` in `input.url` first; the body is then left out of the HMAC.
 */
function sign(key: KeyObject, input: SignInput): Record<string, string> {
  const url = publicUrl(name, undefined, input.url);
  const hasBodyHash = URL.canParse(url) && new URL(url).searchParams.has('bodySHA256');
  const parameters = hasBodyHash ? '' : sortedParameters({ body: input.body });
  const signature = computeHmac('sha1', key, [url, parameters]).toString('base64');
  return { 'x-twilio-signature': signature };
}
