import { type ClaimResult } from './dedupe/store.js';
import { assertBody, bodyByteLength, bodyToText, type Delivery } from './delivery.js';
import type { Envelope } from './envelope.js';
import {
  WebhookHandlerError,
  WebhookPayloadError,
  WebhookRetryableError,
} from './errors/webhook-error.js';
import { createContext, type DispatchSettings, runHandlers } from './dispatch.js';
import type { Logger } from './logger.js';
import type { WebhooksHooks } from './options.js';
import {
  acceptedOutcome,
  errorOutcome,
  handshakeOutcome,
  toWebhookError,
  type WebhookOutcome,
} from './outcome.js';
import type { HandlerRegistry } from './router.js';
import type { HandshakeReply, WebhookScheme } from './scheme.js';
import type { EventSchemas, WebhookEvent } from './types.js';
import { validate } from './validate.js';
import type { ErrorHandler } from './webhooks.js';

/** Everything `receiveDelivery` needs, resolved from the options once. */
export interface ReceiveSettings {
  scheme: WebhookScheme;
  events: EventSchemas | undefined;
  envelope: Envelope;
  rejectUnknown: boolean;
  schemaMismatchStatus: number;
  bodyLimit: number;
  log: Logger;
  hooks: WebhooksHooks;
  clock: () => number;
  registry: HandlerRegistry;
  errorHandlers: ErrorHandler[];
  dispatch: DispatchSettings;
  dedupeKey: (event: WebhookEvent) => string | undefined;
  processWithoutStore: boolean;
  storeRetryAfter: number;
}

/** Runs one delivery through read → verify → parse → route → validate → dedupe → dispatch. */
export async function receiveDelivery(
  settings: ReceiveSettings,
  delivery: Delivery,
): Promise<WebhookOutcome> {
  const started = performance.now();
  let outcome: WebhookOutcome;
  try {
    outcome = await process(settings, delivery);
  } catch (thrown) {
    const error = toWebhookError(thrown);
    if (error.status >= 500)
      settings.log.error('webhook failed', { code: error.code, error: thrown });
    else settings.log.debug('webhook rejected', { code: error.code, status: error.status });
    outcome = errorOutcome(error);
  }
  if (outcome.error?.code === 'HOOKLINE_SCHEMA_MISMATCH')
    outcome.status = settings.schemaMismatchStatus;
  notify(settings, outcome, performance.now() - started);
  return outcome;
}

async function process(settings: ReceiveSettings, delivery: Delivery): Promise<WebhookOutcome> {
  const { scheme } = settings;
  const unsigned = scheme.answerUnsigned?.(delivery);
  if (unsigned !== undefined) return handshakeOutcome(unsigned);
  checkRequest(settings, delivery);

  const verified = scheme.verify(delivery, { now: settings.clock() });

  const payload = scheme.parse ? scheme.parse(delivery.body, delivery) : parseJson(delivery);
  const reply = scheme.answerVerified?.(payload, verified, delivery);
  if (reply !== undefined) return handshakeOutcome(reply);

  const parts = settings.envelope({ payload, verified, delivery });
  settings.log.debug('webhook received', { type: parts.type, id: parts.id });
  const schema = settings.events?.[parts.type];
  if (
    settings.events !== undefined &&
    (schema === undefined || !Object.hasOwn(settings.events, parts.type))
  ) {
    return unknownType(settings, parts.type);
  }
  const registrations = settings.registry.match(parts.type);
  if (registrations.length === 0) return acceptedOutcome('unhandled', undefined);

  let data = parts.data;
  if (schema !== undefined) {
    const checked = await validate(schema, data);
    if (!checked.ok) {
      throw new WebhookPayloadError(
        'HOOKLINE_SCHEMA_MISMATCH',
        `Data of event ${parts.type} does not match its schema: ${summarize(checked.issues)}`,
        { issues: checked.issues },
      );
    }
    data = checked.value;
  }
  const event: WebhookEvent = { type: parts.type, id: parts.id, timestamp: parts.timestamp, data };
  return dispatch(settings, delivery, event);
}

