import { createMemoryStore } from './dedupe/memory-store.js';
import { type Delivery } from './delivery.js';
import { standardEnvelope } from './envelope.js';
import { WebhookConfigurationError, type WebhookHandlerError } from './errors/webhook-error.js';
import { completeLogger, type Logger } from './logger.js';
import type { WebhooksOptions } from './options.js';
import type { WebhookOutcome } from './outcome.js';
import { readFailureOutcome } from './http/adapter.js';
import { notify, receiveDelivery, type ReceiveSettings } from './receive.js';
import { anyPattern, HandlerRegistry } from './router.js';
import type { WebhookScheme } from './scheme.js';
import type {
  AnyEvents,
  EventFor,
  EventPattern,
  EventSchemas,
  EventType,
  MatchedType,
  WebhookEvent,
  WebhookHandler,
} from './types.js';

/** Receives `HandlerError`s after every failed delivery; what it throws is logged and ignored. */
export type ErrorHandler = (error: WebhookHandlerError, event: WebhookEvent) => unknown;

/** A webhook receiver: register handlers, then pass each request to `receive`. */
export interface Webhooks<Events extends EventSchemas = AnyEvents> {
  readonly scheme: WebhookScheme;
  /** The largest body accepted, in bytes; adapters stop reading past it. */
  readonly bodyLimit: number;
  /** The logger given in the options, completed with no-ops. */
  readonly log: Logger;
  /**
   * Adds a handler for one or more event types or dotted prefixes (`'order.*'`). Only types in
   * `events` are accepted, and the event's `data` is typed from its schema.
   */
  on<const Pattern extends EventPattern<Events>>(
    pattern: Pattern | readonly Pattern[],
    handler: WebhookHandler<EventFor<Events, MatchedType<Events, Pattern>>>,
  ): this;
  /** Adds a handler for every accepted event. */
  onAny(handler: WebhookHandler<EventFor<Events, EventType<Events>>>): this;
  /** Adds a listener for handler failures. */
  onError(handler: ErrorHandler): this;
  /** Removes a handler added with `on` (same pattern) or `onAny` (pattern `'*'`). */
  off<const Pattern extends EventPattern<Events> | '*'>(
    pattern: Pattern | readonly Pattern[],
    handler: WebhookHandler<never>,
  ): this;
  /**
   * Verifies, parses, validates, dedupes and dispatches one delivery, and returns the HTTP reply.
   * Never rejects: a bad request becomes a 4xx outcome, a handler failure a 500 outcome.
   */
  receive(delivery: Delivery): Promise<WebhookOutcome>;
  /**
   * Builds the reply for a request that failed before `receive` could run, such as a body that
   * could not be read (413, 415, 400, `HOOKLINE_BODY_CONSUMED`), logs it, and reports it to
   * `hooks.onOutcome`. Adapters call it so that every request reaches the hook.
   * @param startedAt `performance.now()` when the request arrived, for the reported duration.
   */
  reject(error: unknown, startedAt?: number): WebhookOutcome;
}

/**
 * Creates a webhook receiver.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for a missing scheme or an
 *   invalid limit.
 * @example
 * const webhooks = createWebhooks({
 *   scheme: standardWebhooks({ secret: process.env.WEBHOOK_SECRET }),
 *   events: { 'order.created': z.object({ orderId: z.string() }) },
 * });
 * webhooks.on('order.created', (event) => ship(event.data.orderId));
 * const outcome = await webhooks.receive({ headers, body });
 */
export function createWebhooks<const Events extends EventSchemas = AnyEvents>(
  options: WebhooksOptions<Events>,
): Webhooks<Events> {
  const settings = resolveSettings(options);
  const { registry, errorHandlers } = settings;

  const webhooks: Webhooks<Events> = {
    scheme: settings.scheme,
    bodyLimit: settings.bodyLimit,
    log: settings.log,
    on(pattern, handler) {
      for (const item of toList(pattern)) registry.add(checkPattern(item), handler);
      return this;
    },
    onAny(handler) {
      registry.add(anyPattern, handler);
      return this;
    },
    onError(handler) {
      errorHandlers.push(handler);
      return this;
    },
    off(pattern, handler) {
      for (const item of toList(pattern)) registry.remove(item, handler);
      return this;
    },
    receive(delivery) {
      return receiveDelivery(settings, delivery);
    },
    reject(error, startedAt) {
      const outcome = readFailureOutcome(settings.log, error);
      notify(settings, outcome, startedAt === undefined ? 0 : performance.now() - startedAt);
      return outcome;
    },
  };
  return webhooks;
}

function resolveSettings<Events extends EventSchemas>(
  options: WebhooksOptions<Events>,
): ReceiveSettings {
  const scheme = options.scheme as WebhookScheme | undefined;
  if (scheme === undefined || typeof scheme.verify !== 'function') {
    throw new WebhookConfigurationError(
      'createWebhooks: `scheme` is required, such as standardWebhooks({ secret })',
    );
  }
  const bodyLimit = positive('bodyLimit', options.bodyLimit ?? 1_048_576);
  const store = options.store === false ? undefined : (options.store ?? createMemoryStore());
  const dedupe = options.dedupe ?? {};
  return {
    scheme,
    events: options.events,
    envelope: options.envelope ?? scheme.envelope ?? standardEnvelope,
    rejectUnknown: (options.unknownEvent ?? 'reject') === 'reject',
    schemaMismatchStatus: options.schemaMismatchStatus ?? 400,
    bodyLimit,
    log: completeLogger(options.logger),
    hooks: options.hooks ?? {},
    clock: options.clock ?? Date.now,
    registry: new HandlerRegistry(),
    errorHandlers: [],
    dispatch: {
      store,
      leaseMs: positive('dedupe.leaseMs', dedupe.leaseMs ?? 60_000),
      retentionMs: positive('dedupe.retentionMs', dedupe.retentionMs ?? 3 * 24 * 3600 * 1000),
      log: completeLogger(options.logger),
    },
    dedupeKey:
      dedupe.key ??
      ((event) => (event.id === undefined ? undefined : `${scheme.name}:${event.id}`)),
    processWithoutStore: dedupe.onStoreError === 'process',
    storeRetryAfter: positive('dedupe.storeRetryAfter', dedupe.storeRetryAfter ?? 5),
    debug: typeof options.logger?.debug === 'function',
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new WebhookConfigurationError(
      `createWebhooks: \`${name}\` must be a positive number, got ${String(value)}`,
    );
  }
  return value;
}

function toList<T extends string>(pattern: T | readonly T[]): readonly T[] {
  return typeof pattern === 'string' ? [pattern] : pattern;
}

function checkPattern(pattern: string): string {
  const star = pattern.indexOf('*');
  const valid =
    pattern !== '' &&
    (star === -1 || (star === pattern.length - 1 && pattern.endsWith('.*') && pattern.length > 2));
  if (!valid) {
    throw new WebhookConfigurationError(
      `on: "${pattern}" is not an event type or a dotted prefix such as "order.*"; use onAny for every type`,
    );
  }
  return pattern;
}
