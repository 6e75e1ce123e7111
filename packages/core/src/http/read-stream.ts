import { Buffer } from 'node:buffer';
import type { Readable, Writable } from 'node:stream';
import { bodyAborted, bodyConsumed, bodyNotDecodable, bodyTooLarge } from './body-errors.js';
import { createContentDecoder } from './content-encoding.js';

const empty = Buffer.alloc(0);

/** Options of {@link readNodeBody}. */
export interface ReadBodyOptions {
  /** The largest body accepted, in bytes, counted after decoding. */
  limit: number;
  /** The `Content-Encoding` header value. @default no encoding */
  encoding?: string | null | undefined;
  /** The `Content-Length` header value, to reject an oversized body before reading it. */
  length?: string | number | undefined;
  /** The fix to name when the stream was already read. @default a generic hint */
  consumedHint?: string;
}

/**
 * Reads a Node request stream into one buffer, decoding its Content-Encoding, and stops at
 * `limit` decoded bytes. Past the limit, or when the Content-Length already announces a larger
 * unencoded body, the rest of the stream is discarded as it arrives instead of being buffered.
 * @throws {WebhookPayloadError} `HOOKLINE_BODY_TOO_LARGE`, `HOOKLINE_UNSUPPORTED_ENCODING`, or
 *   `HOOKLINE_INVALID_BODY` for a corrupt encoding or an aborted upload.
 * @throws {WebhookConfigurationError} `HOOKLINE_BODY_CONSUMED` when the stream was already read.
 */
export async function readNodeBody(stream: Readable, options: ReadBodyOptions): Promise<Buffer> {
  if (stream.readableEnded || stream.readableFlowing === true) {
    throw bodyConsumed(options.consumedHint ?? 'read the raw body before any body parser runs');
  }
  const decoder = decoderFor(stream, options.encoding);
  if (decoder === undefined) {
    if (Number(options.length) > options.limit) {
      stream.resume();
      throw bodyTooLarge(options.limit, `Body of ${String(options.length)} bytes`);
    }
    return collect(stream, options.limit, stream);
  }
  return collect(pipeToDecoder(stream, decoder), options.limit, stream);
}

function decoderFor(stream: Readable, encoding: string | null | undefined) {
  try {
    return createContentDecoder(encoding);
  } catch (error) {
    stream.resume();
    throw error;
  }
}

/**
 * Pipes `source` into `decoder` and returns the decoder. Because pipe() does not pass errors on
 * and an aborted request may only close, both destroy the decoder with `HOOKLINE_INVALID_BODY`.
 * Without that, a reader of the decoder would wait for input forever.
 */
export function pipeToDecoder<Decoder extends Writable & Readable>(
  source: Readable,
  decoder: Decoder,
): Decoder {
  source.on('error', (error) => decoder.destroy(bodyAborted(error)));
  source.on('close', () => {
    if (!source.readableEnded) decoder.destroy(bodyAborted());
  });
  return source.pipe(decoder);
}

/**
 * Collects `stream` into a buffer. `source` is the request itself, which is drained on failure
 * so that the connection can serve the next request.
 */
function collect(stream: Readable, limit: number, source: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    const stop = (error: Error): void => {
      cleanup();
      if (stream !== source) {
        source.unpipe();
        stream.destroy();
      }
      source.resume();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > limit) stop(bodyTooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      if (isOwn(error)) stop(error);
      else stop(stream === source ? bodyAborted(error) : bodyNotDecodable(error));
    };
    const onClose = (): void => stop(bodyAborted());
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };

    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * Reads a WHATWG body stream into bytes, stopping at `limit` bytes. Unencoded bodies only: the
 * fetch reader sends encoded ones through {@link readNodeBody}.
 * @throws {WebhookPayloadError} `HOOKLINE_BODY_TOO_LARGE`, or `HOOKLINE_INVALID_BODY` when the
 *   stream fails.
 */
export async function readWebStream(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw bodyTooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    throw isOwn(error) ? error : bodyAborted(error);
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 0) return empty;
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
}

function isOwn(error: unknown): error is Error {
  return (
    typeof error === 'object' && error !== null && Symbol.for('hookline.webhook-error') in error
  );
}
