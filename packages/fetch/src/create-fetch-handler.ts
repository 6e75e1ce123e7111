import {
  readFetchBody,
  resolveBodyLimit,
  type WebhookOutcome,
  type WebhookReceiver,
} from '@hookline/core';

/** Options of {@link createFetchHandler}. */
export interface FetchHandlerOptions {
  /**
   * The largest body accepted, in bytes, counted after Content-Encoding is decoded.
   * @default webhooks.bodyLimit (1 MiB unless set in createWebhooks)
   */
  bodyLimit?: number;
}

/** A WHATWG `Request → Response` handler. It never rejects. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Creates a `Request → Response` handler for Hono, Next.js route handlers, Bun, Deno and
 * Workers. It reads the body once, stopping at the limit while the body streams in and decoding
 * gzip, deflate and br, then verifies and handles the delivery with `webhooks`.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when `bodyLimit` is not a
 *   positive number.
 * @example
 * const handle = createFetchHandler(webhooks);
 * app.post('/webhook', (c) => handle(c.req.raw)); // Hono
 * export const POST = handle; // Next.js route handler
 */
export function createFetchHandler(
  webhooks: WebhookReceiver,
  options: FetchHandlerOptions = {},
): FetchHandler {
  const limit = resolveBodyLimit('createFetchHandler', options.bodyLimit, webhooks);
  return async (request) => {
    const started = performance.now();
    let body: Uint8Array;
    try {
      body = await readFetchBody(request, limit);
    } catch (error) {
      return toResponse(webhooks.reject(error, started));
    }
    const outcome = await webhooks.receive({
      headers: request.headers,
      body,
      method: request.method,
      url: request.url,
    });
    return toResponse(outcome);
  };
}

function toResponse(outcome: WebhookOutcome): Response {
  return new Response(outcome.body, { status: outcome.status, headers: outcome.headers });
}
