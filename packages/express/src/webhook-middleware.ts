import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import {
  type BodyInput,
  bodyAborted,
  bodyConsumed,
  bodyNotDecodable,
  bodyTooLarge,
  createContentDecoder,
  isWebhookError,
  pipeToDecoder,
  resolveBodyLimit,
  type WebhookReceiver,
  respondToNodeRequest,
} from '@hookline/core';
import getRawBody from 'raw-body';

/** Options of {@link webhookMiddleware}. */
export interface WebhookMiddlewareOptions {
  /**
   * The largest body accepted, in bytes, counted after Content-Encoding is decoded. A larger
   * body gets a 413 response as soon as the limit is passed, and the rest is not buffered.
   * @default webhooks.bodyLimit (1 MiB unless set in createWebhooks)
   */
  limit?: number;
}

/** The request fields the middleware reads; an Express 4 or 5 `Request` has them all. */
export interface WebhookRequest extends IncomingMessage {
  /** The value a body parser mounted earlier left: a Buffer, a string or a parsed object. */
  body?: unknown;
  /** The raw bytes some `verify` hooks and hosting platforms store. */
  rawBody?: unknown;
  originalUrl?: string;
  protocol?: string;
}

/** An Express request handler; `next` only receives errors from writing the response. */
export type WebhookMiddleware = (
  req: WebhookRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

const consumedHint =
  'mount the webhook route before express.json() and express.urlencoded(), or mount ' +
  "express.raw({ type: '*/*' }) on it, or store the raw bytes in req.rawBody from a verify hook";

/**
 * Creates Express middleware that reads the raw body, verifies and handles the delivery with
 * `webhooks`, and sends its outcome as the response. It works with Express 4 and 5 and whatever was
 * mounted before it: nothing (it reads the stream), `express.raw()` (it uses the Buffer in
 * `req.body`), or a `verify` hook or platform that stored `req.rawBody`. When a JSON or form
 * parser already consumed the stream, it responds 500 `HOOKLINE_BODY_CONSUMED` at once and logs
 * the fix through `webhooks.log.error`.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when `limit` is not a positive
 *   number.
 * @example
 * const app = express();
 * app.post('/webhook', webhookMiddleware(webhooks));
 * app.use(express.json()); // other routes keep their JSON parser
 */
export function webhookMiddleware(
  webhooks: WebhookReceiver,
  options: WebhookMiddlewareOptions = {},
): WebhookMiddleware {
  const limit = resolveBodyLimit('webhookMiddleware', options.limit, webhooks);
  return (req, res, next) => {
    handle(webhooks, limit, req, res).catch(next);
  };
}

async function handle(
  webhooks: WebhookReceiver,
  limit: number,
  req: WebhookRequest,
  res: ServerResponse,
): Promise<void> {
  await respondToNodeRequest(webhooks, req, res, requestUrl(req), () => readBody(req, limit));
}

/** Picks the raw body left by an earlier middleware, or reads the stream. */
async function readBody(req: WebhookRequest, limit: number): Promise<BodyInput> {
  const stored = storedBody(req);
  if (stored !== undefined) {
    if (byteLength(stored) > limit) throw bodyTooLarge(limit);
    return stored;
  }
  if (req.readableEnded || (req as { _body?: unknown })._body === true) {
    throw bodyConsumed(consumedHint);
  }
  return readStream(req, limit);
}

function storedBody(req: WebhookRequest): BodyInput | undefined {
  const { body, rawBody } = req;
  if (Buffer.isBuffer(rawBody) || typeof rawBody === 'string') return rawBody;
  if (Buffer.isBuffer(body)) return body;
  // express.text() leaves a decoded string once it has read the stream.
  if (typeof body === 'string' && req.readableEnded) return body;
  return undefined;
}

function byteLength(body: BodyInput): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

/** Reads the request stream with raw-body, through a decoder when the body is encoded. */
async function readStream(req: WebhookRequest, limit: number): Promise<Buffer> {
  let decoder: Transform | undefined;
  try {
    decoder = createContentDecoder(req.headers['content-encoding']);
    if (decoder === undefined) {
      return await getRawBody(req, { limit, length: req.headers['content-length'] ?? null });
    }
    return await getRawBody(pipeToDecoder(req, decoder), { limit });
  } catch (error) {
    if (decoder !== undefined) {
      req.unpipe(decoder);
      decoder.destroy();
    }
    // Discards the rest of the body as it arrives, so the connection can serve the next request.
    req.resume();
    throw toBodyError(error, limit, decoder !== undefined);
  }
}

// raw-body marks its own errors with a `type`, so an error without one came from the decoder
// (or, when nothing is decoded, from the request stream).
function toBodyError(error: unknown, limit: number, decoding: boolean): unknown {
  if (isWebhookError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return bodyTooLarge(limit);
  if (typeof type === 'string' || !decoding) return bodyAborted(error);
  return bodyNotDecodable(error);
}

function requestUrl(req: WebhookRequest): string {
  const protocol = req.protocol ?? 'http';
  return `${protocol}://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url ?? '/'}`;
}
