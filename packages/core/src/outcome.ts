import { WebhookError } from './errors/webhook-error.js';
import type { HandshakeReply } from './scheme.js';
import type { WebhookEvent } from './types.js';

/** The way a delivery ended. */
export type OutcomeResult =
  | 'handled'
  | 'duplicate'
  | 'ignored'
  | 'unhandled'
  | 'handshake'
  | 'rejected'
  | 'failed';

/**
 * The HTTP reply for one delivery, which adapters write as it is, plus what happened for logs
 * and tests. `receive` returns one for every request and never throws for a bad request.
 */
export interface WebhookOutcome {
  status: number;
  headers: Record<string, string>;
  body: string;
  result: OutcomeResult;
  event?: WebhookEvent;
  error?: WebhookError;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Builds a 200 outcome whose JSON body states the result. */
export function acceptedOutcome(
  result: 'handled' | 'duplicate' | 'ignored' | 'unhandled',
  event: WebhookEvent | undefined,
): WebhookOutcome {
  const outcome: WebhookOutcome = {
    status: 200,
    headers: { ...jsonHeaders },
    body: `{"status":"${result}"}`,
    result,
  };
  if (event !== undefined) outcome.event = event;
  return outcome;
}

/**
 * Builds an error outcome with body `{ "error": { "code", "message" } }`. Handler and internal
 * failures get a fixed message, because their text may contain details the sender must not see.
 */
export function errorOutcome(error: WebhookError, event?: WebhookEvent): WebhookOutcome {
  const headers: Record<string, string> = { ...jsonHeaders };
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  if (error.code === 'HOOKLINE_METHOD_NOT_ALLOWED') headers.allow = 'POST';
  const message =
    error.kind === 'handler' || error.kind === 'internal' || error.kind === 'configuration'
      ? 'The receiver failed to process this delivery; retry later'
      : error.message;
  const body = JSON.stringify({ error: { code: error.code, message } });
  const outcome: WebhookOutcome = {
    status: error.status,
    headers,
    body,
    result: error.status < 500 && error.kind !== 'retryable' ? 'rejected' : 'failed',
    error,
  };
  if (event !== undefined) outcome.event = event;
  return outcome;
}

/** Builds the outcome of a scheme's handshake reply. */
export function handshakeOutcome(reply: HandshakeReply): WebhookOutcome {
  return {
    status: reply.status,
    headers: { ...reply.headers },
    body: reply.body,
    result: 'handshake',
  };
}

/** Wraps anything thrown by code that should only throw hookline errors. */
export function toWebhookError(thrown: unknown): WebhookError {
  if (thrown instanceof WebhookError) return thrown;
  if (
    typeof thrown === 'object' &&
    thrown !== null &&
    Symbol.for('hookline.webhook-error') in thrown
  ) {
    return thrown as WebhookError;
  }
  return new WebhookError(
    'HOOKLINE_INTERNAL_ERROR',
    'Unexpected error while receiving a delivery',
    {
      cause: thrown,
    },
  );
}
