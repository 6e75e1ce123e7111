import { WebhookConfigurationError, WebhookPayloadError } from '../errors/webhook-error.js';

/** Creates the 413 error for a body past `limit` bytes (after decoding, when encoded). */
export function bodyTooLarge(limit: number, what = 'Body'): WebhookPayloadError {
  return new WebhookPayloadError(
    'HOOKLINE_BODY_TOO_LARGE',
    `${what} is larger than the ${limit} byte limit; raise the limit option if such ` +
      'deliveries are expected',
  );
}

/** Creates the 400 error for an upload that stopped before the body was complete. */
export function bodyAborted(cause?: unknown): WebhookPayloadError {
  return new WebhookPayloadError(
    'HOOKLINE_INVALID_BODY',
    'Request body ended before it was complete (the upload was aborted)',
    cause === undefined ? {} : { cause },
  );
}

/** Creates the 400 error for a body whose Content-Encoding does not decode. */
export function bodyNotDecodable(cause: unknown): WebhookPayloadError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new WebhookPayloadError(
    'HOOKLINE_INVALID_BODY',
    `Body does not decode with its Content-Encoding${detail}`,
    { cause },
  );
}

/**
 * Creates the 500 error for a request stream that something read before hookline could. `hint`
 * names the fix for the framework, such as where to mount the route.
 */
export function bodyConsumed(hint: string): WebhookConfigurationError {
  return new WebhookConfigurationError(
    `The request body was already read by another middleware or parser, so its raw bytes are ` +
      `gone and the signature cannot be checked; ${hint}`,
    { code: 'HOOKLINE_BODY_CONSUMED' },
  );
}
