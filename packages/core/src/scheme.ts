import type { BodyInput, Delivery } from './delivery.js';
import { WebhookConfigurationError, WebhookVerificationError } from './errors/webhook-error.js';
import type { Envelope } from './envelope.js';

/** Options for one `verify` call. */
export interface VerifyOptions {
  /** The current time, as a `Date` or milliseconds since the epoch. @default Date.now() */
  now?: Date | number;
}

/** The facts a scheme reads from a delivery while verifying it. */
export interface VerifiedDelivery {
  /** The sender's delivery or event id, when the scheme carries one in headers. */
  id?: string | undefined;
  /** The signed timestamp, when the scheme has one. */
  timestamp?: Date | undefined;
  /** The event type, when the scheme carries it in headers (GitHub, Shopify). */
  type?: string | undefined;
}

/** The fields a scheme can sign; each scheme documents which of them it needs. */
export interface SignInput {
  body: BodyInput;
  id?: string;
  /** Signing time. @default now */
  timestamp?: Date | number;
  /** The public URL, for schemes that sign it. */
  url?: string;
  /** Extra request fields that some schemes sign (form parameters, header values). */
  headers?: Readonly<Record<string, string>>;
}

/** A complete HTTP reply that a scheme sends for a handshake instead of running handlers. */
export interface HandshakeReply {
  status: number;
  headers?: Readonly<Record<string, string>>;
  body: string;
}

/**
 * A signature scheme: how one kind of sender signs its deliveries, where it puts the event type
 * and id, and which handshakes it expects. `verify` must check authenticity over the raw bytes
 * and throw a `WebhookVerificationError`; it never returns for an unverified delivery.
 */
export interface WebhookScheme<Verified extends VerifiedDelivery = VerifiedDelivery> {
  /** A short stable name, also the default prefix of dedupe keys. */
  readonly name: string;
  /** Checks the signature and returns the id, timestamp and type found in the headers. */
  verify(delivery: Delivery, options?: VerifyOptions): Verified;
  /** Produces the headers a sender would add to `input`, for tests, examples and demos. */
  sign(input: SignInput): Record<string, string>;
  /** The reader of type, id, timestamp and data in this sender's payloads. */
  readonly envelope?: Envelope;
  /** Parses the verified body; JSON by default. */
  parse?(body: BodyInput, delivery: Delivery): unknown;
  /** Replies to an unsigned request that is not a delivery, such as a GET subscription check. */
  answerUnsigned?(delivery: Delivery): HandshakeReply | undefined;
  /** Replies to a verified request that is a handshake, such as a URL challenge. */
  answerVerified?(
    payload: unknown,
    verified: Verified,
    delivery: Delivery,
  ): HandshakeReply | undefined;
}

/** Returns the current time in milliseconds from a `VerifyOptions.now` value. */
export function nowMs(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === 'number' ? now : now.getTime();
}

/**
 * Parses a timestamp of whole seconds as written in a header: digits only, no sign, no fraction.
 * @throws {WebhookVerificationError} `HOOKLINE_TIMESTAMP_INVALID`
 */
export function parseSeconds(text: string, header: string): number {
  if (!isDigits(text)) {
    throw new WebhookVerificationError(
      'HOOKLINE_TIMESTAMP_INVALID',
      `Header ${header} must be an integer number of seconds since the epoch`,
    );
  }
  return Number(text);
}

// One to fifteen ASCII digits; a loop, because this runs on every delivery.
function isDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/**
 * Checks that `seconds` lies within `tolerance` seconds of `now`, in both directions.
 * @throws {WebhookVerificationError} `HOOKLINE_TIMESTAMP_TOO_OLD`, `HOOKLINE_TIMESTAMP_TOO_NEW`
 */
export function checkTolerance(seconds: number, tolerance: number, now: number): void {
  const age = now / 1000 - seconds;
  if (age > tolerance) {
    throw new WebhookVerificationError(
      'HOOKLINE_TIMESTAMP_TOO_OLD',
      `Delivery timestamp is ${Math.floor(age)} s old, past the ${tolerance} s tolerance; ` +
        'check the clock of this server or raise `tolerance`',
    );
  }
  if (-age > tolerance) {
    // A sender that writes milliseconds lands thousands of years ahead, so the message names it.
    const hint =
      seconds > 1e11
        ? 'the timestamp looks like milliseconds, but seconds since the epoch are expected'
        : 'check the clock of this server';
    throw new WebhookVerificationError(
      'HOOKLINE_TIMESTAMP_TOO_NEW',
      `Delivery timestamp is ${Math.ceil(-age)} s in the future, past the ${tolerance} s ` +
        `tolerance; ${hint}`,
    );
  }
}

/**
 * Validates a tolerance option in seconds.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG`
 */
export function checkToleranceOption(scheme: string, tolerance: number): number {
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new WebhookConfigurationError(
      `${scheme}: tolerance must be a finite number of seconds ≥ 0, got ${String(tolerance)}`,
    );
  }
  return tolerance;
}
