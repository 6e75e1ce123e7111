import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { createWebhooks, type VerifiedDelivery, type WebhookScheme } from '@hookline/core';
import type { standardWebhooksV1a } from '@hookline/providers';
import {
  type GitHubOptions,
  github,
  hmac,
  type HmacOptions,
  shopify,
  slack,
  stripe,
} from '@hookline/providers';

describe('provider types', () => {
  test('factories return core schemes', () => {
    expectTypeOf(stripe({ secret: 'whsec_x' })).toEqualTypeOf<WebhookScheme<VerifiedDelivery>>();
    expectTypeOf(hmac).returns.toMatchTypeOf<WebhookScheme>();
    type V1aScheme = ReturnType<typeof standardWebhooksV1a>;
    expectTypeOf<ReturnType<V1aScheme['verify']>>().toHaveProperty('id');
  });

  test('secrets accept one value or a list', () => {
    expectTypeOf<string>().toMatchTypeOf<GitHubOptions['secret']>();
    expectTypeOf<string[]>().toMatchTypeOf<GitHubOptions['secret']>();
    expectTypeOf<Uint8Array>().toMatchTypeOf<GitHubOptions['secret']>();
    // @ts-expect-error a secret is text or bytes, not a number.
    stripe({ secret: 42 });
  });

  test('hmac content parts are typed', () => {
    expectTypeOf<HmacOptions['content']>().toEqualTypeOf<
      readonly ('body' | 'url' | { header: string } | { text: string })[] | undefined
    >();
  });

  test('provider event names type their data', () => {
    const webhooks = createWebhooks({
      scheme: github({ secret: 's' }),
      events: {
        'issues.opened': z.object({ issue: z.object({ number: z.number() }) }),
        app_mention: z.object({ text: z.string() }),
        'orders/create': z.object({ id: z.number() }),
      },
    });
    webhooks.on('issues.opened', (event) => {
      expectTypeOf(event.data.issue.number).toEqualTypeOf<number>();
    });
    webhooks.on('orders/create', (event) => {
      expectTypeOf(event.data.id).toEqualTypeOf<number>();
    });
    // @ts-expect-error 'issues.closed' is not in the events map.
    webhooks.on('issues.closed', () => {});
    expectTypeOf(createWebhooks({ scheme: slack({ secret: 's' }) })).toHaveProperty('on');
    expectTypeOf(shopify).parameter(0).toHaveProperty('secret');
  });
});
