import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyInput } from '../delivery.js';
import { WebhookConfigurationError } from '../errors/webhook-error.js';
import type { Logger } from '../logger.js';
import { errorOutcome, toWebhookError, type WebhookOutcome } from '../outcome.js';
import type { Webhooks } from '../webhooks.js';

/** The part of a `Webhooks` receiver that adapters use; every `Webhooks<Events>` fits. */
export type WebhookReceiver = Pick<Webhooks, 'receive' | 'reject' | 'bodyLimit' | 'log'>;

/**
 * Turns a failure to read the body into the reply to send, and logs it like `receive` logs a
 * rejection: configuration errors (`HOOKLINE_BODY_CONSUMED`) at error level, with the fix in
 * the message, and 4xx failures at debug level.
 */
export function readFailureOutcome(log: Logger, thrown: unknown): WebhookOutcome {
  const error = toWebhookError(thrown);
  if (error.status >= 500) {
    log.error(`webhook body could not be read: ${error.message}`, { code: error.code, error });
  } else {
    log.debug('webhook rejected', { code: error.code, status: error.status });
  }
  return errorOutcome(error);
}

/**
 * Returns the body limit of an adapter: its own option when given, else the receiver's.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when the option is not a
 *   positive number.
 */
export function resolveBodyLimit(
  adapter: string,
  option: number | undefined,
  receiver: WebhookReceiver,
): number {
  if (option === undefined) return receiver.bodyLimit;
  if (!Number.isFinite(option) || option <= 0) {
    throw new WebhookConfigurationError(
      `${adapter}: the body limit must be a positive number of bytes, got ${String(option)}`,
    );
  }
  return option;
}

/** Writes an outcome to a Node response. Node adds the `Content-Length` header. */
export function writeNodeOutcome(res: ServerResponse, outcome: WebhookOutcome): void {
  const headers = outcome.headers;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  res.statusCode = outcome.status;
  res.end(outcome.body);
}

/**
 * Reads a Node request with `read`, passes it to `receive` and writes the outcome; a read failure
 * goes through `reject`. The shared body of the Express and `node:http` adapters.
 */
export async function respondToNodeRequest(
  webhooks: WebhookReceiver,
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  read: () => Promise<BodyInput>,
): Promise<void> {
  const started = performance.now();
  let body: BodyInput;
  try {
    body = await read();
  } catch (error) {
    writeNodeOutcome(res, webhooks.reject(error, started));
    return;
  }
  const outcome = await webhooks.receive({
    headers: req.headers,
    body,
    method: req.method ?? 'POST',
    url,
  });
  writeNodeOutcome(res, outcome);
}
