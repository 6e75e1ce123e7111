import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { WebhookPayloadError } from '../errors/webhook-error.js';

/**
 * Creates a decoder for a `Content-Encoding` header value, or returns `undefined` when the body
 * is not encoded (no header, an empty value or `identity`). Supports `gzip` (and its alias
 * `x-gzip`), `deflate` (zlib format) and `br`, one encoding per request. A truncated or corrupt
 * stream makes the decoder emit an error.
 * @throws {WebhookPayloadError} `HOOKLINE_UNSUPPORTED_ENCODING` for any other value, including
 *   a list of several encodings.
 */
export function createContentDecoder(header: string | null | undefined): Transform | undefined {
  if (!isContentEncoded(header)) return undefined;
  const encoding = header.trim().toLowerCase();
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new WebhookPayloadError(
        'HOOKLINE_UNSUPPORTED_ENCODING',
        `Content-Encoding "${encoding.slice(0, 40)}" is not supported; send the body ` +
          'uncompressed or with one of gzip, deflate or br',
      );
  }
}

/** Tells whether a `Content-Encoding` header value names an encoding other than `identity`. */
export function isContentEncoded(header: string | null | undefined): header is string {
  if (header === undefined || header === null) return false;
  const encoding = header.trim();
  return encoding !== '' && encoding.toLowerCase() !== 'identity';
}
