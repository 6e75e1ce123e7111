import { standardWebhooks } from '@hookline/core';

/** A `user_registered` payload as a sender would post it, with `fields` replacing defaults. */
export function userRegisteredPayload(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event_type: 'user_registered',
    user_id: 'usr_1001',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    plan: 'pro',
    registered_at: '2026-01-15T09:30:00Z',
    ...fields,
  });
}

/** An `order_created` payload as a sender would post it, with `fields` replacing defaults. */
export function orderCreatedPayload(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event_type: 'order_created',
    order_id: 'ord_5001',
    customer_id: 'usr_1001',
    amount: 4990,
    currency: 'EUR',
    items: [
      { sku: 'BOOK-042', quantity: 1, unit_price: 3990 },
      { sku: 'MUG-007', quantity: 1, unit_price: 1000 },
    ],
    created_at: '2026-01-15T09:31:00Z',
    ...fields,
  });
}

/** Options of {@link signDelivery}. */
export interface SignDeliveryOptions {
  /** The `webhook-id`. @default a random id */
  id?: string;
  /** The signing time in milliseconds. @default now */
  timestamp?: number;
}

/** Returns the headers a Standard Webhooks sender adds to `body`, plus the JSON content type. */
export function signDelivery(
  secret: string,
  body: string,
  options: SignDeliveryOptions = {},
): Record<string, string> {
  const scheme = standardWebhooks({ secret });
  const input: { body: string; id?: string; timestamp?: number } = { body };
  if (options.id !== undefined) input.id = options.id;
  if (options.timestamp !== undefined) input.timestamp = options.timestamp;
  return { 'content-type': 'application/json', ...scheme.sign(input) };
}
