import { createWebhooks, standardWebhooks } from '@hookline/core';
import { describe, expectTypeOf, test } from 'vitest';
import {
  events,
  type OrderCreatedEvent,
  type Plan,
} from '../../../examples/shared/src/events.generated.js';
import type {
  Category,
  CategoryUpdatedEvent,
  Section,
  SectionList,
} from './fixtures/tree.generated.js';

const scheme = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });

describe('router typed from generated events', () => {
  test('types the data of each event', () => {
    const webhooks = createWebhooks({ scheme, events });
    webhooks.on('order_created', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'order_created'>();
      expectTypeOf(event.data.order_id).toEqualTypeOf<string>();
      expectTypeOf(event.data.amount).toEqualTypeOf<number>();
      expectTypeOf(event.data).toEqualTypeOf<OrderCreatedEvent>();
    });
    webhooks.on('user_registered', (event) => {
      expectTypeOf(event.data.plan).toEqualTypeOf<Plan>();
      expectTypeOf(event.data.name).toEqualTypeOf<string | undefined>();
    });
  });

  test('rejects an event type outside the catalog', () => {
    const webhooks = createWebhooks({ scheme, events });
    // @ts-expect-error: order_deleted is not in the generated events map
    webhooks.on('order_deleted', () => undefined);
  });

  test('keeps optional and nullable fields apart', () => {
    expectTypeOf<OrderCreatedEvent['coupon']>().toEqualTypeOf<string | null | undefined>();
  });

  test('types recursive schemas', () => {
    expectTypeOf<Category['children'][number]>().toEqualTypeOf<Category>();
    expectTypeOf<CategoryUpdatedEvent['category']['children']>().toEqualTypeOf<Category[]>();
    expectTypeOf<Section['subsections']>().toEqualTypeOf<SectionList | undefined>();
    expectTypeOf<SectionList[number]>().toEqualTypeOf<Section>();
  });
});
