import type { EventFor } from '@hookline/core';
import type { ExampleEvents } from './events.js';

/** An event the examples handle. */
export type ExampleEvent = EventFor<ExampleEvents, keyof ExampleEvents>;

/** Formats one handled event as a single line: type, id, then its main fields. */
export function formatEvent(event: ExampleEvent): string {
  const head = `${event.type} ${event.id ?? '(no id)'}`;
  if (event.type === 'user_registered') {
    return `${head} user_id=${event.data.user_id} plan=${event.data.plan}`;
  }
  const { order_id, amount, currency, items } = event.data;
  const total = `${(amount / 100).toFixed(2)} ${currency}`;
  return `${head} order_id=${order_id} amount=${total} items=${items.length}`;
}
