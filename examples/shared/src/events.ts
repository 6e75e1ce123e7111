import { z } from 'zod';

// The events the example receivers accept, keyed by the `event_type` field of the flat payload.
// Amounts are integers in the currency's minor unit (cents), as payment providers send them.

const userRegistered = z.object({
  user_id: z.string().min(1),
  email: z.email(),
  name: z.string().optional(),
  plan: z.enum(['free', 'pro', 'team']),
  registered_at: z.iso.datetime(),
});

const orderItem = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
  unit_price: z.number().int().nonnegative(),
});

const orderCreated = z.object({
  order_id: z.string().min(1),
  customer_id: z.string().min(1),
  amount: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'),
  items: z.array(orderItem).min(1),
  created_at: z.iso.datetime(),
});

/** Event type → schema of its data; any other type is answered 400. */
export const events = {
  user_registered: userRegistered,
  order_created: orderCreated,
};

/** The event types of the examples. */
export type ExampleEvents = typeof events;
