import { Buffer, isUtf8 } from 'node:buffer';
import { WebhookPayloadError, WebhookVerificationError } from './errors/webhook-error.js';

/** A header value as Node, a plain record or a framework may hold it. */
export type HeaderValue = string | readonly string[] | number | undefined;

/**
 * Request headers in any common shape: a Node `IncomingHttpHeaders` object, a WHATWG `Headers`,
 * or a plain record. Names are looked up case-insensitively.
 */
export type HeadersInput = HeadersLike | Readonly<Record<string, HeaderValue>>;

/** The part of WHATWG `Headers` that hookline reads. */
export interface HeadersLike {
  get(name: string): string | null;
}

/**
 * The bytes on the wire. Pass the raw body as received: a `Buffer`/`Uint8Array`, or a string
 * only when the framework already decoded it (it is then encoded back as UTF-8).
 */
export type BodyInput = Uint8Array | string;

/** One HTTP request as the signature schemes and the router see it. */
export interface Delivery {
  headers: HeadersInput;
  body: BodyInput;
  /** HTTP method; schemes with a GET handshake (Meta, Zoom) read it. @default 'POST' */
  method?: string;
  /** The full public URL, for schemes that sign it (Twilio, Square). */
  url?: string;
}

function isHeadersLike(headers: HeadersInput): headers is HeadersLike {
  return typeof (headers as HeadersLike).get === 'function';
}

/**
 * Returns every value of header `name` (lowercase expected), or an empty array when it is absent.
 * Arrays in a plain record (such as Node's `req.headersDistinct`) come back as separate entries.
 * Node's `req.headers` and a WHATWG `Headers` have already joined a repeated header with ", ".
 */
export function getHeaderValues(headers: HeadersInput, name: string): readonly string[] {
  if (isHeadersLike(headers)) {
    const value = headers.get(name);
    return value === null ? [] : [value];
  }
  let value: HeaderValue = headers[name];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.length === name.length && key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  return value;
}

/**
 * Returns the single value of header `name`, or `undefined` when it is absent.
 * @throws {WebhookVerificationError} `HOOKLINE_MALFORMED_HEADER` when the header is repeated with
 *   different values, because a signature check cannot know which one the sender meant.
 */
export function getHeader(headers: HeadersInput, name: string): string | undefined {
  if (!isHeadersLike(headers)) {
    // Fast path for Node's header objects, whose names are already lowercase.
    const direct = headers[name];
    if (typeof direct === 'string') return direct;
  }
  const values = getHeaderValues(headers, name);
  if (values.length <= 1) return values[0];
  const first = values[0];
  if (values.every((value) => value === first)) return first;
  throw new WebhookVerificationError(
    'HOOKLINE_MALFORMED_HEADER',
    `Header ${name} was sent ${values.length} times with different values; send it once`,
  );
}

/**
 * Returns header `name`, or raises `HOOKLINE_MISSING_HEADER` when it is absent or empty.
 * @throws {WebhookVerificationError} `HOOKLINE_MISSING_HEADER`, `HOOKLINE_MALFORMED_HEADER`
 */
export function requireHeader(headers: HeadersInput, name: string): string {
  const value = getHeader(headers, name);
  if (value === undefined || value === '') {
    throw new WebhookVerificationError(
      'HOOKLINE_MISSING_HEADER',
      `Missing required header ${name}; the sender must sign every delivery`,
    );
  }
  return value;
}

/**
 * Decodes a body as UTF-8 text without copying the bytes first. A leading byte order mark is
 * dropped, as JSON parsers expect.
 * @throws {WebhookPayloadError} `HOOKLINE_INVALID_JSON` when the bytes are not valid UTF-8.
 */
export function bodyToText(body: BodyInput): string {
  if (typeof body !== 'string') {
    if (!isUtf8(body)) {
      throw new WebhookPayloadError(
        'HOOKLINE_INVALID_JSON',
        'Body is not valid UTF-8, so it cannot be JSON; check the charset the sender uses',
      );
    }
    // A view over the same memory: toString() decodes without copying the bytes first.
    body = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  }
  return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}

/** Returns the body's size in bytes as it was on the wire. */
export function bodyByteLength(body: BodyInput): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}

/**
 * Checks that `body` is bytes or a string; frameworks that parsed the body hand over an object.
 * @throws {WebhookPayloadError} `HOOKLINE_INVALID_BODY`
 */
export function assertBody(body: unknown): asserts body is BodyInput {
  if (typeof body === 'string' || body instanceof Uint8Array) return;
  throw new WebhookPayloadError(
    'HOOKLINE_INVALID_BODY',
    `Body must be the raw bytes (Buffer, Uint8Array) or a string, got ${describe(body)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a parsed object' : typeof value;
}
