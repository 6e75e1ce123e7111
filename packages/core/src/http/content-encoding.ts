import type { Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { WebhookPayloadError } from '../errors/webhook-error.js';

// Flushing on every chunk lets a truncated stream end with an error instead of waiting for more.
const zlibOptions = { finishFlush: constants.Z_SYNC_FLUSH } as const;

/**
 * Creates a decoder for a `Content-Encoding` header value, or returns `undefined` when the body
 * is not encoded (no header, an empty value or `identity`). Supports `gzip` (and its alias
 * `x-gzip`), `deflate` (zlib format) and `br`, one encoding per request.
 * @throws {WebhookPayloadError} `HOOKLINE_UNSUPPORTED_ENCODING` for any other value, including
 *   a list of several encodings.
 */
export function createContentDecoder(header: string | null | undefined): Transform | undefined {
  if (header === undefined || header === null) return undefined;
  const encoding = header.trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip(zlibOptions);
    case 'deflate':
      return createInflate(zlibOptions);
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
