import type { ClaimResult, IdempotencyStore } from './dedupe/store.js';
import type { Delivery } from './delivery.js';
import { WebhookConfigurationError, WebhookRetryableError } from './errors/webhook-error.js';
import type { Logger } from './logger.js';
import type { Registration } from './router.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import type { HandshakeReply } from './scheme.js';
import type { HandlerContext, ReplyInit, WebhookEvent, WebhookHandler } from './types.js';

/** Settings that `dispatch` needs, resolved from the options once. */
export interface DispatchSettings {
  store: IdempotencyStore | undefined;
  leaseMs: number;
  retentionMs: number;
  log: Logger;
}

/** The steps (handler names) that finished, including skipped ones, and the errors thrown. */
export interface HandlerResults {
  completed: string[];
  errors: unknown[];
}

/**
 * Runs every handler of an event concurrently and waits for all of them. Handlers listed in
 * `skip` finished in an earlier attempt and do not run again. Returns synchronously when a single
 * synchronous handler runs.
 */
export function runHandlers(
  event: WebhookEvent,
  registrations: readonly Registration[],
  context: HandlerContext,
  skip: readonly string[],
): MaybePromise<HandlerResults> {
  const pending =
    skip.length === 0 ? registrations : registrations.filter((r) => !skip.includes(r.step));
  if (pending.length === 1) return runOne(event, pending[0] as Registration, context, skip);
  return runAll(event, pending, context, skip);
}

async function runAll(
  event: WebhookEvent,
  pending: readonly Registration[],
  context: HandlerContext,
  skip: readonly string[],
): Promise<HandlerResults> {
  const settled = await Promise.allSettled(
    pending.map(async (registration) => (registration.handler as WebhookHandler)(event, context)),
  );
  const completed = [...skip];
  const errors: unknown[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') completed.push((pending[index] as Registration).step);
    else errors.push(outcome.reason);
  });
  return { completed, errors };
}

// One handler is the common case, and calling it directly avoids Promise.allSettled and, for a
// synchronous handler, every promise turn.
function runOne(
  event: WebhookEvent,
  registration: Registration,
  context: HandlerContext,
  skip: readonly string[],
): MaybePromise<HandlerResults> {
  const failed = (error: unknown): HandlerResults => ({ completed: [...skip], errors: [error] });
  const succeeded = (): HandlerResults => ({
    completed: [...skip, registration.step],
    errors: [],
  });
  let result: unknown;
  try {
    result = (registration.handler as WebhookHandler)(event, context);
  } catch (error) {
    return failed(error);
  }
  return isPromise(result) ? result.then(succeeded, failed) : succeeded();
}

/**
 * Builds the context a handler receives. `once` and `respond` are closures rather than methods,
 * so that handlers may destructure them (`async (event, { once }) => …`).
 */
export function createContext(
  delivery: Delivery,
  settings: DispatchSettings,
  dedupeKey: string | undefined,
  claimToken: string | undefined,
  replies: HandshakeReply[],
): HandlerContext {
  return {
    delivery,
    dedupeKey,
    claimToken,
    store: settings.store,
    log: settings.log,
    once: (key, step) => runOnce(settings, key, step),
    respond: (body, init) => {
      replies.push(toReply(body, init));
    },
  };
}

function toReply(body: unknown, init: ReplyInit | undefined): HandshakeReply {
  const text = typeof body === 'string';
  const status = init?.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 299) {
    throw new WebhookConfigurationError(
      `respond: status must be a 2xx integer, got ${String(status)}; throw to fail the delivery`,
    );
  }
  return {
    status,
    headers: {
      'content-type': text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...init?.headers,
    },
    body: text ? body : JSON.stringify(body),
  };
}

async function runOnce<T>(
  settings: DispatchSettings,
  key: string,
  step: () => T | Promise<T>,
): Promise<T | undefined> {
  const { store } = settings;
  if (store === undefined) return step();
  const storeKey = `step:${key}`;
  const claim: ClaimResult = await store.claim(storeKey, { leaseMs: settings.leaseMs });
  if (claim.state === 'completed') return undefined;
  if (claim.state === 'in_progress') {
    throw new WebhookRetryableError(
      'HOOKLINE_DUPLICATE_IN_PROGRESS',
      `Step "${key}" is running in another attempt`,
      { retryAfter: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) },
    );
  }
  let value: T;
  try {
    value = await step();
  } catch (error) {
    await store.release(storeKey, claim.token, {
      completedSteps: [],
      retentionMs: settings.retentionMs,
    });
    throw error;
  }
  await store.complete(storeKey, claim.token, { retentionMs: settings.retentionMs });
  return value;
}
