import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  readNodeBody,
  resolveBodyLimit,
  type WebhookReceiver,
  respondToNodeRequest,
} from '@hookline/core';

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * The largest body accepted, in bytes, counted after Content-Encoding is decoded.
   * @default webhooks.bodyLimit (1 MiB unless set in createWebhooks)
   */
  bodyLimit?: number;
}

/** A `node:http` request listener. It never throws and always ends the response. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const consumedHint = 'pass the request to the handler before anything reads its body';

/**
 * Creates a `node:http` request listener that reads the raw body (decoding gzip, deflate and
 * br), verifies and handles the delivery with `webhooks`, and sends its outcome as the response.
 * It handles every path it is given, so route before calling it.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when `bodyLimit` is not a
 *   positive number.
 * @example
 * const handle = createNodeHandler(webhooks);
 * createServer((req, res) => {
 *   if (req.url === '/webhook') handle(req, res);
 *   else res.writeHead(404).end();
 * }).listen(3000);
 */
export function createNodeHandler(
  webhooks: WebhookReceiver,
  options: NodeHandlerOptions = {},
): NodeHandler {
  const limit = resolveBodyLimit('createNodeHandler', options.bodyLimit, webhooks);
  return (req, res) => {
    handle(webhooks, limit, req, res).catch((error: unknown) => {
      webhooks.log.error('webhook response failed', { error });
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}

async function handle(
  webhooks: WebhookReceiver,
  limit: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const read = () =>
    readNodeBody(req, {
      limit,
      encoding: req.headers['content-encoding'],
      length: req.headers['content-length'],
      consumedHint,
    });
  await respondToNodeRequest(webhooks, req, res, requestUrl(req), read);
}

function requestUrl(req: IncomingMessage): string {
  const protocol = 'encrypted' in req.socket && req.socket.encrypted === true ? 'https' : 'http';
  return `${protocol}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
}
