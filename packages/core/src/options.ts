import type { IdempotencyStore } from './dedupe/store.js';
import type { Envelope } from './envelope.js';
import type { Logger } from './logger.js';
import type { WebhookOutcome } from './outcome.js';
import type { WebhookScheme } from './scheme.js';
import type { EventSchemas, WebhookEvent } from './types.js';

/** Dedupe settings of {@link WebhooksOptions}. */
export interface DedupeOptions {
  /**
   * How long one attempt may hold an event id, in milliseconds. If the process dies mid-handler,
   * a retry runs the handlers after this long. Make it longer than your slowest handler.
   * @default 60_000
   */
  leaseMs?: number;
  /**
   * How long a handled event id is remembered, in milliseconds. Senders retry for days
   * (Standard Webhooks senders for about 1.5 days, Stripe for 3), so keep it longer than that.
   * @default 259_200_000 (3 days)
   */
  retentionMs?: number;
  /**
   * The store key of an event, or `undefined` to skip dedupe for it.
   * @default `${scheme.name}:${event.id}`, or no dedupe when the event has no id
   */
  key?: (event: WebhookEvent) => string | undefined;
  /**
   * The behaviour when the store throws. `'reject'` responds 503 with `Retry-After`, so the
   * sender retries later. `'process'` runs the handlers without dedupe, which risks running
   * them twice.
   * @default 'reject'
   */
  onStoreError?: 'reject' | 'process';
  /** Seconds the sender should wait after a 503 from an unreachable store. @default 5 */
  storeRetryAfter?: number;
}

/** Callbacks for metrics and tracing. Errors they throw are logged and otherwise ignored. */
export interface WebhooksHooks {
  /** Runs after every delivery with its outcome and how long `receive` took. */
  onOutcome?: (outcome: WebhookOutcome, info: { durationMs: number }) => void;
}

/** Options of `createWebhooks`. */
export interface WebhooksOptions<Events extends EventSchemas> {
  /** The signature scheme that verifies deliveries, such as `standardWebhooks({ secret })`. */
  scheme: WebhookScheme;
  /** Event type → schema of its data; types flow from here to the handlers. */
  events?: Events;
  /** The reader of type, id and data in the payload. @default the scheme's, else Standard Webhooks' */
  envelope?: Envelope;
  /**
   * The handling of an event type missing from `events`. `'reject'` responds 400
   * `HOOKLINE_UNKNOWN_EVENT_TYPE`, so a misconfigured sender shows up in its delivery log.
   * `'ignore'` responds 200 and runs nothing, so the sender stops retrying events you do not
   * need. Without `events`, every type is known.
   * @default 'reject'
   */
  unknownEvent?: 'reject' | 'ignore';
  /** Status for data that fails its schema. @default 400 */
  schemaMismatchStatus?: 400 | 422;
  /**
   * The store of handled event ids, or `false` to turn dedupe off.
   * @default an in-memory store (per process, lost on restart)
   */
  store?: IdempotencyStore | false;
  /** Dedupe timing and keys. */
  dedupe?: DedupeOptions;
  /** The largest body accepted, in bytes; adapters stop reading past it. @default 1_048_576 */
  bodyLimit?: number;
  /** Any subset of debug/info/warn/error. @default silent */
  logger?: Partial<Logger>;
  hooks?: WebhooksHooks;
  /** The clock for timestamp checks, in milliseconds. @default Date.now */
  clock?: () => number;
}
