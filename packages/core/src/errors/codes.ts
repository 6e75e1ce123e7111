/**
 * The registry of error codes. Codes are public API: callers branch on them, so a code is never
 * renamed, removed or reused for another meaning. Each code has one HTTP status that adapters
 * answer with and one kind that picks the error subclass.
 */
export const errorCodes = {
  HOOKLINE_MISSING_HEADER: {
    status: 401,
    kind: 'verification',
    summary: 'A header that the signature scheme requires is missing.',
  },
  HOOKLINE_MALFORMED_HEADER: {
    status: 401,
    kind: 'verification',
    summary: 'A signature header is present but cannot be parsed.',
  },
  HOOKLINE_TIMESTAMP_INVALID: {
    status: 401,
    kind: 'verification',
    summary: 'The delivery timestamp is not an integer number of seconds.',
  },
  HOOKLINE_TIMESTAMP_TOO_OLD: {
    status: 401,
    kind: 'verification',
    summary: 'The delivery timestamp is older than the tolerance allows.',
  },
  HOOKLINE_TIMESTAMP_TOO_NEW: {
    status: 401,
    kind: 'verification',
    summary: 'The delivery timestamp is further in the future than the tolerance allows.',
  },
  HOOKLINE_SIGNATURE_MISMATCH: {
    status: 401,
    kind: 'verification',
    summary: 'No signature in the delivery matches any configured secret.',
  },
  HOOKLINE_MISSING_SIGNATURE: {
    status: 401,
    kind: 'verification',
    summary: 'A signature that the scheme reads from the body (Mailgun) is missing or malformed.',
  },
  HOOKLINE_VERIFY_TOKEN_MISMATCH: {
    status: 403,
    kind: 'verification',
    summary: 'A subscription check (Meta hub.verify_token) sent a token that does not match.',
  },
  HOOKLINE_INVALID_JSON: {
    status: 400,
    kind: 'payload',
    summary: 'The verified body is not valid UTF-8 JSON.',
  },
  HOOKLINE_INVALID_BODY: {
    status: 400,
    kind: 'payload',
    summary: 'The body cannot be read or decoded (bad compression, aborted upload, wrong type).',
  },
  HOOKLINE_MISSING_EVENT_TYPE: {
    status: 400,
    kind: 'payload',
    summary: 'The payload has no event type where the envelope expects one.',
  },
  HOOKLINE_UNKNOWN_EVENT_TYPE: {
    status: 400,
    kind: 'payload',
    summary: 'The event type is not in the configured events map.',
  },
  HOOKLINE_SCHEMA_MISMATCH: {
    status: 400,
    kind: 'payload',
    summary: 'The event data does not match the schema registered for its type.',
  },
  HOOKLINE_BODY_TOO_LARGE: {
    status: 413,
    kind: 'payload',
    summary: 'The body is larger than the configured limit.',
  },
  HOOKLINE_UNSUPPORTED_ENCODING: {
    status: 415,
    kind: 'payload',
    summary: 'The Content-Encoding of the body is not one that hookline decodes.',
  },
  HOOKLINE_METHOD_NOT_ALLOWED: {
    status: 405,
    kind: 'payload',
    summary: 'The request method is not POST (or a handshake method the scheme accepts).',
  },
  HOOKLINE_BODY_CONSUMED: {
    status: 500,
    kind: 'configuration',
    summary: 'A body parser consumed the request stream before hookline could read the raw bytes.',
  },
  HOOKLINE_INVALID_CONFIG: {
    status: 500,
    kind: 'configuration',
    summary: 'An option is missing or invalid; raised at construction time.',
  },
  HOOKLINE_DUPLICATE_IN_PROGRESS: {
    status: 409,
    kind: 'retryable',
    summary: 'Another delivery of the same event id is being handled right now.',
  },
  HOOKLINE_STORE_UNAVAILABLE: {
    status: 503,
    kind: 'retryable',
    summary: 'The idempotency store could not be reached, so the event was not handled.',
  },
  HOOKLINE_INTERNAL_ERROR: {
    status: 500,
    kind: 'internal',
    summary: 'A scheme, envelope or hook threw something that is not a hookline error (a bug).',
  },
  HOOKLINE_HANDLER_FAILED: {
    status: 500,
    kind: 'handler',
    summary: 'One or more handlers threw; the sender should retry.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** One row of the error registry. */
export interface ErrorCodeInfo {
  status: number;
  kind: ErrorKind;
  summary: string;
}

/** The group that decides which subclass of `WebhookError` carries a code. */
export type ErrorKind =
  | 'verification'
  | 'payload'
  | 'configuration'
  | 'retryable'
  | 'handler'
  | 'internal';

/** Every stable error code that hookline raises. */
export type ErrorCode = keyof typeof errorCodes;
