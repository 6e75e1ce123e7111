import { type ErrorCode, type ErrorKind, errorCodes } from './codes.js';

// A registered symbol, so that the guards recognise errors thrown by another installed copy of
// @hookline/core, where `instanceof` fails.
const brand = Symbol.for('hookline.webhook-error');

/** Options shared by every hookline error. */
export interface WebhookErrorOptions {
  /** The underlying error, kept for logs and never sent to the sender. */
  cause?: unknown;
  /** Seconds after which the sender may retry; adapters send it as `Retry-After`. */
  retryAfter?: number;
}

/**
 * The base of every error hookline raises. `code` is stable public API, `status` is the HTTP
 * status adapters respond with, and `message` never contains a secret, a signature or a body.
 */
export class WebhookError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly kind: ErrorKind;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: WebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.kind = errorCodes[code].kind;
    this.retryAfter = options.retryAfter;
    Object.defineProperty(this, brand, { value: true });
  }
}

/** The delivery is not authentic: a header, timestamp or signature check failed (401). */
export class WebhookVerificationError extends WebhookError {
  constructor(code: ErrorCode, message: string, options?: WebhookErrorOptions) {
    super(code, message, options);
    this.name = 'WebhookVerificationError';
  }
}

/** The delivery is authentic but its body cannot be used: JSON, type, schema or size (4xx). */
export class WebhookPayloadError extends WebhookError {
  /** Validation issues from the schema, for `HOOKLINE_SCHEMA_MISMATCH`. */
  readonly issues: readonly PayloadIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: WebhookErrorOptions & { issues?: readonly PayloadIssue[] } = {},
  ) {
    super(code, message, options);
    this.name = 'WebhookPayloadError';
    this.issues = options.issues ?? [];
  }
}

/** One schema validation problem: a message and the path of the offending field. */
export interface PayloadIssue {
  message: string;
  path: readonly (string | number)[];
}

/** hookline or the app around it is set up wrongly; the fix is in code, not in the request. */
export class WebhookConfigurationError extends WebhookError {
  constructor(message: string, options?: WebhookErrorOptions & { code?: ErrorCode }) {
    super(options?.code ?? 'HOOKLINE_INVALID_CONFIG', message, options);
    this.name = 'WebhookConfigurationError';
  }
}

/** The delivery could not be handled now, but a retry can succeed (409 or 503 + Retry-After). */
export class WebhookRetryableError extends WebhookError {
  constructor(code: ErrorCode, message: string, options?: WebhookErrorOptions) {
    super(code, message, options);
    this.name = 'WebhookRetryableError';
  }
}

/** One or more handlers of an event threw. `errors` contains each failure in handler order. */
export class WebhookHandlerError extends WebhookError {
  readonly errors: readonly unknown[];
  readonly eventType: string;
  readonly eventId: string | undefined;

  constructor(eventType: string, eventId: string | undefined, errors: readonly unknown[]) {
    const count = errors.length === 1 ? '1 handler' : `${errors.length} handlers`;
    super(
      'HOOKLINE_HANDLER_FAILED',
      `${count} failed for event ${eventType} (id ${eventId ?? 'none'})`,
      {
        cause: errors.length === 1 ? errors[0] : new AggregateError(errors),
      },
    );
    this.name = 'WebhookHandlerError';
    this.errors = errors;
    this.eventType = eventType;
    this.eventId = eventId;
  }
}

/** Tells whether `value` is any hookline error, including one from another copy of the package. */
export function isWebhookError(value: unknown): value is WebhookError {
  return typeof value === 'object' && value !== null && brand in value;
}

/** Tells whether `value` is a hookline error about authenticity (status 401). */
export function isVerificationError(value: unknown): value is WebhookVerificationError {
  return isWebhookError(value) && value.kind === 'verification';
}

/** Tells whether `value` is a hookline error about an unusable body. */
export function isPayloadError(value: unknown): value is WebhookPayloadError {
  return isWebhookError(value) && value.kind === 'payload';
}

/** Tells whether `value` is a hookline configuration error. */
export function isConfigurationError(value: unknown): value is WebhookConfigurationError {
  return isWebhookError(value) && value.kind === 'configuration';
}
