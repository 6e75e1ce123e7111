import type { Delivery } from './delivery.js';
import { WebhookPayloadError } from './errors/webhook-error.js';
import type { VerifiedDelivery } from './scheme.js';

/** The parts of an event that the router needs, read from a parsed payload. */
export interface EventParts {
  type: string;
  id: string | undefined;
  timestamp: Date | undefined;
  data: unknown;
}

/** The input of an envelope. */
export interface EnvelopeInput {
  payload: unknown;
  verified: VerifiedDelivery;
  delivery: Delivery;
}

/**
 * Reads the event type, id, timestamp and data out of a verified, parsed payload.
 * @throws {WebhookPayloadError} `HOOKLINE_MISSING_EVENT_TYPE` when there is no type.
 */
export type Envelope = (input: EnvelopeInput) => EventParts;

/** Options of {@link createEnvelope}: dotted paths into the payload. */
export interface EnvelopeOptions {
  /** Path of the event type, such as `'type'` or `'event_type'`. */
  type: string;
  /** Path of the event id. Ignored when the scheme found an id in the headers. */
  id?: string;
  /** Path of the event time: an ISO 8601 string, or seconds since the epoch. */
  timestamp?: string;
  /** Path of the event data. @default the whole payload */
  data?: string;
}

/**
 * Creates an envelope that reads fields by dotted path. The scheme's verified headers win over
 * the payload for the id, type and timestamp, because headers are what the sender signed
 * separately.
 * @example
 * createEnvelope({ type: 'event_type', id: 'event_id' }) // { "event_type": "…", "order_id": … }
 */
export function createEnvelope(options: EnvelopeOptions): Envelope {
  const typePath = options.type.split('.');
  const idPath = options.id?.split('.');
  const timestampPath = options.timestamp?.split('.');
  const dataPath = options.data?.split('.');

  return ({ payload, verified }) => {
    const type = verified.type ?? read(payload, typePath);
    if (typeof type !== 'string' || type === '') {
      throw new WebhookPayloadError(
        'HOOKLINE_MISSING_EVENT_TYPE',
        `Payload has no string event type at "${options.type}"`,
      );
    }
    const id = verified.id ?? stringOrUndefined(idPath && read(payload, idPath));
    const timestamp =
      verified.timestamp ?? (timestampPath ? toDate(read(payload, timestampPath)) : undefined);
    const data = dataPath ? read(payload, dataPath) : payload;
    return { type, id, timestamp, data };
  };
}

/** The Standard Webhooks payload: `{ "type": "…", "timestamp": "…", "data": { … } }`. */
export const standardEnvelope: Envelope = createEnvelope({
  type: 'type',
  timestamp: 'timestamp',
  data: 'data',
});

/**
 * A flat payload whose fields sit next to its type, such as
 * `{ "event_type": "order_created", "order_id": "…" }`. The data is the whole payload.
 * @param typeField path of the event type. @default 'event_type'
 */
export function flatEnvelope(typeField = 'event_type', idField?: string): Envelope {
  return createEnvelope(
    idField === undefined ? { type: typeField } : { type: typeField, id: idField },
  );
}

function read(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function stringOrUndefined(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function toDate(value: unknown): Date | undefined {
  let date: Date | undefined;
  if (typeof value === 'string') date = new Date(value);
  if (typeof value === 'number') date = new Date(value * 1000);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
