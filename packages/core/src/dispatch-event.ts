import type { ClaimResult } from './dedupe/store.js';
import type { Delivery } from './delivery.js';
import { WebhookHandlerError, WebhookRetryableError } from './errors/webhook-error.js';
import { createContext, type HandlerResults, runHandlers } from './dispatch.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import { acceptedOutcome, errorOutcome, handshakeOutcome, type WebhookOutcome } from './outcome.js';
import type { ReceiveSettings } from './receive.js';
import type { HandshakeReply } from './scheme.js';
import type { WebhookEvent } from './types.js';

type Claimed = Extract<ClaimResult, { state: 'claimed' }>;

/**
 * Claims the event id, runs the handlers and settles the claim. Every step awaits only what is
 * really asynchronous, so a synchronous store with synchronous handlers adds no promise turns.
 */
export function dispatchEvent(
  settings: ReceiveSettings,
  delivery: Delivery,
  event: WebhookEvent,
): MaybePromise<WebhookOutcome> {
  const key = settings.dispatch.store === undefined ? undefined : settings.dedupeKey(event);
  if (key === undefined) return run(settings, delivery, event, undefined, undefined);
  const claim = claimKey(settings, key, event);
  if (isPromise(claim))
    return claim.then((result) => afterClaim(settings, delivery, event, key, result));
  return afterClaim(settings, delivery, event, key, claim);
}

function afterClaim(
  settings: ReceiveSettings,
  delivery: Delivery,
  event: WebhookEvent,
  key: string,
  claim: ClaimResult | undefined,
): MaybePromise<WebhookOutcome> {
  if (claim?.state === 'completed') {
    settings.log.warn('webhook duplicate dropped', { type: event.type, id: event.id });
    return acceptedOutcome('duplicate', event);
  }
  if (claim?.state === 'in_progress') {
    throw new WebhookRetryableError(
      'HOOKLINE_DUPLICATE_IN_PROGRESS',
      `Event ${event.id ?? ''} is being handled by another delivery; retry after it finishes`,
      { retryAfter: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) },
    );
  }
  return run(settings, delivery, event, key, claim);
}

function run(
  settings: ReceiveSettings,
  delivery: Delivery,
  event: WebhookEvent,
  key: string | undefined,
  claim: Claimed | undefined,
): MaybePromise<WebhookOutcome> {
  const replies: HandshakeReply[] = [];
  const token = claim?.token;
  const context = createContext(delivery, settings.dispatch, token && key, token, replies);
  const registrations = settings.registry.match(event.type);
  const results = runHandlers(event, registrations, context, claim?.completedSteps ?? []);
  if (isPromise(results)) {
    return results.then((done) => finish(settings, event, key, claim, replies, done));
  }
  return finish(settings, event, key, claim, replies, results);
}

function finish(
  settings: ReceiveSettings,
  event: WebhookEvent,
  key: string | undefined,
  claim: Claimed | undefined,
  replies: readonly HandshakeReply[],
  results: HandlerResults,
): MaybePromise<WebhookOutcome> {
  if (results.errors.length > 0) return fail(settings, event, key, claim, results);
  const reply = replies[0];
  const outcome: WebhookOutcome =
    reply === undefined
      ? acceptedOutcome('handled', event)
      : { ...handshakeOutcome(reply), result: 'handled', event };
  if (key === undefined || claim === undefined) return outcome;
  const { store, retentionMs } = settings.dispatch;
  const written = settle(settings, () => store?.complete(key, claim.token, { retentionMs }));
  return written === undefined ? outcome : written.then(() => outcome);
}

async function fail(
  settings: ReceiveSettings,
  event: WebhookEvent,
  key: string | undefined,
  claim: Claimed | undefined,
  results: HandlerResults,
): Promise<WebhookOutcome> {
  if (key !== undefined && claim !== undefined) {
    const { store, retentionMs } = settings.dispatch;
    const completedSteps = results.completed;
    await settle(settings, () => store?.release(key, claim.token, { completedSteps, retentionMs }));
  }
  const error = new WebhookHandlerError(event.type, event.id, results.errors);
  settings.log.error('webhook handler failed', { type: event.type, id: event.id, error });
  for (const handler of settings.errorHandlers) {
    try {
      await handler(error, event);
    } catch (thrown) {
      const fields = { type: event.type, id: event.id, error: thrown };
      settings.log.error('onError listener threw', fields);
    }
  }
  return errorOutcome(error, event);
}

function claimKey(
  settings: ReceiveSettings,
  key: string,
  event: WebhookEvent,
): MaybePromise<ClaimResult | undefined> {
  const { store, leaseMs } = settings.dispatch;
  try {
    const claim = store?.claim(key, { leaseMs });
    if (!isPromise(claim)) return claim;
    return claim.then(undefined, (error: unknown) => storeUnavailable(settings, event, error));
  } catch (error) {
    return storeUnavailable(settings, event, error);
  }
}

function storeUnavailable(
  settings: ReceiveSettings,
  event: WebhookEvent,
  error: unknown,
): undefined {
  settings.log.error('idempotency store unavailable', { type: event.type, id: event.id, error });
  if (settings.processWithoutStore) return undefined;
  throw new WebhookRetryableError(
    'HOOKLINE_STORE_UNAVAILABLE',
    'The receiver cannot check for duplicates right now; retry later',
    { retryAfter: settings.storeRetryAfter, cause: error },
  );
}

// After the handlers ran, a store failure must not turn success into a retry (that would run
// the handlers twice), so it is logged and the lease is left to expire. Returns a promise only
// when the store's write is asynchronous.
function settle(settings: ReceiveSettings, write: () => unknown): Promise<void> | undefined {
  const logFailure = (error: unknown): void => {
    settings.log.error('idempotency store write failed after handlers ran', { error });
  };
  try {
    const written = write();
    return isPromise(written) ? written.then(() => undefined, logFailure) : undefined;
  } catch (error) {
    logFailure(error);
    return undefined;
  }
}
