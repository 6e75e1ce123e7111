import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Delivery } from './delivery.js';
import type { IdempotencyStore } from './dedupe/store.js';
import type { Logger } from './logger.js';

/** The `events` option: event type → schema of its data (zod 4, valibot, any Standard Schema). */
export type EventSchemas = Readonly<Record<string, StandardSchemaV1>>;

/** The events map assumed when none is given: any type, data `unknown`. */
export type AnyEvents = Readonly<Record<string, StandardSchemaV1<unknown, unknown>>>;

/** The event type names of an events map. */
export type EventType<Events extends EventSchemas> = keyof Events & string;

/** The parsed data type of event `Type`. */
export type EventData<Events extends EventSchemas, Type extends string> = Type extends keyof Events
  ? StandardSchemaV1.InferOutput<Events[Type]>
  : unknown;

/** A verified, validated event as a handler receives it. */
export interface WebhookEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  /** The sender's event id; `undefined` when the scheme and payload carry none. */
  readonly id: string | undefined;
  /** The time the sender gives for the event or its signature, if it gives one. */
  readonly timestamp: Date | undefined;
  readonly data: Data;
}

/** The union of typed events for the types in `Types`. */
export type EventFor<Events extends EventSchemas, Types extends string> = Types extends unknown
  ? WebhookEvent<Types, EventData<Events, Types>>
  : never;

type Prefixes<Type extends string> = Type extends `${infer Head}.${infer Rest}`
  ? Head | `${Head}.${Prefixes<Rest>}`
  : never;

/**
 * What `on` accepts: an event type, or a dotted prefix ending in `.*` that matches every type
 * below it (`'order.*'` matches `order.created` and `order.item.added`).
 */
export type EventPattern<Events extends EventSchemas> =
  string extends EventType<Events>
    ? string
    : EventType<Events> | `${Prefixes<EventType<Events>>}.*`;

/** The event types that `Pattern` matches. */
export type MatchedType<Events extends EventSchemas, Pattern extends string> =
  string extends EventType<Events>
    ? string
    : Pattern extends `${infer Prefix}.*`
      ? Extract<EventType<Events>, `${Prefix}.${string}`>
      : Extract<EventType<Events>, Pattern>;

/** The second argument of a handler, next to the event. */
export interface HandlerContext {
  /** The verified request: headers, method and URL (the body was already parsed into `data`). */
  readonly delivery: Delivery;
  /** The dedupe key of this event, or `undefined` when dedupe is off or the event has no id. */
  readonly dedupeKey: string | undefined;
  /** The idempotency store, for handlers that keep their own records in it. */
  readonly store: IdempotencyStore | undefined;
  /** The token of this attempt's claim, for stores that complete inside a transaction. */
  readonly claimToken: string | undefined;
  /** The logger given to `createWebhooks`, or a silent one. */
  readonly log: Logger;
  /**
   * Runs `step` at most once per `key` across retries and processes, through the store. Returns
   * the step's result, or `undefined` when an earlier attempt already finished it.
   * @throws {WebhookRetryableError} `HOOKLINE_DUPLICATE_IN_PROGRESS` while another attempt runs it.
   */
  readonly once: <T>(key: string, step: () => T | Promise<T>) => Promise<T | undefined>;
  /**
   * Sets the body of the 2xx reply, for senders that read it (a Discord interaction response, a
   * Slack slash-command message). Objects are sent as JSON, strings as text. When several
   * handlers respond, the first call wins. A duplicate delivery gets the usual
   * `{"status":"duplicate"}` reply, because the first reply is not stored.
   * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` for a status outside 2xx.
   */
  readonly respond: (body: unknown, init?: ReplyInit) => void;
}

/** Status and headers of a handler's reply. */
export interface ReplyInit {
  /** A 2xx status. @default 200 */
  status?: number;
  headers?: Readonly<Record<string, string>>;
}

/** A function that handles events. A thrown error or rejected promise fails the delivery. */
export type WebhookHandler<Event = WebhookEvent> = (
  event: Event,
  context: HandlerContext,
) => unknown;
