import {
  events as catalogEvents,
  type OrderCreatedEvent,
  type UserRegisteredEvent,
} from './events.generated.js';

// The events the example receivers accept, keyed by the `event_type` field of the flat payload.
// The schemas are generated from examples/catalog/events.json by @hookline/codegen: edit the
// catalog and run `npm run generate -w examples/shared`, never the generated file. Amounts are
// integers in the currency's minor unit (cents), as payment providers send them.

/** Event type → schema of its data; a delivery of any other type is rejected with 400. */
export const events = {
  user_registered: catalogEvents.user_registered,
  order_created: catalogEvents.order_created,
};

/** The event types of the examples. */
export type ExampleEvents = typeof events;

export type { OrderCreatedEvent, UserRegisteredEvent };
