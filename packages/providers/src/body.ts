import {
  type BodyInput,
  bodyToText,
  type Delivery,
  getHeader,
  WebhookPayloadError,
} from '@hookline/core';

/**
 * Parses a verified body as JSON.
 * @throws {WebhookPayloadError} `HOOKLINE_INVALID_JSON`
 */
export function parseJsonBody(body: BodyInput): unknown {
  const text = bodyToText(body);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WebhookPayloadError('HOOKLINE_INVALID_JSON', 'Body is not valid JSON', {
      cause: error,
    });
  }
}

/** Tells whether the delivery says its body is `application/x-www-form-urlencoded`. */
export function isFormBody(delivery: Delivery): boolean {
  const type = getHeader(delivery.headers, 'content-type') ?? '';
  return type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** Reads a form-urlencoded body into name → values, keeping repeated names in order. */
export function formParameters(body: BodyInput): Map<string, string[]> {
  const parameters = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(bodyToText(body))) {
    const values = parameters.get(name);
    if (values === undefined) parameters.set(name, [value]);
    else values.push(value);
  }
  return parameters;
}

/**
 * Parses a form body the way Slack and GitHub send it: a `payload` field holds JSON; otherwise
 * the fields become an object of strings, the last value winning for a repeated name.
 * @throws {WebhookPayloadError} `HOOKLINE_INVALID_JSON` when `payload` is not JSON.
 */
export function parseFormBody(body: BodyInput): unknown {
  const fields = Object.fromEntries(new URLSearchParams(bodyToText(body)));
  return typeof fields.payload === 'string' ? parseJsonBody(fields.payload) : fields;
}

/** Parses a form body with {@link parseFormBody} and anything else as JSON. */
export function parseJsonOrForm(body: BodyInput, delivery: Delivery): unknown {
  return isFormBody(delivery) ? parseFormBody(body) : parseJsonBody(body);
}

/** Reads `record[key]` when `record` is a plain object. */
export function field(record: unknown, key: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** The JSON content type header of handshake replies. */
export const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' } as const;

/** The plain text content type header of handshake replies. */
export const textHeaders = { 'content-type': 'text/plain; charset=utf-8' } as const;
