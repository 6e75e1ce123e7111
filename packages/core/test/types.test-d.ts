import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { createWebhooks, flatEnvelope, standardWebhooks, type WebhookEvent } from '@hookline/core';

const scheme = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
const webhooks = createWebhooks({
  scheme,
  envelope: flatEnvelope('event_type'),
  events: {
    user_registered: z.object({ user_id: z.string() }),
    order_created: z.object({ order_id: z.string(), amount: z.number() }),
    'invoice.paid': z.object({ cents: z.number() }),
    'invoice.voided': z.object({ reason: z.string() }),
  },
});

describe('event types', () => {
  test('types data from the schema', () => {
    webhooks.on('order_created', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'order_created'>();
      expectTypeOf(event.data.order_id).toEqualTypeOf<string>();
      expectTypeOf(event.data.amount).toEqualTypeOf<number>();
      expectTypeOf(event.id).toEqualTypeOf<string | undefined>();
    });
  });

  test('rejects an unknown event name', () => {
    // @ts-expect-error 'order_shipped' is not in the events map.
    webhooks.on('order_shipped', () => {});
  });

  test('rejects a field the schema does not have', () => {
    webhooks.on('user_registered', (event) => {
      // @ts-expect-error user_registered has no order_id.
      void event.data.order_id;
    });
  });

  test('types a list of types as a union', () => {
    webhooks.on(['user_registered', 'order_created'], (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'user_registered' | 'order_created'>();
      if (event.type === 'order_created') expectTypeOf(event.data.order_id).toEqualTypeOf<string>();
    });
  });

  test('types a dotted prefix as the union of its matches', () => {
    webhooks.on('invoice.*', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'invoice.paid' | 'invoice.voided'>();
    });
    // @ts-expect-error no type starts with order_created.
    webhooks.on('order_created.*', () => {});
  });

  test('gives onAny the union of all events', () => {
    webhooks.onAny((event) => {
      expectTypeOf(event.type).toEqualTypeOf<
        'user_registered' | 'order_created' | 'invoice.paid' | 'invoice.voided'
      >();
    });
  });

  test('accepts any type with unknown data without an events map', () => {
    const untyped = createWebhooks({ scheme });
    untyped.on('anything.at.all', (event) => {
      expectTypeOf(event).toEqualTypeOf<WebhookEvent<string, unknown>>();
    });
  });
});
