import { Buffer } from 'node:buffer';
import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import {
  type BodyInput,
  checkTolerance,
  checkToleranceOption,
  computeHmac,
  type Delivery,
  type Envelope,
  nowMs,
  type SecretInput,
  safeEqual,
  secretList,
  type VerifiedDelivery,
  type VerifyOptions,
  WebhookPayloadError,
  type WebhookScheme,
  WebhookVerificationError,
} from '@hookline/core';
import { field, formParameters, isFormBody, parseFormBody, parseJsonBody } from './body.js';
import { decodeSignature, signatureMismatch } from './signature.js';

/** Options of {@link mailgun}. */
export interface MailgunOptions {
  /** The HTTP webhook signing key, or a list of them during a rotation. */
  secret: SecretInput<string | Uint8Array>;
  /** How far `signature.timestamp` may be from now, in seconds, either way. @default 300 */
  tolerance?: number;
}

/** The three signature fields Mailgun puts in every webhook body. */
export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

const name = 'mailgun';

/**
 * The Mailgun envelope. A JSON body routes on `event-data.event` (`delivered`, `opened`) with
 * `event-data` as data; a legacy form body routes on its `event` field with all fields as data.
 * The id is always the signature's `token`, the only signed value that is unique.
 */
export const mailgunEnvelope: Envelope = ({ payload, verified }) => {
  const eventData = field(payload, 'event-data');
  const data = eventData === undefined ? payload : eventData;
  const type = field(data, 'event');
  if (typeof type !== 'string' || type === '') {
    throw new WebhookPayloadError(
      'HOOKLINE_MISSING_EVENT_TYPE',
      'Mailgun payload has no string "event-data.event" or "event" field',
    );
  }
  return { type, id: verified.id, timestamp: verified.timestamp, data };
};

/**
 * Creates the Mailgun scheme. Mailgun signs inside the body: `signature.signature` is the hex
 * HMAC-SHA256 of `signature.timestamp + signature.token` (JSON), or of the `timestamp` and
 * `token` fields (legacy form bodies). The event data itself is not signed, so a captured
 * signature could be attached to other data. The `token` is therefore the delivery id, and dedupe
 * on it (on by default) stops a signature from being used twice within the store's retention. The
 * timestamp is checked against `tolerance` in both directions.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for an empty or padded key.
 * @example
 * const scheme = mailgun({ secret: process.env.MAILGUN_WEBHOOK_SIGNING_KEY });
 */
export function mailgun(options: MailgunOptions): WebhookScheme<VerifiedDelivery> {
  const keys = secretList(name, options.secret).map((s) => createSecretKey(Buffer.from(s)));
  const tolerance = checkToleranceOption(name, options.tolerance ?? 300);
  return {
    name,
    envelope: mailgunEnvelope,
    verify: (delivery, verifyOptions) => verify(keys, tolerance, delivery, verifyOptions),
    // The signature lives in the body, so there is no header to add; build signed bodies with
    // `mailgunSignature`.
    sign: () => ({}),
    parse: (body, delivery) => (isFormBody(delivery) ? parseFormBody(body) : parseJsonBody(body)),
  };
}

/**
 * Computes the `signature` object of a Mailgun body, for tests and demos.
 * @example
 * const body = JSON.stringify({ signature: mailgunSignature(key), 'event-data': { event: 'delivered' } });
 */
export function mailgunSignature(
  key: string,
  timestamp: Date | number = Date.now(),
  token: string = randomBytes(25).toString('hex'),
): MailgunSignature {
  const seconds = String(Math.floor(nowMs(timestamp) / 1000));
  const signature = computeHmac('sha256', key, [seconds, token]).toString('hex');
  return { timestamp: seconds, token, signature };
}

function verify(
  keys: readonly KeyObject[],
  tolerance: number,
  delivery: Delivery,
  options: VerifyOptions | undefined,
): VerifiedDelivery {
  const fields = readSignature(delivery);
  const received = decodeSignature(fields.signature, 'hex', 32);
  if (received === undefined) throw missing('signature.signature is not 64 hex digits');
  if (!/^[0-9]{1,15}$/.test(fields.timestamp)) {
    throw new WebhookVerificationError(
      'HOOKLINE_TIMESTAMP_INVALID',
      'Mailgun signature.timestamp must be an integer number of seconds since the epoch',
    );
  }
  const seconds = Number(fields.timestamp);
  checkTolerance(seconds, tolerance, nowMs(options?.now));

  for (const key of keys) {
    const expected = computeHmac('sha256', key, [fields.timestamp, fields.token]);
    if (safeEqual(expected, received)) {
      return { id: fields.token, timestamp: new Date(seconds * 1000) };
    }
  }
  throw signatureMismatch(name);
}

function readSignature(delivery: Delivery): MailgunSignature {
  const source = isFormBody(delivery) ? formFields(delivery.body) : jsonSignature(delivery.body);
  const timestamp = field(source, 'timestamp');
  const token = field(source, 'token');
  const signature = field(source, 'signature');
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') {
    throw missing('signature.timestamp is missing');
  }
  if (typeof token !== 'string' || token === '') throw missing('signature.token is missing');
  if (typeof signature !== 'string') throw missing('signature.signature is missing');
  return { timestamp: String(timestamp), token, signature };
}

function jsonSignature(body: BodyInput): unknown {
  try {
    return field(parseJsonBody(body), 'signature');
  } catch {
    return undefined;
  }
}

function formFields(body: BodyInput): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, values] of formParameters(body)) {
    if (values.length === 1) fields[key] = values[0] as string;
  }
  return fields;
}

function missing(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'HOOKLINE_MISSING_SIGNATURE',
    `Mailgun body ${problem}; Mailgun signs every webhook, so this request did not come from it`,
  );
}