function checkRequest(settings: ReceiveSettings, delivery: Delivery): void {
  const method = delivery.method?.toUpperCase() ?? 'POST';
  if (method !== 'POST') {
    throw new WebhookPayloadError(
      'HOOKLINE_METHOD_NOT_ALLOWED',
      `Method ${method} is not allowed; webhook deliveries are POST requests`,
    );
  }
  assertBody(delivery.body);
  const size = bodyByteLength(delivery.body);
  if (size > settings.bodyLimit) {
    throw new WebhookPayloadError(
      'HOOKLINE_BODY_TOO_LARGE',
      `Body of ${size} bytes is larger than the ${settings.bodyLimit} byte limit (bodyLimit)`,
    );
  }
}

function parseJson(delivery: Delivery): unknown {
  const text = bodyToText(delivery.body);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WebhookPayloadError('HOOKLINE_INVALID_JSON', 'Body is not valid JSON', {
      cause: error,
    });
  }
}

function unknownType(settings: ReceiveSettings, type: string): WebhookOutcome {
  if (!settings.rejectUnknown) return acceptedOutcome('ignored', undefined);
  throw new WebhookPayloadError(
    'HOOKLINE_UNKNOWN_EVENT_TYPE',
    `Event type "${type.slice(0, 100)}" is not in the events map`,
  );
}

function summarize(
  issues: readonly { message: string; path: readonly (string | number)[] }[],
): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.join('.');
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

async function dispatch(
  settings: ReceiveSettings,
  delivery: Delivery,
  event: WebhookEvent,
): Promise<WebhookOutcome> {
  const { store, retentionMs } = settings.dispatch;
  const key = store === undefined ? undefined : settings.dedupeKey(event);
  let claim: ClaimResult | undefined;
  if (store !== undefined && key !== undefined) {
    claim = await claimKey(settings, key, event);
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
  }
  const token = claim?.state === 'claimed' ? claim.token : undefined;
  const skip = claim?.state === 'claimed' ? claim.completedSteps : [];
  const replies: HandshakeReply[] = [];
  const context = createContext(delivery, settings.dispatch, token && key, token, replies);
  const registrations = settings.registry.match(event.type);
  const { completed, errors } = await runHandlers(event, registrations, context, skip);

  if (errors.length === 0) {
    if (token !== undefined && key !== undefined)
      await settle(settings, () => store?.complete(key, token, { retentionMs }));
    const reply = replies[0];
    if (reply !== undefined) return { ...handshakeOutcome(reply), result: 'handled', event };
    return acceptedOutcome('handled', event);
  }
  if (token !== undefined && key !== undefined) {
    await settle(settings, () =>
      store?.release(key, token, { completedSteps: completed, retentionMs }),
    );
  }
  const error = new WebhookHandlerError(event.type, event.id, errors);
  settings.log.error('webhook handler failed', { type: event.type, id: event.id, error });
  await reportError(settings, error, event);
  return errorOutcome(error, event);
}

async function claimKey(
  settings: ReceiveSettings,
  key: string,
  event: WebhookEvent,
): Promise<ClaimResult | undefined> {
  const { store, leaseMs } = settings.dispatch;
  try {
    return await store?.claim(key, { leaseMs });
  } catch (error) {
    settings.log.error('idempotency store unavailable', { type: event.type, id: event.id, error });
    if (settings.processWithoutStore) return undefined;
    throw new WebhookRetryableError(
      'HOOKLINE_STORE_UNAVAILABLE',
      'The receiver cannot check for duplicates right now; retry later',
      { retryAfter: settings.storeRetryAfter, cause: error },
    );
  }
}

// After the handlers ran, a store failure must not turn success into a retry (that would run
// the handlers twice), so it is logged and the lease is left to expire.
async function settle(settings: ReceiveSettings, write: () => unknown): Promise<void> {
  try {
    await write();
  } catch (error) {
    settings.log.error('idempotency store write failed after handlers ran', { error });
  }
}

async function reportError(
  settings: ReceiveSettings,
  error: WebhookHandlerError,
  event: WebhookEvent,
): Promise<void> {
  for (const handler of settings.errorHandlers) {
    try {
      await handler(error, event);
    } catch (thrown) {
      settings.log.error('onError listener threw', {
        type: event.type,
        id: event.id,
        error: thrown,
      });
    }
  }
}

/** Reports an outcome to `hooks.onOutcome`; a hook that throws is logged and ignored. */
export function notify(
  settings: ReceiveSettings,
  outcome: WebhookOutcome,
  durationMs: number,
): void {
  try {
    settings.hooks.onOutcome?.(outcome, { durationMs });
  } catch (error) {
    settings.log.error('onOutcome hook threw', { error });
  }
}
